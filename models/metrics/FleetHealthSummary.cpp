// SPDX-License-Identifier: GPL-3.0-or-later
#include "metrics/FleetHealthSummary.h"

#include "fleet/Station.h"
#include "metrics/StationHealthSource.h"

#include <QMap>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace sd {

namespace {

void keepTop(QList<FleetHealthSummary::Entry>& entries, int top)
{
    // Highest first; equal values by station name, so that the order is stable between rounds.
    std::sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) {
        return a.value != b.value ? a.value > b.value : a.station < b.station;
    });
    if (entries.size() > top)
        entries.resize(top);
}

} // namespace

int FleetHealthSummary::total() const
{
    return std::accumulate(counts.begin(), counts.end(), 0);
}

FleetHealthSummary FleetHealthSummary::compute(const QList<Station>& stations, const StationHealthSource& source,
                                               int top)
{
    FleetHealthSummary summary;
    QMap<QString, int> linkDown; // site → stations
    for (const Station& station : stations) {
        if (station.retired)
            continue;
        const StationHealth health = source.health(station.name);
        ++summary.counts[std::size_t(health.state)];
        if (health.state == HealthState::LinkDown)
            ++linkDown[station.site];
        if (health.state != HealthState::Up)
            continue; // old figures of a station that does not answer are not "busiest"
        if (const double cpu = health.value(HealthMetric::CpuPercent); !std::isnan(cpu) && health.hasNode)
            summary.topCpu.append({station.name, station.site, cpu});
        if (const double memory = health.value(HealthMetric::MemoryPercent); !std::isnan(memory))
            summary.topMemory.append({station.name, station.site, memory});
    }
    keepTop(summary.topCpu, top);
    keepTop(summary.topMemory, top);
    for (auto it = linkDown.cbegin(); it != linkDown.cend(); ++it)
        summary.linkDownSites.append({it.key(), it.value()});
    return summary;
}

} // namespace sd
