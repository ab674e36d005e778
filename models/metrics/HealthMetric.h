// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace sd {

// The health figures Stationdeck keeps per station, derived from what its endpoints expose (see
// HealthDerivation) or asked of a Prometheus server (PromQlClient).
enum class HealthMetric {
    CpuPercent, // node: 100 − idle share over all CPUs; application only: process CPU, % of one core
    MemoryUsedBytes, // node: MemTotal − MemAvailable
    MemoryPercent, // node: used / MemTotal × 100
    ResidentBytes, // application: process_resident_memory_bytes
    VirtualBytes, // application: process_virtual_memory_bytes
    Up, // 1 when every endpoint of the station answered with a valid exposition, else 0
    ScrapeSeconds, // the slowest endpoint's scrape duration
};
inline constexpr int kHealthMetricCount = 7;

// "cpu", "memory_used", ... (stable: used in CSV headers, JSON and settings).
inline QString healthMetricKey(HealthMetric metric)
{
    switch (metric) {
    case HealthMetric::CpuPercent:
        return QStringLiteral("cpu_percent");
    case HealthMetric::MemoryUsedBytes:
        return QStringLiteral("memory_used_bytes");
    case HealthMetric::MemoryPercent:
        return QStringLiteral("memory_percent");
    case HealthMetric::ResidentBytes:
        return QStringLiteral("resident_bytes");
    case HealthMetric::VirtualBytes:
        return QStringLiteral("virtual_bytes");
    case HealthMetric::Up:
        return QStringLiteral("up");
    case HealthMetric::ScrapeSeconds:
        return QStringLiteral("scrape_seconds");
    }
    return {};
}

} // namespace sd
