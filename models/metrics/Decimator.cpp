// SPDX-License-Identifier: GPL-3.0-or-later
#include "metrics/Decimator.h"

#include <algorithm>
#include <cmath>

namespace sd {

qsizetype DecimatedRuns::pointCount() const
{
    qsizetype count = 0;
    for (const QList<QPointF>& run : runs)
        count += run.size();
    return count;
}

namespace {

// Which pixel column a time falls in: [fromMs, toMs] in `columns` equal parts, the end in the last.
class ColumnGrid
{
public:
    ColumnGrid(std::int64_t fromMs, std::int64_t toMs, int columns)
        : m_fromMs(fromMs)
        , m_span(double(toMs - fromMs))
        , m_columns(double(columns))
    { }

    double of(std::int64_t timeMs) const
    {
        return std::min(std::floor(double(timeMs - m_fromMs) * m_columns / m_span), m_columns - 1);
    }

    // The first index in (first, end) whose time lies in a later column than times[first], or end.
    // Times are sorted: a galloping search from first + guess (the size of the column before, so
    // evenly spaced samples take two or three probes), O(log k) for a column of k samples anyway.
    std::size_t columnEnd(std::span<const std::int64_t> times, std::size_t first, std::size_t end,
                          std::size_t guess) const
    {
        const double column = of(times[first]);
        const auto inColumn = [&](std::int64_t timeMs) { return of(timeMs) <= column; };
        // Every index below low is in the column; the answer is at most high.
        std::size_t low = first + 1;
        std::size_t high = std::clamp(first + guess, low, end);
        if (high < end && inColumn(times[high])) {
            low = high + 1;
            high = low;
            for (std::size_t step = 1; high < end && inColumn(times[high]); step *= 2) {
                low = high + 1;
                high = std::min(end, high + step);
            }
        } else {
            for (std::size_t step = 1; high > low; step *= 2) {
                const std::size_t probe = high - std::min(step, high - low);
                if (inColumn(times[probe])) {
                    low = probe + 1;
                    break;
                }
                high = probe;
            }
        }
        const auto begin = times.begin();
        return std::size_t(std::partition_point(begin + std::ptrdiff_t(low), begin + std::ptrdiff_t(high), inColumn)
                           - begin);
    }

private:
    std::int64_t m_fromMs;
    double m_span;
    double m_columns;
};

// The kept samples of every run in one array, and where each run starts in it.
class RunWriter
{
public:
    RunWriter(std::span<const std::int64_t> times, std::span<const double> values, std::size_t expected)
        : m_times(times)
        , m_values(values)
    {
        m_points.reserve(expected);
    }

    void add(std::size_t index)
    {
        if (!m_open) {
            m_starts.push_back(m_points.size());
            m_open = true;
        }
        m_points.emplace_back(double(m_times[index]), m_values[index]);
    }

    // The lowest and highest sample of a column, in time order; one point when they are one sample.
    void addExtremes(std::size_t low, std::size_t high)
    {
        add(std::min(low, high));
        if (low != high)
            add(std::max(low, high));
    }

    void endRun() { m_open = false; }

    // Joins runs across the shortest gaps until at most maxRuns remain, then cuts the runs out.
    DecimatedRuns take(std::size_t maxRuns)
    {
        bridgeShortestGaps(maxRuns);
        DecimatedRuns result;
        result.runs.reserve(m_starts.size());
        for (std::size_t r = 0; r < m_starts.size(); ++r) {
            const auto first = m_points.begin() + std::ptrdiff_t(m_starts[r]);
            const auto last
                = r + 1 < m_starts.size() ? m_points.begin() + std::ptrdiff_t(m_starts[r + 1]) : m_points.end();
            result.runs.emplace_back(first, last);
        }
        return result;
    }

private:
    void bridgeShortestGaps(std::size_t maxRuns)
    {
        if (m_starts.size() <= maxRuns)
            return;
        // gaps[i]: from the end of run i to the start of run i + 1.
        std::vector<double> gaps(m_starts.size() - 1);
        for (std::size_t i = 0; i < gaps.size(); ++i)
            gaps[i] = m_points[m_starts[i + 1]].x() - m_points[m_starts[i + 1] - 1].x();
        // The (runs - maxRuns)-th shortest gap is the threshold; ties at the threshold are bridged
        // in time order until enough are.
        const std::size_t toBridge = m_starts.size() - maxRuns;
        std::vector<double> sorted = gaps;
        std::nth_element(sorted.begin(), sorted.begin() + std::ptrdiff_t(toBridge - 1), sorted.end());
        const double threshold = sorted[toBridge - 1];
        std::size_t tiesToBridge = toBridge
            - std::size_t(std::count_if(gaps.begin(), gaps.end(), [&](double gap) { return gap < threshold; }));
        std::vector<std::size_t> kept{m_starts.front()};
        kept.reserve(maxRuns);
        for (std::size_t i = 0; i < gaps.size(); ++i) {
            bool bridge = gaps[i] < threshold;
            if (!bridge && gaps[i] == threshold && tiesToBridge > 0) {
                bridge = true;
                --tiesToBridge;
            }
            if (!bridge)
                kept.push_back(m_starts[i + 1]);
        }
        m_starts = std::move(kept);
    }

    std::span<const std::int64_t> m_times;
    std::span<const double> m_values;
    std::vector<QPointF> m_points;
    std::vector<std::size_t> m_starts;
    bool m_open = false;
};

} // namespace

DecimatedRuns Decimator::decimate(std::span<const std::int64_t> timesMs, std::span<const double> values,
                                  std::int64_t fromMs, std::int64_t toMs, int columns, int maxRuns)
{
    const std::size_t count = std::min(timesMs.size(), values.size());
    if (toMs <= fromMs || columns < 1 || count == 0)
        return {};
    const auto timesBegin = timesMs.begin();
    const auto timesEnd = timesMs.begin() + std::ptrdiff_t(count);
    const std::size_t begin = std::size_t(std::lower_bound(timesBegin, timesEnd, fromMs) - timesBegin);
    const std::size_t end = std::size_t(std::upper_bound(timesBegin, timesEnd, toMs) - timesBegin);
    // One neighbour on each side, so the line runs to the plot's edges, when the line reaches it.
    const auto finiteAt = [&](std::size_t i) { return i < count && std::isfinite(values[i]); };
    const bool before = begin > 0 && finiteAt(begin - 1) && finiteAt(begin);
    const bool after = end > 0 && finiteAt(end) && finiteAt(end - 1);

    const ColumnGrid grid(fromMs, toMs, columns);
    RunWriter writer(timesMs, values, std::min(end - begin, 2 * std::size_t(columns)) + 2);
    if (before)
        writer.add(begin - 1);
    std::size_t guess = (end - begin) / std::size_t(columns) + 1;
    for (std::size_t i = begin; i < end;) {
        if (!std::isfinite(values[i])) {
            writer.endRun();
            ++i;
            continue;
        }
        // The finite samples from i to the column's end or the next gap: lowest and highest.
        const std::size_t columnEnd = grid.columnEnd(timesMs, i, end, guess);
        guess = columnEnd - i;
        std::size_t low = i;
        std::size_t high = i;
        double lowest = values[i];
        double highest = lowest;
        std::size_t next = i + 1;
        for (; next < columnEnd; ++next) {
            const double value = values[next];
            if (!std::isfinite(value))
                break;
            if (value < lowest) {
                lowest = value;
                low = next;
            }
            if (value > highest) {
                highest = value;
                high = next;
            }
        }
        writer.addExtremes(low, high);
        i = next;
    }
    if (after)
        writer.add(end);
    return writer.take(std::size_t(std::max(maxRuns, 1)));
}

} // namespace sd
