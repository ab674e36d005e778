// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "metrics/StationHealth.h"

#include <QColor>
#include <QRect>

class QFontMetrics;
class QPainter;

namespace sd {

// The state badge: a coloured pill with the state's text. Up green, down red, link down purple,
// stale grey; unknown is an outlined grey pill. Shared by the fleet table's delegate and the
// station page so both look the same.
class HealthBadge
{
public:
    static QColor color(HealthState state);
    static QSize sizeHint(const QFontMetrics& metrics, HealthState state);
    // Paints the badge left-aligned and vertically centred in `rect`; returns the pill's rectangle.
    static QRect paint(QPainter& painter, const QRect& rect, HealthState state);
};

} // namespace sd
