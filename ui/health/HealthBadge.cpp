// SPDX-License-Identifier: GPL-3.0-or-later
#include "health/HealthBadge.h"

#include <QFontMetrics>
#include <QPainter>

namespace sd {

namespace {

constexpr int kPadding = 7;

} // namespace

QColor HealthBadge::color(HealthState state)
{
    switch (state) {
    case HealthState::Up:
        return QColor(0x1e, 0x8e, 0x3e);
    case HealthState::Down:
        return QColor(0xd9, 0x30, 0x25);
    case HealthState::LinkDown:
        return QColor(0x8e, 0x24, 0xaa);
    case HealthState::Stale:
        return QColor(0x75, 0x75, 0x75);
    case HealthState::Unknown:
        break;
    }
    return QColor(0x9a, 0xa0, 0xa6);
}

QSize HealthBadge::sizeHint(const QFontMetrics& metrics, HealthState state)
{
    return QSize(metrics.horizontalAdvance(healthStateText(state)) + 2 * kPadding, metrics.height() + 4);
}

QRect HealthBadge::paint(QPainter& painter, const QRect& rect, HealthState state)
{
    const QSize size = sizeHint(painter.fontMetrics(), state).boundedTo(rect.size());
    const QRect pill(rect.left(), rect.top() + (rect.height() - size.height()) / 2, size.width(), size.height());
    const QColor fill = color(state);
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing);
    const qreal radius = pill.height() / 2.0;
    if (state == HealthState::Unknown) {
        painter.setPen(QPen(fill, 1));
        painter.setBrush(Qt::NoBrush);
        painter.drawRoundedRect(QRectF(pill).adjusted(0.5, 0.5, -0.5, -0.5), radius, radius);
    } else {
        painter.setPen(Qt::NoPen);
        painter.setBrush(fill);
        painter.drawRoundedRect(pill, radius, radius);
    }
    painter.setPen(state == HealthState::Unknown ? fill : QColor(Qt::white));
    painter.drawText(pill, Qt::AlignCenter, healthStateText(state));
    painter.restore();
    return pill;
}

} // namespace sd
