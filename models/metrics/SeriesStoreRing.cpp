// SPDX-License-Identifier: GPL-3.0-or-later
#include "metrics/SeriesStoreRing.h"

#include <algorithm>
#include <limits>

namespace sd {

namespace {
constexpr float kGap = std::numeric_limits<float>::quiet_NaN();
constexpr std::size_t kFirstRows = 16;
} // namespace

void SeriesStoreRing::grow(std::size_t capacity)
{
    // Doubling, but never past the capacity: a full ring holds exactly `capacity` rows.
    const std::size_t rows = std::min(capacity, std::max(kFirstRows, 2 * m_times.size()));
    m_times.reserve(rows);
    for (auto& column : m_columns) {
        if (!column.empty())
            column.reserve(rows);
    }
}

void SeriesStoreRing::append(qint64 timeMs, std::size_t capacity)
{
    if (capacity == 0)
        return;
    if (!m_times.empty())
        timeMs = std::max(timeMs, m_times[physical(m_times.size() - 1)]); // rows stay in time order
    if (m_times.size() < capacity) {
        if (m_times.size() == m_times.capacity())
            grow(capacity);
        m_times.push_back(timeMs);
        for (auto& column : m_columns) {
            if (!column.empty())
                column.push_back(kGap);
        }
        return;
    }
    // Full: the oldest row becomes the newest.
    m_times[m_head] = timeMs;
    for (auto& column : m_columns) {
        if (!column.empty())
            column[m_head] = kGap;
    }
    m_head = (m_head + 1) % m_times.size();
}

void SeriesStoreRing::setNewest(HealthMetric metric, double value)
{
    if (m_times.empty())
        return;
    auto& column = m_columns[std::size_t(metric)];
    if (column.empty()) {
        column.reserve(m_times.capacity());
        column.assign(m_times.size(), kGap);
    }
    column[physical(m_times.size() - 1)] = float(value);
}

double SeriesStoreRing::value(HealthMetric metric, std::size_t row) const
{
    const auto& values = column(metric);
    return values.empty() ? double(kGap) : double(values[physical(row)]);
}

std::size_t SeriesStoreRing::lowerBound(qint64 timeMs) const
{
    std::size_t low = 0;
    std::size_t high = m_times.size();
    while (low < high) {
        const std::size_t middle = low + (high - low) / 2;
        if (time(middle) < timeMs)
            low = middle + 1;
        else
            high = middle;
    }
    return low;
}

std::size_t SeriesStoreRing::heapBytes() const
{
    std::size_t bytes = m_times.capacity() * sizeof(qint64);
    for (const auto& column : m_columns)
        bytes += column.capacity() * sizeof(float);
    return bytes;
}

} // namespace sd
