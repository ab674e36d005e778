// SPDX-License-Identifier: GPL-3.0-or-later
// Bytes per stored point, measured from the allocator (glibc mallinfo2: bytes in use before and
// after), for the same data held three ways, side by side:
//   naive     a std::vector<{int64 time; double value}> per series (16 B a point + vector slack)
//   store     SeriesStore: one int64 timestamp per scrape shared by the metrics, a float per value
//   tracker   HealthTracker fed ScrapeOutcomes (the store + per-station and per-endpoint state)
// Full run: 2,000 stations x 1,440 scrapes (6 h at 15 s) x 5 metrics (CPU %, memory used, memory %,
// up, scrape seconds). Quick run (ctest): 50 stations. Never fails on figures or time.
#include "BenchMode.h"
#include "core/Clock.h"
#include "metrics/HealthTracker.h"
#include "metrics/SeriesStore.h"

#include <QElapsedTimer>
#include <QHash>
#include <QString>

#include <algorithm>
#include <array>
#include <cstdio>
#include <malloc.h>
#include <memory>
#include <vector>

using namespace sd;

namespace {

constexpr std::array<HealthMetric, 5> kMetrics
    = {HealthMetric::CpuPercent, HealthMetric::MemoryUsedBytes, HealthMetric::MemoryPercent, HealthMetric::Up,
       HealthMetric::ScrapeSeconds};
constexpr qint64 kStartMs = 1'767'225'600'000; // 2026-01-01T00:00:00Z
constexpr qint64 kIntervalMs = 15'000;

std::size_t heapInUse()
{
    const struct mallinfo2 info = mallinfo2();
    return info.uordblks + info.hblkhd; // small chunks + mmapped blocks
}

double value(int station, int row, std::size_t metric)
{
    return double((station * 7 + row * 13 + int(metric) * 31) % 1000) / 10.0;
}

struct Measure
{
    std::size_t bytes = 0;
    double seconds = 0;
};

struct NaivePoint
{
    qint64 timeMs;
    double value;
};

// The heap a built structure holds (it is freed after the measurement), and the time to build it.
template <typename Build> Measure measure(Build build)
{
    const std::size_t before = heapInUse();
    QElapsedTimer timer;
    timer.start();
    const auto held = build();
    return Measure{heapInUse() - before, double(timer.nsecsElapsed()) / 1e9};
}

Measure naive(const QStringList& keys, int rows)
{
    return measure([&] {
        auto held = std::make_unique<QHash<QString, std::array<std::vector<NaivePoint>, kMetrics.size()>>>();
        for (int row = 0; row < rows; ++row) {
            for (int s = 0; s < keys.size(); ++s) {
                auto& series = (*held)[keys[s]];
                for (std::size_t m = 0; m < kMetrics.size(); ++m)
                    series[m].push_back({kStartMs + row * kIntervalMs, value(s, row, m)});
            }
        }
        return held;
    });
}

Measure store(const QStringList& keys, int rows)
{
    return measure([&] {
        auto held = std::make_unique<SeriesStore>(SeriesStore::kDefaultCapacity);
        for (int row = 0; row < rows; ++row) {
            for (int s = 0; s < keys.size(); ++s) {
                held->append(keys[s], kStartMs + row * kIntervalMs);
                for (std::size_t m = 0; m < kMetrics.size(); ++m)
                    held->set(keys[s], kMetrics[m], value(s, row, m));
            }
        }
        const std::size_t heldRows = std::min<std::size_t>(std::size_t(rows), held->capacity());
        if (held->pointCount() != std::size_t(keys.size()) * heldRows * kMetrics.size())
            std::printf("warning: the store holds %zu points\n", held->pointCount());
        return held;
    });
}

Measure tracker(const QStringList& keys, int rows)
{
    QList<ScrapeTarget> targets;
    for (int s = 0; s < keys.size(); ++s) {
        targets.append(ScrapeTarget{keys[s], QStringLiteral("site-%1").arg(s / 10),
                                    QUrl(QStringLiteral("http://%1.example:9100/metrics").arg(keys[s]))});
    }
    ManualClock clock(QDateTime::fromMSecsSinceEpoch(kStartMs, Qt::UTC));
    return measure([&] {
        auto held = std::make_unique<HealthTracker>(clock);
        held->setTargets(targets);
        ScrapeOutcome outcome;
        outcome.durationSeconds = 0.01;
        outcome.raw.nodeCpuCount = 2;
        outcome.raw.memTotalBytes = 8e9;
        for (int row = 0; row < rows; ++row) {
            clock.set(QDateTime::fromMSecsSinceEpoch(kStartMs + row * kIntervalMs, Qt::UTC));
            for (int s = 0; s < keys.size(); ++s) {
                outcome.target = targets[s];
                outcome.startedAt = clock.now();
                outcome.raw.nodeCpuTotalSeconds = 30.0 * row;
                outcome.raw.nodeCpuIdleSeconds = 30.0 * row * value(s, row, 0) / 100.0;
                outcome.raw.memAvailableBytes = 8e9 * (1 - value(s, row, 1) / 100.0);
                held->record(outcome);
            }
            held->tick();
        }
        return held;
    });
}

void print(const char* name, const Measure& measured, std::size_t points, const Measure& reference)
{
    const double perPoint = double(measured.bytes) / double(points);
    std::printf("%-8s %12zu bytes  %6.2f B/point  %8.3f s  %7.1f ns/point  naive/this %5.2fx\n", name, measured.bytes,
                perPoint, measured.seconds, measured.seconds * 1e9 / double(points),
                double(reference.bytes) / double(measured.bytes == 0 ? 1 : measured.bytes));
}

} // namespace

int main()
{
    const bool quick = bench::quick();
    const int stations = quick ? 50 : 2000;
    const int rows = int(SeriesStore::kDefaultCapacity);
    QStringList keys;
    for (int s = 0; s < stations; ++s)
        keys.append(QStringLiteral("station-%1").arg(s, 4, 10, QLatin1Char('0')));
    const std::size_t points = std::size_t(stations) * std::size_t(rows) * kMetrics.size();
    std::printf("bench_store: %d stations x %d scrapes x %zu metrics = %zu points%s\n", stations, rows, kMetrics.size(),
                points, quick ? " (quick)" : "");
    if (heapInUse() == 0) {
        std::printf("mallinfo2 reports nothing (a sanitizer's allocator?): no figures\n");
        return 0;
    }
    const Measure reference = naive(keys, rows);
    print("naive", reference, points, reference);
    print("store", store(keys, rows), points, reference);
    print("tracker", tracker(keys, rows), points, reference);
    // Steady state: twice the capacity, the oldest half evicted; memory stays the same.
    print("store2x", store(keys, 2 * rows), points, reference);
    std::printf("target: <= 16 B/point for the store (timestamps and container overhead included)\n");
    return 0;
}
