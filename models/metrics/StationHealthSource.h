// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "metrics/HealthMetric.h"
#include "metrics/StationHealth.h"

#include <QObject>
#include <QString>

#include <vector>

namespace sd {

// Where the item models read station health from: the HealthTracker (direct scraping) or the
// Prometheus server poller. Both keep their own history; the table asks only for the latest state
// and a short tail for its sparklines.
class StationHealthSource : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;

    virtual StationHealth health(const QString& station) const = 0;
    // The last `count` values of `metric` (oldest first; NaN where a scrape failed), fewer when
    // there is less history.
    virtual std::vector<double> sparkline(const QString& station, HealthMetric metric, int count) const = 0;
    virtual bool siteLinkDown(const QString& site) const = 0;

Q_SIGNALS:
    // Something changed; emitted at most once per event-loop pass however many stations changed,
    // so that a view repaints once per scrape round, not once per station.
    void healthChanged();
};

} // namespace sd
