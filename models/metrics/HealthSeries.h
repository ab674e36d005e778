// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "metrics/HealthMetric.h"

#include <QString>

#include <cstdint>
#include <vector>

namespace sd {

// One metric of one station over time, as handed to charts and CSV export: a copy, in time order,
// whether it came from the SeriesStore (direct scraping) or a Prometheus server (query_range).
// A NaN value is a gap (the station did not answer then); charts break the line there.
struct HealthSeries
{
    QString station;
    HealthMetric metric = HealthMetric::CpuPercent;
    std::vector<std::int64_t> timesMs; // UTC milliseconds since the epoch, ascending
    std::vector<double> values; // same length as timesMs

    bool isEmpty() const { return timesMs.empty(); }
};

} // namespace sd
