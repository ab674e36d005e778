// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/Result.h"
#include "metrics/HealthSeries.h"

#include <QList>

class QIODevice;

namespace sd {

// Writes health series as CSV (RFC 4180: CRLF line ends, fields quoted when they hold a comma, a
// quote or a line break). The first column, "time (UTC)", is ISO 8601 with milliseconds
// ("2026-11-28T07:00:00.000Z"); then one column per series, named after its metric key and unit
// ("cpu_percent (%)", "memory_used_bytes (bytes)"), prefixed by the station when the series
// belong to more than one station. One row per distinct time over all series; a series without a
// value at that time, or with NaN, leaves its cell empty. Values are written in the shortest form
// that reads back exactly.
class SeriesCsv
{
public:
    static Result<void> write(const QList<HealthSeries>& series, QIODevice& device);

    // "%", "bytes", "s" or "" (for the header, and for charts and tooltips).
    static QString unit(HealthMetric metric);
    static QByteArray header(const QList<HealthSeries>& series);
};

} // namespace sd
