// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "metrics/StationHealthSource.h"

#include <QHash>
#include <QSet>

#include <cmath>
#include <vector>

namespace sd::test {

// A StationHealthSource backed by tables the test fills: it stands in for HealthTracker in tests
// of what consumes health (item models, the overview), so that each figure can be pinned.
// HealthTracker itself is tested against ScrapeOutcomes in tst_healthtracker.
class TableHealthSource final : public StationHealthSource
{
public:
    QHash<QString, StationHealth> states;
    QHash<QString, std::vector<double>> cpuTails;
    QSet<QString> linkDownSites;

    StationHealth health(const QString& station) const override { return states.value(station); }
    std::vector<double> sparkline(const QString& station, HealthMetric metric, int count) const override
    {
        if (metric != HealthMetric::CpuPercent)
            return {};
        std::vector<double> tail = cpuTails.value(station);
        if (int(tail.size()) > count)
            tail.erase(tail.begin(), tail.end() - count);
        return tail;
    }
    bool siteLinkDown(const QString& site) const override { return linkDownSites.contains(site); }
    void changed() { Q_EMIT healthChanged(); }

    static StationHealth make(HealthState state, double cpu, double memPercent, double memUsed,
                              const QString& reason = {})
    {
        StationHealth health;
        health.state = state;
        health.reason = reason;
        health.hasNode = true;
        health.latest[std::size_t(HealthMetric::CpuPercent)] = cpu;
        health.latest[std::size_t(HealthMetric::MemoryPercent)] = memPercent;
        health.latest[std::size_t(HealthMetric::MemoryUsedBytes)] = memUsed;
        return health;
    }
};

} // namespace sd::test
