// SPDX-License-Identifier: GPL-3.0-or-later
// SeriesStore: rows shared by the metrics of a key, lazily allocated columns, gaps, range queries,
// the last N values, eviction at capacity (ring wrap-around), growth bounded by the capacity.
#include "metrics/SeriesStore.h"

#include <QTest>

#include <cmath>
#include <cstdint>
#include <limits>

using namespace sd;

namespace {

const QString kStation = QStringLiteral("station-a");
constexpr qint64 kStart = 1'700'000'000'000;
constexpr qint64 kStep = 15'000;

// Appends `rows` rows: CPU = row index, Up = 1, every third row a failed scrape (Up 0, no CPU).
void fill(SeriesStore& store, const QString& key, int rows, int firstIndex = 0)
{
    for (int i = firstIndex; i < firstIndex + rows; ++i) {
        store.append(key, kStart + i * kStep);
        const bool failed = i % 3 == 2;
        store.set(key, HealthMetric::Up, failed ? 0.0 : 1.0);
        if (!failed)
            store.set(key, HealthMetric::CpuPercent, double(i));
    }
}

} // namespace

class TestSeriesStore : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void emptyStore();
    void rowsShareTimestamps();
    void columnsAllocatedLazily();
    void rangeWithGaps();
    void rangeBounds();
    void lastValues();
    void evictsOldestAtCapacity();
    void wrapsManyTimes();
    void growsWithRowsHeld();
    void timeNeverGoesBack();
    void floatPrecision();
    void removeKey();
};

void TestSeriesStore::emptyStore()
{
    SeriesStore store;
    QCOMPARE(store.capacity(), std::size_t(1440));
    QVERIFY(store.range(kStation, HealthMetric::CpuPercent, 0, kStart).isEmpty());
    QVERIFY(store.last(kStation, HealthMetric::CpuPercent, 10).empty());
    QVERIFY(std::isnan(store.newest(kStation, HealthMetric::Up)));
    QVERIFY(!store.newestTime(kStation));
    store.set(kStation, HealthMetric::Up, 1); // no row: nothing happens
    QVERIFY(!store.contains(kStation));
    QCOMPARE(store.pointCount(), std::size_t(0));
}

void TestSeriesStore::rowsShareTimestamps()
{
    SeriesStore store;
    store.append(kStation, kStart);
    store.set(kStation, HealthMetric::Up, 1);
    store.set(kStation, HealthMetric::ScrapeSeconds, 0.25);
    store.set(kStation, HealthMetric::MemoryPercent, 42.5);
    QCOMPARE(store.rows(kStation), std::size_t(1));
    QCOMPARE(store.pointCount(), std::size_t(3));
    QCOMPARE(store.newest(kStation, HealthMetric::ScrapeSeconds), 0.25);
    QCOMPARE(*store.newestTime(kStation), kStart);
    // 1 row: one timestamp (8 B) + 3 floats, in arrays reserved for 16 rows.
    QCOMPARE(store.heapBytes(), std::size_t(16 * 8 + 3 * 16 * 4));
}

void TestSeriesStore::columnsAllocatedLazily()
{
    SeriesStore store;
    fill(store, kStation, 5);
    QVERIFY(store.hasMetric(kStation, HealthMetric::CpuPercent));
    QVERIFY(!store.hasMetric(kStation, HealthMetric::ResidentBytes));
    QVERIFY(store.range(kStation, HealthMetric::ResidentBytes, 0, kStart * 2).isEmpty());
    // A column that appears later is NaN in the rows before it.
    store.set(kStation, HealthMetric::ResidentBytes, 1e6);
    const auto resident = store.last(kStation, HealthMetric::ResidentBytes, 10);
    QCOMPARE(resident.size(), std::size_t(5));
    for (std::size_t i = 0; i < 4; ++i)
        QVERIFY(std::isnan(resident[i]));
    QCOMPARE(resident[4], 1e6);
    QCOMPARE(store.pointCount(), std::size_t(15));
}

void TestSeriesStore::rangeWithGaps()
{
    SeriesStore store;
    fill(store, kStation, 6);
    const HealthSeries series = store.range(kStation, HealthMetric::CpuPercent, kStart, kStart + 5 * kStep);
    QCOMPARE(series.station, kStation);
    QCOMPARE(series.metric, HealthMetric::CpuPercent);
    QCOMPARE(series.timesMs.size(), std::size_t(6));
    QCOMPARE(series.values.size(), std::size_t(6));
    for (int i = 0; i < 6; ++i) {
        QCOMPARE(series.timesMs[std::size_t(i)], kStart + i * kStep);
        if (i % 3 == 2)
            QVERIFY2(std::isnan(series.values[std::size_t(i)]), "a failed scrape is a gap");
        else
            QCOMPARE(series.values[std::size_t(i)], double(i));
    }
    const auto up = store.range(kStation, HealthMetric::Up, kStart, kStart + 5 * kStep).values;
    QCOMPARE(up, (std::vector<double>{1, 1, 0, 1, 1, 0}));
}

void TestSeriesStore::rangeBounds()
{
    SeriesStore store;
    fill(store, kStation, 10);
    // Inclusive at both ends.
    auto series = store.range(kStation, HealthMetric::Up, kStart + 2 * kStep, kStart + 4 * kStep);
    QCOMPARE(series.timesMs, (std::vector<std::int64_t>{kStart + 2 * kStep, kStart + 3 * kStep, kStart + 4 * kStep}));
    // Between rows.
    series = store.range(kStation, HealthMetric::Up, kStart + 2 * kStep + 1, kStart + 4 * kStep - 1);
    QCOMPARE(series.timesMs, (std::vector<std::int64_t>{kStart + 3 * kStep}));
    // Before, after, reversed.
    QVERIFY(store.range(kStation, HealthMetric::Up, 0, kStart - 1).isEmpty());
    QVERIFY(store.range(kStation, HealthMetric::Up, kStart + 10 * kStep, kStart + 99 * kStep).isEmpty());
    QVERIFY(store.range(kStation, HealthMetric::Up, kStart + 4 * kStep, kStart).isEmpty());
    // Everything.
    QCOMPARE(
        store.range(kStation, HealthMetric::Up, std::numeric_limits<qint64>::min(), std::numeric_limits<qint64>::max())
            .timesMs.size(),
        std::size_t(10));
}

void TestSeriesStore::lastValues()
{
    SeriesStore store;
    fill(store, kStation, 7);
    auto last = store.last(kStation, HealthMetric::CpuPercent, 3);
    QCOMPARE(last.size(), std::size_t(3));
    QCOMPARE(last[0], 4.0);
    QVERIFY(std::isnan(last[1]));
    QCOMPARE(last[2], 6.0);
    QCOMPARE(store.last(kStation, HealthMetric::CpuPercent, 100).size(), std::size_t(7));
    QVERIFY(store.last(kStation, HealthMetric::CpuPercent, 0).empty());
}

void TestSeriesStore::evictsOldestAtCapacity()
{
    SeriesStore store(4);
    fill(store, kStation, 7); // rows 0..6; 3..6 stay
    QCOMPARE(store.rows(kStation), std::size_t(4));
    const auto series = store.range(kStation, HealthMetric::CpuPercent, 0, kStart * 2);
    QCOMPARE(
        series.timesMs,
        (std::vector<std::int64_t>{kStart + 3 * kStep, kStart + 4 * kStep, kStart + 5 * kStep, kStart + 6 * kStep}));
    QCOMPARE(series.values[0], 3.0);
    QCOMPARE(series.values[1], 4.0);
    QVERIFY(std::isnan(series.values[2]));
    QCOMPARE(series.values[3], 6.0);
    QCOMPARE(*store.newestTime(kStation), kStart + 6 * kStep);
    QCOMPARE(store.newest(kStation, HealthMetric::CpuPercent), 6.0);
    // The evicted row's values (row 3: CPU 3) do not come back in the reused slot.
    store.append(kStation, kStart + 7 * kStep);
    QVERIFY(std::isnan(store.newest(kStation, HealthMetric::CpuPercent)));
    QVERIFY(std::isnan(store.newest(kStation, HealthMetric::Up)));
    QCOMPARE(store.range(kStation, HealthMetric::Up, 0, kStart * 2).timesMs.front(), kStart + 4 * kStep);
    // Exactly the capacity is held: no slack.
    QCOMPARE(store.heapBytes(), std::size_t(4 * 8 + 2 * 4 * 4));
}

void TestSeriesStore::wrapsManyTimes()
{
    SeriesStore store(7);
    fill(store, kStation, 100);
    const auto series = store.range(kStation, HealthMetric::Up, 0, kStart * 2);
    QCOMPARE(series.timesMs.size(), std::size_t(7));
    for (std::size_t i = 0; i < 7; ++i) {
        QCOMPARE(series.timesMs[i], kStart + qint64(93 + i) * kStep);
        QCOMPARE(series.values[i], (93 + i) % 3 == 2 ? 0.0 : 1.0);
    }
    // A range query in the wrapped ring still bisects in time order.
    const auto middle = store.range(kStation, HealthMetric::Up, kStart + 95 * kStep, kStart + 97 * kStep);
    QCOMPARE(middle.timesMs.size(), std::size_t(3));
    QCOMPARE(middle.timesMs.front(), kStart + 95 * kStep);
}

void TestSeriesStore::growsWithRowsHeld()
{
    SeriesStore store(1440);
    fill(store, kStation, 1);
    const std::size_t one = store.heapBytes();
    QVERIFY(one < 300);
    fill(store, kStation, 200, 1);
    QVERIFY(store.heapBytes() < 256 * (8 + 2 * 4) + 1);
    fill(store, kStation, 2000, 201);
    // Full: exactly 1,440 rows of one timestamp and two floats.
    QCOMPARE(store.rows(kStation), std::size_t(1440));
    QCOMPARE(store.heapBytes(), std::size_t(1440 * (8 + 2 * 4)));
}

void TestSeriesStore::timeNeverGoesBack()
{
    SeriesStore store;
    store.append(kStation, kStart + kStep);
    store.append(kStation, kStart); // a clock stepped back: kept at the newest time
    QCOMPARE(*store.newestTime(kStation), kStart + kStep);
    QCOMPARE(store.rows(kStation), std::size_t(2));
}

void TestSeriesStore::floatPrecision()
{
    SeriesStore store;
    store.append(kStation, kStart);
    const double bytes = 25276026880.0 - 23666520064.0; // memory used, from the node_exporter capture
    store.set(kStation, HealthMetric::MemoryUsedBytes, bytes);
    QVERIFY(std::abs(store.newest(kStation, HealthMetric::MemoryUsedBytes) - bytes) / bytes < 1e-7);
}

void TestSeriesStore::removeKey()
{
    SeriesStore store;
    fill(store, kStation, 3);
    fill(store, QStringLiteral("other"), 3);
    QCOMPARE(store.keyCount(), std::size_t(2));
    store.remove(kStation);
    QVERIFY(!store.contains(kStation));
    QCOMPARE(store.keyCount(), std::size_t(1));
    QCOMPARE(store.rows(QStringLiteral("other")), std::size_t(3));
}

QTEST_GUILESS_MAIN(TestSeriesStore)
#include "tst_seriesstore.moc"
