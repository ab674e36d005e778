// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "metrics/HealthMetric.h"

#include <QDateTime>
#include <QString>

#include <array>
#include <cmath>
#include <limits>

namespace sd {

// A station's live state as the fleet table and the overview show it.
//   Unknown   not scraped yet (or no metrics URL)
//   Up        every endpoint answered with a valid exposition in the latest round
//   Down      an endpoint refuses or errors (the reason names it); its site's link is up
//   Stale     no fresh data for N intervals, without a failure to explain it (scraping paused,
//             answers still pending, the console was asleep)
//   LinkDown  every station of the site fails to answer at once: the site's link is down, and
//             nothing is known of this station
enum class HealthState { Unknown, Up, Down, Stale, LinkDown };

inline QString healthStateText(HealthState state)
{
    switch (state) {
    case HealthState::Unknown:
        return QStringLiteral("unknown");
    case HealthState::Up:
        return QStringLiteral("up");
    case HealthState::Down:
        return QStringLiteral("down");
    case HealthState::Stale:
        return QStringLiteral("stale");
    case HealthState::LinkDown:
        return QStringLiteral("link down");
    }
    return {};
}

struct StationHealth
{
    HealthState state = HealthState::Unknown;
    QString reason; // a sentence for Down, Stale and LinkDown; empty for Up and Unknown
    QDateTime lastSuccess; // UTC; invalid if never
    QDateTime lastAttempt; // UTC; invalid if never
    // The latest derived values, NaN when unknown (CPU needs two scrapes).
    std::array<double, kHealthMetricCount> latest = filled();
    bool hasNode = false; // a node_exporter endpoint answers (else memory is the process's)

    double value(HealthMetric metric) const { return latest[std::size_t(metric)]; }

private:
    static std::array<double, kHealthMetricCount> filled()
    {
        std::array<double, kHealthMetricCount> values{};
        values.fill(std::numeric_limits<double>::quiet_NaN());
        return values;
    }
};

} // namespace sd
