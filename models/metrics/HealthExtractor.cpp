// SPDX-License-Identifier: GPL-3.0-or-later
#include "metrics/HealthExtractor.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace sd {

namespace {

using Family = ExpositionParser::Family;
using Sample = ExpositionParser::Sample;

// Family names as each format writes them (OpenMetrics drops a counter's _total from the family).
constexpr std::array<std::string_view, 10> kWanted = {
    "node_cpu_seconds_total",
    "node_cpu_seconds",
    "node_memory_MemTotal_bytes",
    "node_memory_MemAvailable_bytes",
    "process_cpu_seconds_total",
    "process_cpu_seconds",
    "process_resident_memory_bytes",
    "process_virtual_memory_bytes",
    // Old node_exporter (< 0.16) names, still met on long-lived stations.
    "node_memory_MemTotal",
    "node_memory_MemAvailable",
};

std::string_view labelValue(const Sample& sample, std::string_view name)
{
    for (const auto& label : sample.labels) {
        if (label.name == name)
            return label.value;
    }
    return {};
}

double addTo(double sum, double value)
{
    return std::isnan(sum) ? value : sum + value;
}

class Visitor final : public ExpositionParser::Visitor
{
public:
    RawHealth raw;

    bool onFamily(const Family& family) override
    {
        return std::find(kWanted.begin(), kWanted.end(), family.name) != kWanted.end();
    }

    void onSample(const Family&, const Sample& sample) override
    {
        const std::string_view name = sample.name;
        if (name == "node_cpu_seconds_total") {
            raw.nodeCpuTotalSeconds = addTo(raw.nodeCpuTotalSeconds, sample.value);
            if (labelValue(sample, "mode") == "idle") {
                raw.nodeCpuIdleSeconds = addTo(raw.nodeCpuIdleSeconds, sample.value);
                ++raw.nodeCpuCount; // one idle sample per CPU
            }
        } else if (name == "node_memory_MemTotal_bytes" || name == "node_memory_MemTotal") {
            raw.memTotalBytes = sample.value;
        } else if (name == "node_memory_MemAvailable_bytes" || name == "node_memory_MemAvailable") {
            raw.memAvailableBytes = sample.value;
        } else if (name == "process_cpu_seconds_total") {
            raw.processCpuSeconds = sample.value;
        } else if (name == "process_resident_memory_bytes") {
            raw.residentBytes = sample.value;
        } else if (name == "process_virtual_memory_bytes") {
            raw.virtualBytes = sample.value;
        }
    }
};

} // namespace

Result<RawHealth> HealthExtractor::extract(std::string_view body, MetricsFormat format)
{
    Visitor visitor;
    auto parsed = m_parser.parse(body, format, &visitor);
    if (!parsed)
        return parsed.error();
    return visitor.raw;
}

} // namespace sd
