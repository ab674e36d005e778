// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "metrics/StationHealth.h"

#include <QList>
#include <QString>

#include <array>

namespace sd {

class StationHealthSource;
struct Station;

// The fleet at a glance, for the overview above the station table: how many stations are in each
// state, the busiest stations by CPU and by memory, and the sites whose link is down. Retired
// stations are left out.
struct FleetHealthSummary
{
    struct Entry
    {
        QString station;
        QString site;
        double value = 0; // percent
        friend bool operator==(const Entry&, const Entry&) = default;
    };
    struct LinkDownSite
    {
        QString site;
        int stations = 0;
        friend bool operator==(const LinkDownSite&, const LinkDownSite&) = default;
    };

    std::array<int, 5> counts{}; // indexed by HealthState
    QList<Entry> topCpu; // descending; stations with a figure only
    QList<Entry> topMemory; // memory used, % of the host's (node_exporter stations only)
    QList<LinkDownSite> linkDownSites; // by site name

    int count(HealthState state) const { return counts[std::size_t(state)]; }
    int total() const;

    static FleetHealthSummary compute(const QList<Station>& stations, const StationHealthSource& source, int top = 5);
};

} // namespace sd
