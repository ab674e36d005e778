// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "metrics/RawHealth.h"

#include <QtGlobal>

namespace sd {

// Turns what two scrapes of one endpoint said (RawHealth) into the figures Stationdeck shows: CPU %
// from counter deltas (the same job as Prometheus rate()), memory used, resident and virtual. Pure
// functions; NaN wherever a figure cannot be had (a counter reset, a missing metric, no time passed).
//
//   node_exporter:  CPU %       = 100 × (1 − Δidle / Δtotal), idle and total summed over every CPU
//                   memory used = MemTotal − MemAvailable;  memory % = used / MemTotal × 100
//   application:    CPU %       = Δprocess_cpu_seconds / Δt × 100 (% of one core; > 100 on several)
//                   resident, virtual = process_resident_memory_bytes, process_virtual_memory_bytes
//
// An endpoint with node metrics is a node_exporter: its process_* metrics describe the exporter
// itself, not the station, and are left out.
class HealthDerivation
{
public:
    struct Values
    {
        double cpuPercent = RawHealth::kNone;
        double memoryUsedBytes = RawHealth::kNone;
        double memoryPercent = RawHealth::kNone;
        double residentBytes = RawHealth::kNone;
        double virtualBytes = RawHealth::kNone;
        bool node = false; // the endpoint is a node_exporter (RawHealth::hasNode())
    };

    HealthDerivation() = delete;

    // What one scrape gives on its own (no CPU: that needs two).
    static Values derive(const RawHealth& current);
    // What two successive successful scrapes of the same endpoint give; times in epoch ms.
    // CPU is NaN when Δt ≤ 0 (or NaN), and after a node counter reset (see nodeCpuPercent).
    static Values derive(const RawHealth& previous, qint64 previousMs, const RawHealth& current, qint64 currentMs);

    // 100 × (1 − Δidle/Δtotal) clamped to [0, 100]. NaN on a reset — the idle or the total sum
    // decreased, or the number of CPUs changed — and when Δtotal is 0: the next scrape resumes.
    static double nodeCpuPercent(const RawHealth& previous, const RawHealth& current);
    // Δprocess_cpu_seconds / Δt × 100. A decrease is a restart of the process: as Prometheus's
    // rate() does, the new value is taken as the increase. NaN when Δt ≤ 0.
    static double processCpuPercent(const RawHealth& previous, const RawHealth& current, double elapsedSeconds);
    // MemTotal − MemAvailable; NaN when either is missing or the difference is negative.
    static double memoryUsedBytes(const RawHealth& raw);
    // used / MemTotal × 100; NaN when MemTotal is not positive.
    static double memoryPercent(const RawHealth& raw);
};

} // namespace sd
