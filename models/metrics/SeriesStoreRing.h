// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "metrics/HealthMetric.h"

#include <QtGlobal>

#include <array>
#include <cstddef>
#include <vector>

namespace sd {

// The history of one key of a SeriesStore: a ring of row timestamps (one row per scrape round)
// shared by every metric, and one float column per metric the key has ever been given (allocated
// on first use, NaN in the rows before; a column, once there, is never empty). Grows with the rows it holds up to its
// capacity, then overwrites the oldest row. Logical row 0 is the oldest.
class SeriesStoreRing
{
public:
    // Adds a row at timeMs (every column NaN in it), evicting the oldest when `capacity` rows are held.
    void append(qint64 timeMs, std::size_t capacity);
    // Sets the metric's value in the newest row (no-op without a row).
    void setNewest(HealthMetric metric, double value);

    std::size_t size() const { return m_times.size(); }
    bool hasColumn(HealthMetric metric) const { return !column(metric).empty(); }
    qint64 time(std::size_t row) const { return m_times[physical(row)]; }
    double value(HealthMetric metric, std::size_t row) const;
    // The first row whose time is >= timeMs (size() when none).
    std::size_t lowerBound(qint64 timeMs) const;
    // Heap bytes held (capacities, not sizes): what the allocator gave for this ring's arrays.
    std::size_t heapBytes() const;

private:
    const std::vector<float>& column(HealthMetric metric) const { return m_columns[std::size_t(metric)]; }
    std::size_t physical(std::size_t row) const { return (m_head + row) % m_times.size(); }
    void grow(std::size_t capacity);

    std::vector<qint64> m_times;
    std::array<std::vector<float>, kHealthMetricCount> m_columns;
    std::size_t m_head = 0; // physical index of the oldest row (0 until the ring is full)
};

} // namespace sd
