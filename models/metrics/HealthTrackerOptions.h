// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <algorithm>
#include <chrono>
#include <cstddef>

namespace sd {

// How HealthTracker judges and how much history it keeps.
struct HealthTrackerOptions
{
    std::chrono::milliseconds interval = std::chrono::seconds(15); // the scrape interval
    int staleAfterIntervals = 3; // no success for this many intervals, no failure: Stale
    std::chrono::milliseconds history = std::chrono::hours(6); // kept per station
    int linkWindowIntervals = 2; // the attempts of one round are no older than this many intervals

    // Rows kept per station: history / interval (1,440 by default), at least 1.
    std::size_t capacity() const
    {
        const auto step = std::max<long long>(interval.count(), 1);
        return std::size_t(std::max<long long>(history.count() / step, 1));
    }
    long long staleAfterMs() const { return interval.count() * std::max(staleAfterIntervals, 1); }
    long long linkWindowMs() const { return interval.count() * std::max(linkWindowIntervals, 1); }
};

} // namespace sd
