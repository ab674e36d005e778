// SPDX-License-Identifier: GPL-3.0-or-later
#include "metrics/HealthDerivation.h"

#include <algorithm>
#include <cmath>

namespace sd {

HealthDerivation::Values HealthDerivation::derive(const RawHealth& current)
{
    Values values;
    values.node = current.hasNode();
    if (values.node) {
        values.memoryUsedBytes = memoryUsedBytes(current);
        values.memoryPercent = memoryPercent(current);
    } else {
        values.residentBytes = current.residentBytes;
        values.virtualBytes = current.virtualBytes;
    }
    return values;
}

HealthDerivation::Values HealthDerivation::derive(const RawHealth& previous, qint64 previousMs,
                                                  const RawHealth& current, qint64 currentMs)
{
    Values values = derive(current);
    const double elapsedSeconds = double(currentMs - previousMs) / 1000.0;
    if (!(elapsedSeconds > 0))
        return values;
    values.cpuPercent
        = values.node ? nodeCpuPercent(previous, current) : processCpuPercent(previous, current, elapsedSeconds);
    return values;
}

double HealthDerivation::nodeCpuPercent(const RawHealth& previous, const RawHealth& current)
{
    const double idle = current.nodeCpuIdleSeconds - previous.nodeCpuIdleSeconds;
    const double total = current.nodeCpuTotalSeconds - previous.nodeCpuTotalSeconds;
    // A missing (NaN) or infinite counter gives no value, as does a reset.
    if (!std::isfinite(idle) || !std::isfinite(total) || idle < 0 || total <= 0
        || current.nodeCpuCount != previous.nodeCpuCount)
        return RawHealth::kNone;
    return std::clamp(100.0 * (1.0 - idle / total), 0.0, 100.0);
}

double HealthDerivation::processCpuPercent(const RawHealth& previous, const RawHealth& current, double elapsedSeconds)
{
    if (!(elapsedSeconds > 0) || !std::isfinite(previous.processCpuSeconds) || !std::isfinite(current.processCpuSeconds)
        || current.processCpuSeconds < 0)
        return RawHealth::kNone;
    double increase = current.processCpuSeconds - previous.processCpuSeconds;
    if (increase < 0)
        increase = current.processCpuSeconds; // the process restarted: its counter began again at 0
    return increase / elapsedSeconds * 100.0;
}

double HealthDerivation::memoryUsedBytes(const RawHealth& raw)
{
    const double used = raw.memTotalBytes - raw.memAvailableBytes;
    return used >= 0 ? used : RawHealth::kNone;
}

double HealthDerivation::memoryPercent(const RawHealth& raw)
{
    const double used = memoryUsedBytes(raw);
    if (std::isnan(used) || !(raw.memTotalBytes > 0))
        return RawHealth::kNone;
    return used / raw.memTotalBytes * 100.0;
}

} // namespace sd
