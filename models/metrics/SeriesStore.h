// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "metrics/HealthMetric.h"
#include "metrics/HealthSeries.h"
#include "metrics/SeriesStoreRing.h"

#include <QHash>
#include <QString>

#include <cstddef>
#include <optional>
#include <vector>

namespace sd {

// The bounded history of the health metrics of many keys (stations), in memory.
//
// Layout: per key a SeriesStoreRing — one row per scrape round holding one timestamp (int64 ms)
// shared by all metrics of the key, and one float column per metric the key provides (allocated
// lazily). A key holds at most capacity() rows (history / interval, default 6 h / 15 s = 1,440);
// its arrays grow with the rows it holds (doubling, capped at the capacity) and then the oldest row
// is evicted. With 5 metrics a row costs 8 + 5 × 4 = 28 bytes, 5.6 bytes per point (measured:
// tests/bench/store, docs/health-state.md). Floats keep 7 significant digits: plenty for
// percentages and byte counts on a chart.
class SeriesStore
{
public:
    static constexpr std::size_t kDefaultCapacity = 6 * 3600 / 15;

    explicit SeriesStore(std::size_t capacity = kDefaultCapacity);

    std::size_t capacity() const { return m_capacity; }

    // Starts a new row for `key` at timeMs, every metric NaN in it (a gap until set()). A time
    // before the key's newest row is moved up to it: rows stay in time order.
    void append(const QString& key, qint64 timeMs);
    // Sets a metric in the key's newest row. No-op when the key has no row.
    void set(const QString& key, HealthMetric metric, double value);
    // The metric in the key's newest row (NaN when none).
    double newest(const QString& key, HealthMetric metric) const;
    std::optional<qint64> newestTime(const QString& key) const;

    // The rows of `key` with fromMs <= time <= toMs, NaN where the metric was not set (a failed
    // scrape: charts show a gap). Empty when the key never had this metric.
    HealthSeries range(const QString& key, HealthMetric metric, qint64 fromMs, qint64 toMs) const;
    // The metric's values in the key's newest `count` rows, oldest first (fewer if fewer are held).
    std::vector<double> last(const QString& key, HealthMetric metric, std::size_t count) const;

    bool contains(const QString& key) const { return m_rings.contains(key); }
    bool hasMetric(const QString& key, HealthMetric metric) const;
    std::size_t rows(const QString& key) const;
    void remove(const QString& key);
    void clear() { m_rings.clear(); }

    std::size_t keyCount() const { return std::size_t(m_rings.size()); }
    // Values held: rows × columns, summed over keys.
    std::size_t pointCount() const;
    // The ring arrays' heap bytes (capacities); not the hash table or the keys.
    std::size_t heapBytes() const;

private:
    const SeriesStoreRing* ring(const QString& key) const;

    std::size_t m_capacity;
    QHash<QString, SeriesStoreRing> m_rings;
};

} // namespace sd
