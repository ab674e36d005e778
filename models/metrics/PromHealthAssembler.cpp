// SPDX-License-Identifier: GPL-3.0-or-later
#include "metrics/PromHealthAssembler.h"

#include "metrics/PromQlTemplates.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace sd {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Node and process values of one station, kept apart until the end (for CPU %).
struct Pair
{
    double node = kNaN;
    double process = kNaN;

    // Process CPU adds up over a station's processes, as its template sums it.
    void add(HealthMetric metric, bool fromProcess, double value)
    {
        double& slot = fromProcess ? process : node;
        slot = PromHealthAssembler::combine(fromProcess ? HealthMetric::MemoryUsedBytes : metric, slot, value);
    }
    double result() const { return std::isnan(node) ? process : node; }
};

} // namespace

PromHealthAssembler::PromHealthAssembler(const QString& stationLabel, const QList<PromStation>& stations)
    : m_label(stationLabel)
{
    for (const PromStation& station : stations) {
        for (const QString& key : station.keys)
            m_stationByKey.insert(key, station.name);
    }
}

double PromHealthAssembler::combine(HealthMetric metric, double a, double b)
{
    if (std::isnan(a))
        return b;
    if (std::isnan(b))
        return a;
    switch (metric) {
    case HealthMetric::Up:
        return std::min(a, b);
    case HealthMetric::CpuPercent:
    case HealthMetric::MemoryPercent:
    case HealthMetric::ScrapeSeconds:
        return std::max(a, b);
    case HealthMetric::MemoryUsedBytes:
    case HealthMetric::ResidentBytes:
    case HealthMetric::VirtualBytes:
        return a + b;
    }
    return a;
}

QString PromHealthAssembler::stationOf(const PromSeries& series) const
{
    const auto it = series.labels.constFind(m_label);
    return it == series.labels.cend() ? QString() : m_stationByKey.value(*it);
}

bool PromHealthAssembler::isProcess(const PromSeries& series)
{
    return series.labels.value(PromQlTemplates::sourceLabel()) == QLatin1String("process");
}

void PromHealthAssembler::addLatest(HealthMetric metric, const PromApiResponse& response, PromFleetValues* out) const
{
    QHash<QString, Pair> values;
    for (const PromSeries& series : response.series()) {
        const QString station = stationOf(series);
        if (station.isEmpty() || series.values.empty())
            continue;
        values[station].add(metric, isProcess(series), series.values.back());
    }
    for (auto it = values.cbegin(); it != values.cend(); ++it) {
        auto slot = out->stations.find(it.key());
        if (slot == out->stations.end())
            slot = out->stations.insert(it.key(), PromFleetValues::unknown());
        (*slot)[std::size_t(metric)] = it->result();
    }
}

HealthSeries PromHealthAssembler::series(HealthMetric metric, const QString& station, const PromApiResponse& response,
                                         std::int64_t startMs, std::int64_t endMs, std::int64_t stepMs) const
{
    HealthSeries out;
    out.station = station;
    out.metric = metric;
    if (stepMs <= 0 || endMs < startMs)
        return out;
    const std::size_t count = std::size_t((endMs - startMs) / stepMs) + 1;
    std::vector<Pair> grid(count);
    for (const PromSeries& series : response.series()) {
        if (stationOf(series) != station)
            continue;
        const bool process = isProcess(series);
        for (std::size_t i = 0; i < series.timesMs.size(); ++i) {
            const double offset = double(series.timesMs[i] - startMs) / double(stepMs);
            const auto index = std::llround(offset);
            if (index < 0 || std::size_t(index) >= count)
                continue;
            grid[std::size_t(index)].add(metric, process, series.values[i]);
        }
    }
    out.timesMs.reserve(count);
    out.values.reserve(count);
    for (std::size_t i = 0; i < count; ++i) {
        out.timesMs.push_back(startMs + std::int64_t(i) * stepMs);
        out.values.push_back(grid[i].result());
    }
    return out;
}

} // namespace sd
