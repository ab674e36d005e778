// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "metrics/HealthSeries.h"

#include <cmath>
#include <limits>
#include <numbers>

namespace sd::test {

// A day-like CPU or memory series: a slow daily wave, a few bursts and noise, one sample every
// `stepMs` over [fromMs, toMs], with NaN (a gap) over [gapFromMs, gapToMs).
inline HealthSeries syntheticSeries(const QString& station, HealthMetric metric, qint64 fromMs, qint64 toMs,
                                    qint64 stepMs, qint64 gapFromMs = 0, qint64 gapToMs = 0)
{
    HealthSeries series{station, metric, {}, {}};
    std::uint32_t noise = 12345;
    const bool bytes = metric != HealthMetric::CpuPercent && metric != HealthMetric::MemoryPercent;
    for (qint64 t = fromMs; t <= toMs; t += stepMs) {
        noise = noise * 1664525u + 1013904223u;
        const double hours = double(t - fromMs) / 3'600'000.0;
        const double jitter = double(noise >> 8) / double(1u << 24) - 0.5;
        const double burst = std::fmod(hours, 5.3) < 0.15 ? 35 : 0;
        double value = 28 + 14 * std::sin(hours / 24 * 2 * std::numbers::pi) + 8 * jitter + burst;
        if (bytes)
            value = (2.6 + 0.5 * std::sin(hours / 7) + 0.05 * jitter + burst / 100) * 1024 * 1024 * 1024;
        series.timesMs.push_back(t);
        series.values.push_back(t >= gapFromMs && t < gapToMs ? std::numeric_limits<double>::quiet_NaN() : value);
    }
    return series;
}

} // namespace sd::test
