// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QPointF>

#include <cstdint>
#include <span>
#include <vector>

namespace sd {

// What a chart draws of one series: its gap-free runs, each a polyline of original samples
// (x = UTC milliseconds since the epoch, y = value) in time order. QLineSeries cannot draw a gap,
// so a chart shows one QLineSeries per run; `maxRuns` bounds how many there are.
struct DecimatedRuns
{
    std::vector<QList<QPointF>> runs;

    qsizetype pointCount() const;
    bool isEmpty() const { return runs.empty(); }
};

// Min/max decimation for line charts, O(n) over the samples in range.
//
// The range [fromMs, toMs] is split into `columns` equal pixel columns. Per column and run, the
// lowest and the highest sample are kept, in the order they occur, so the drawn line keeps every
// spike and dip: two points per column at most, one when a column holds one sample (or its lowest
// sample is also its highest). Samples are kept as they are (not moved to the column centre), so
// a hovered point is a real sample. Column boundaries are found by a galloping search on the
// sorted times; the samples of a column are then scanned in one tight pass.
//
// A non-finite value (NaN: the station did not answer) ends a run; the next finite sample starts a
// new one. The nearest sample before fromMs (after toMs) is kept too when it and the sample after
// (before) it are finite, so the line runs to the plot's edges (the plot clips it).
//
// When there are more than `maxRuns` runs, the shortest gaps are bridged until `maxRuns` remain
// (a chart draws at most that many QLineSeries per metric; gaps that short are narrower than
// the others anyway). `maxRuns` < 1 counts as 1.
class Decimator
{
public:
    static constexpr int kDefaultMaxRuns = 32;

    static DecimatedRuns decimate(std::span<const std::int64_t> timesMs, std::span<const double> values,
                                  std::int64_t fromMs, std::int64_t toMs, int columns, int maxRuns = kDefaultMaxRuns);
};

} // namespace sd
