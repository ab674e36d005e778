// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "metrics/StationHealth.h"

#include <QWidget>

namespace sd {

// A station's state as a badge in a form or header (HealthBadge).
class HealthBadgeLabel : public QWidget
{
    Q_OBJECT
public:
    explicit HealthBadgeLabel(QWidget* parent = nullptr);

    void setState(HealthState state);
    HealthState state() const { return m_state; }
    QSize sizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    HealthState m_state = HealthState::Unknown;
};

} // namespace sd
