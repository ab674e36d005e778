// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "metrics/HealthSeries.h"
#include "metrics/PromApiResponse.h"
#include "metrics/PromFleetValues.h"
#include "metrics/PromStation.h"

#include <QHash>
#include <QList>

#include <cstdint>

namespace sd {

// Turns the answers to PromQlTemplates' queries into health figures per station (no network):
// each series is given to the station whose key its station label holds (others are ignored).
// When several series reach one station (a station with several metrics URLs, matched by
// address), they combine as the templates aggregate: up takes the minimum, scrape seconds,
// memory % and node CPU % the maximum, bytes and process CPU their sum; for CPU % a node series
// wins over a process one (marked by PromQlTemplates::sourceLabel()).
class PromHealthAssembler
{
public:
    PromHealthAssembler(const QString& stationLabel, const QList<PromStation>& stations);

    // An instant vector for `metric` into `out` (stations seen get an entry).
    void addLatest(HealthMetric metric, const PromApiResponse& response, PromFleetValues* out) const;
    // A matrix for `metric` as one station's series on the grid start, start+step, ... <= end,
    // NaN where the server has no point.
    HealthSeries series(HealthMetric metric, const QString& station, const PromApiResponse& response,
                        std::int64_t startMs, std::int64_t endMs, std::int64_t stepMs) const;

    // NaN-aware combination of two values of one station (NaN when both are).
    static double combine(HealthMetric metric, double a, double b);

private:
    QString stationOf(const PromSeries& series) const;
    static bool isProcess(const PromSeries& series);

    QString m_label;
    QHash<QString, QString> m_stationByKey;
};

} // namespace sd
