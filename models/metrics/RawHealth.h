// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cmath>
#include <limits>

namespace sd {

// What one exposition says about its host or process, before any rate is taken: the few values
// HealthExtractor picks out of a scrape body. NaN where the body does not have the metric.
struct RawHealth
{
    static constexpr double kNone = std::numeric_limits<double>::quiet_NaN();

    // node_exporter: node_cpu_seconds_total summed over every CPU, for mode="idle" and for all modes.
    double nodeCpuIdleSeconds = kNone;
    double nodeCpuTotalSeconds = kNone;
    int nodeCpuCount = 0; // distinct cpu label values
    // node_exporter: node_memory_MemTotal_bytes and node_memory_MemAvailable_bytes.
    double memTotalBytes = kNone;
    double memAvailableBytes = kNone;
    // Any client library's process collector.
    double processCpuSeconds = kNone;
    double residentBytes = kNone;
    double virtualBytes = kNone;

    bool hasNode() const { return !std::isnan(nodeCpuTotalSeconds) || !std::isnan(memTotalBytes); }
    bool hasProcess() const { return !std::isnan(processCpuSeconds) || !std::isnan(residentBytes); }
};

} // namespace sd
