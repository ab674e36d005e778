// SPDX-License-Identifier: GPL-3.0-or-later
#include "health/ValueScale.h"

#include <cmath>

namespace sd {

ValueScale ValueScale::forMetric(HealthMetric metric, double largestValue)
{
    switch (metric) {
    case HealthMetric::CpuPercent:
    case HealthMetric::MemoryPercent:
        return {QStringLiteral("%"), 1, 1};
    case HealthMetric::MemoryUsedBytes:
    case HealthMetric::ResidentBytes:
    case HealthMetric::VirtualBytes:
        if (std::isfinite(largestValue) && largestValue >= 1024.0 * 1024 * 1024)
            return {QStringLiteral("GiB"), 1024.0 * 1024 * 1024, 2};
        return {QStringLiteral("MiB"), 1024.0 * 1024, 1};
    case HealthMetric::ScrapeSeconds:
        return {QStringLiteral("s"), 1, 3};
    case HealthMetric::Up:
        break;
    }
    return {QString(), 1, 0};
}

QString ValueScale::format(double raw) const
{
    if (!std::isfinite(raw))
        return QStringLiteral("no data");
    const QString number = QString::number(scaled(raw), 'f', decimals);
    return unit.isEmpty() ? number : number + QLatin1Char(' ') + unit;
}

QString ValueScale::axisLabelFormat(int axisDecimals) const
{
    const QString number = QStringLiteral("%.") + QString::number(axisDecimals) + QLatin1Char('f');
    if (unit.isEmpty())
        return number;
    return number + QLatin1Char(' ') + (unit == QLatin1String("%") ? QStringLiteral("%%") : unit);
}

QString ValueScale::metricName(HealthMetric metric)
{
    switch (metric) {
    case HealthMetric::CpuPercent:
        return QStringLiteral("CPU");
    case HealthMetric::MemoryUsedBytes:
        return QStringLiteral("Memory used");
    case HealthMetric::MemoryPercent:
        return QStringLiteral("Memory");
    case HealthMetric::ResidentBytes:
        return QStringLiteral("Resident");
    case HealthMetric::VirtualBytes:
        return QStringLiteral("Virtual");
    case HealthMetric::Up:
        return QStringLiteral("Up");
    case HealthMetric::ScrapeSeconds:
        return QStringLiteral("Scrape time");
    }
    return {};
}

} // namespace sd
