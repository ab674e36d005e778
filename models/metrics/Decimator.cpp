// SPDX-License-Identifier: GPL-3.0-or-later
#include "metrics/Decimator.h"

#include <algorithm>
#include <array>
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

// The first, lowest, highest and last sample of one column of one run (indices into the input).
struct Column
{
    std::size_t first = 0;
    std::size_t low = 0;
    std::size_t high = 0;
    std::size_t last = 0;
    bool used = false;
};

class RunBuilder
{
public:
    RunBuilder(std::span<const std::int64_t> times, std::span<const double> values)
        : m_times(times)
        , m_values(values)
    { }

    void add(std::size_t index, std::int64_t column)
    {
        if (m_column.used && column != m_columnIndex)
            flushColumn();
        const double value = m_values[index];
        if (!m_column.used) {
            m_column = {index, index, index, index, true};
            m_columnIndex = column;
            return;
        }
        if (value < m_values[m_column.low])
            m_column.low = index;
        if (value > m_values[m_column.high])
            m_column.high = index;
        m_column.last = index;
    }

    void endRun()
    {
        flushColumn();
        if (!m_run.isEmpty())
            m_result.runs.push_back(std::move(m_run));
        m_run = {};
    }

    DecimatedRuns take()
    {
        endRun();
        return std::move(m_result);
    }

private:
    void flushColumn()
    {
        if (!m_column.used)
            return;
        std::array<std::size_t, 4> kept{m_column.first, m_column.low, m_column.high, m_column.last};
        std::sort(kept.begin(), kept.end());
        const auto end = std::unique(kept.begin(), kept.end());
        for (auto it = kept.begin(); it != end; ++it)
            m_run.append(QPointF(double(m_times[*it]), m_values[*it]));
        m_column.used = false;
    }

    std::span<const std::int64_t> m_times;
    std::span<const double> m_values;
    Column m_column;
    std::int64_t m_columnIndex = 0;
    QList<QPointF> m_run;
    DecimatedRuns m_result;
};

// Joins runs across the shortest gaps until at most maxRuns remain.
void bridgeShortestGaps(DecimatedRuns& result, std::size_t maxRuns)
{
    std::vector<QList<QPointF>>& runs = result.runs;
    if (runs.size() <= maxRuns)
        return;
    std::vector<double> gaps(runs.size() - 1);
    for (std::size_t i = 0; i + 1 < runs.size(); ++i)
        gaps[i] = runs[i + 1].front().x() - runs[i].back().x();
    // The (runs - maxRuns)-th shortest gap is the threshold; ties at the threshold are bridged in
    // time order until enough are.
    std::size_t toBridge = runs.size() - maxRuns;
    std::vector<double> sorted = gaps;
    std::nth_element(sorted.begin(), sorted.begin() + std::ptrdiff_t(toBridge - 1), sorted.end());
    const double threshold = sorted[toBridge - 1];
    std::size_t below = 0;
    for (double gap : gaps)
        below += gap < threshold ? 1 : 0;
    std::size_t tiesToBridge = toBridge - below;
    std::vector<QList<QPointF>> joined;
    joined.reserve(maxRuns);
    joined.push_back(std::move(runs.front()));
    for (std::size_t i = 1; i < runs.size(); ++i) {
        const double gap = gaps[i - 1];
        bool bridge = gap < threshold;
        if (!bridge && gap == threshold && tiesToBridge > 0) {
            bridge = true;
            --tiesToBridge;
        }
        if (bridge)
            joined.back().append(runs[i]);
        else
            joined.push_back(std::move(runs[i]));
    }
    runs = std::move(joined);
}

} // namespace

DecimatedRuns Decimator::decimate(std::span<const std::int64_t> timesMs, std::span<const double> values,
                                  std::int64_t fromMs, std::int64_t toMs, int columns, int maxRuns)
{
    const std::size_t count = std::min(timesMs.size(), values.size());
    if (toMs <= fromMs || columns < 1 || count == 0)
        return {};
    const auto timesBegin = timesMs.begin();
    const auto timesEnd = timesMs.begin() + std::ptrdiff_t(count);
    std::size_t begin = std::size_t(std::lower_bound(timesBegin, timesEnd, fromMs) - timesBegin);
    std::size_t end = std::size_t(std::upper_bound(timesBegin, timesEnd, toMs) - timesBegin);
    // One neighbour on each side, so the line runs to the plot's edges, when the line reaches it.
    const auto finiteAt = [&](std::size_t i) { return i < count && std::isfinite(values[i]); };
    const bool before = begin > 0 && finiteAt(begin - 1) && finiteAt(begin);
    const bool after = end > 0 && finiteAt(end) && finiteAt(end - 1);
    begin -= before ? 1 : 0;
    end += after ? 1 : 0;

    const double span = double(toMs - fromMs);
    RunBuilder builder(timesMs, values);
    for (std::size_t i = begin; i < end; ++i) {
        if (!std::isfinite(values[i])) {
            builder.endRun();
            continue;
        }
        // Outside samples (the edge neighbours) go into the first and last column.
        const double offset = double(timesMs[i] - fromMs) * double(columns) / span;
        const double column = std::clamp(std::floor(offset), 0.0, double(columns - 1));
        builder.add(i, std::int64_t(column));
    }
    DecimatedRuns result = builder.take();
    bridgeShortestGaps(result, std::size_t(std::max(maxRuns, 1)));
    return result;
}

} // namespace sd
