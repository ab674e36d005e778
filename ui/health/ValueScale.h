// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "metrics/HealthMetric.h"

#include <QString>

namespace sd {

// How a chart axis, a tooltip and a table cell show a metric's values: percent as "%", bytes in
// MiB or GiB (chosen by the largest value shown), seconds as "s".
struct ValueScale
{
    QString unit; // "%", "MiB", "GiB", "s" or ""
    double divisor = 1; // raw value / divisor = shown value
    int decimals = 0;

    static ValueScale forMetric(HealthMetric metric, double largestValue);

    double scaled(double raw) const { return raw / divisor; }
    // "42.3 %", "1.52 GiB"; "no data" for NaN.
    QString format(double raw) const;
    // A QValueAxis label format such as "%.0f %%" or "%.1f GiB".
    QString axisLabelFormat(int axisDecimals) const;

    // "CPU", "Memory used", "Resident", ...
    static QString metricName(HealthMetric metric);
};

} // namespace sd
