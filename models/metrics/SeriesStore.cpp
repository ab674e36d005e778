// SPDX-License-Identifier: GPL-3.0-or-later
#include "metrics/SeriesStore.h"

#include <algorithm>
#include <limits>

namespace sd {

SeriesStore::SeriesStore(std::size_t capacity)
    : m_capacity(std::max<std::size_t>(capacity, 1))
{ }

const SeriesStoreRing* SeriesStore::ring(const QString& key) const
{
    const auto found = m_rings.constFind(key);
    return found == m_rings.cend() ? nullptr : &found.value();
}

void SeriesStore::append(const QString& key, qint64 timeMs)
{
    m_rings[key].append(timeMs, m_capacity);
}

void SeriesStore::set(const QString& key, HealthMetric metric, double value)
{
    const auto found = m_rings.find(key);
    if (found != m_rings.end())
        found.value().setNewest(metric, value);
}

double SeriesStore::newest(const QString& key, HealthMetric metric) const
{
    const SeriesStoreRing* held = ring(key);
    if (held == nullptr || held->size() == 0)
        return std::numeric_limits<double>::quiet_NaN();
    return held->value(metric, held->size() - 1);
}

std::optional<qint64> SeriesStore::newestTime(const QString& key) const
{
    const SeriesStoreRing* held = ring(key);
    if (held == nullptr || held->size() == 0)
        return std::nullopt;
    return held->time(held->size() - 1);
}

HealthSeries SeriesStore::range(const QString& key, HealthMetric metric, qint64 fromMs, qint64 toMs) const
{
    HealthSeries series;
    series.station = key;
    series.metric = metric;
    const SeriesStoreRing* held = ring(key);
    if (held == nullptr || !held->hasColumn(metric) || fromMs > toMs)
        return series;
    const std::size_t first = held->lowerBound(fromMs);
    const std::size_t end = held->lowerBound(toMs == std::numeric_limits<qint64>::max() ? toMs : toMs + 1);
    series.timesMs.reserve(end - first);
    series.values.reserve(end - first);
    for (std::size_t row = first; row < end; ++row) {
        series.timesMs.push_back(held->time(row));
        series.values.push_back(held->value(metric, row));
    }
    return series;
}

std::vector<double> SeriesStore::last(const QString& key, HealthMetric metric, std::size_t count) const
{
    std::vector<double> values;
    const SeriesStoreRing* held = ring(key);
    if (held == nullptr || !held->hasColumn(metric))
        return values;
    const std::size_t n = std::min(count, held->size());
    values.reserve(n);
    for (std::size_t row = held->size() - n; row < held->size(); ++row)
        values.push_back(held->value(metric, row));
    return values;
}

bool SeriesStore::hasMetric(const QString& key, HealthMetric metric) const
{
    const SeriesStoreRing* held = ring(key);
    return held != nullptr && held->hasColumn(metric);
}

std::size_t SeriesStore::rows(const QString& key) const
{
    const SeriesStoreRing* held = ring(key);
    return held == nullptr ? 0 : held->size();
}

void SeriesStore::remove(const QString& key)
{
    m_rings.remove(key);
}

std::size_t SeriesStore::pointCount() const
{
    std::size_t points = 0;
    for (const auto& held : m_rings) {
        for (int metric = 0; metric < kHealthMetricCount; ++metric) {
            if (held.hasColumn(HealthMetric(metric)))
                points += held.size();
        }
    }
    return points;
}

std::size_t SeriesStore::heapBytes() const
{
    std::size_t bytes = 0;
    for (const auto& held : m_rings)
        bytes += held.heapBytes();
    return bytes;
}

} // namespace sd
