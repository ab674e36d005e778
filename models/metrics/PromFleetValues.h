// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "metrics/HealthMetric.h"

#include <QDateTime>
#include <QHash>
#include <QStringList>

#include <array>
#include <cstddef>
#include <limits>

namespace sd {

// The latest health figures of many stations, asked of a Prometheus server in one query per
// metric (PromQlClient::fetchLatest). A station the server has no series for is absent; a metric
// it has no series for is NaN.
struct PromFleetValues
{
    using Values = std::array<double, kHealthMetricCount>;

    QDateTime at; // the evaluation time (UTC); invalid when the server's "now" was used
    QHash<QString, Values> stations; // by station name
    QStringList warnings; // the server's, one per line, without repeats

    double value(const QString& station, HealthMetric metric) const
    {
        const auto it = stations.constFind(station);
        return it == stations.cend() ? std::numeric_limits<double>::quiet_NaN() : (*it)[std::size_t(metric)];
    }
    static Values unknown()
    {
        Values values{};
        values.fill(std::numeric_limits<double>::quiet_NaN());
        return values;
    }
};

} // namespace sd
