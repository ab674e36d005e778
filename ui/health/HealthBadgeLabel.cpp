// SPDX-License-Identifier: GPL-3.0-or-later
#include "health/HealthBadgeLabel.h"

#include "health/HealthBadge.h"

#include <QPainter>

namespace sd {

HealthBadgeLabel::HealthBadgeLabel(QWidget* parent)
    : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
    setAccessibleName(healthStateText(m_state));
}

void HealthBadgeLabel::setState(HealthState state)
{
    m_state = state;
    setAccessibleName(healthStateText(state));
    updateGeometry();
    update();
}

QSize HealthBadgeLabel::sizeHint() const
{
    return HealthBadge::sizeHint(fontMetrics(), m_state);
}

void HealthBadgeLabel::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    HealthBadge::paint(painter, rect(), m_state);
}

} // namespace sd
