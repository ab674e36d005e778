// SPDX-License-Identifier: GPL-3.0-or-later
// Chart update time for 8 series × 100,000 points, offscreen: decimate + replace() + render one
// frame, against replace() of all 100,000 points per series + render, side by side in one run.
// Target (issue 4): ≤ 16 ms with decimation. Never fails on time.
#include "BenchMode.h"
#include "health/HealthChart.h"
#include "metrics/Decimator.h"

#include <QApplication>
#include <QChartView>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QElapsedTimer>
#include <QLineSeries>
#include <QValueAxis>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ctime>

using namespace sd;

namespace {

constexpr int kSeries = 8;
constexpr int kPoints = 100'000;
constexpr qint64 kFrom = 1'795'800'000'000;
constexpr qint64 kStep = 1000;
constexpr qint64 kTo = kFrom + (kPoints - 1) * kStep;
const QSize kSize(1200, 700);

QList<HealthSeries> makeSeries()
{
    QList<HealthSeries> all;
    std::uint32_t noise = 7;
    for (int s = 0; s < kSeries; ++s) {
        HealthSeries series{QStringLiteral("bench"), HealthMetric::CpuPercent, {}, {}};
        series.timesMs.reserve(kPoints);
        series.values.reserve(kPoints);
        for (int i = 0; i < kPoints; ++i) {
            noise = noise * 1664525u + 1013904223u;
            series.timesMs.push_back(kFrom + i * kStep);
            series.values.push_back(40 + 10 * s % 30 + 20 * std::sin(i / (900.0 + 50 * s)) + double(noise >> 28));
        }
        all.append(std::move(series));
    }
    return all;
}

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

// CPU time of this thread: what the work costs when other processes share the cores.
double threadCpuMs()
{
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return double(now.tv_sec) * 1e3 + double(now.tv_nsec) / 1e6;
}

// Wall-clock and thread CPU times of one phase, one entry per iteration.
class Phase
{
public:
    void start()
    {
        m_timer.start();
        m_cpuStart = threadCpuMs();
    }
    void stop()
    {
        m_wall.push_back(double(m_timer.nsecsElapsed()) / 1e6);
        m_cpu.push_back(threadCpuMs() - m_cpuStart);
    }
    double wall() const { return median(m_wall); }
    double cpu() const { return median(m_cpu); }

private:
    QElapsedTimer m_timer;
    double m_cpuStart = 0;
    std::vector<double> m_wall;
    std::vector<double> m_cpu;
};

void printPhase(const char* name, const Phase& phase)
{
    std::printf("    %-44s %8.2f ms wall %8.2f ms thread CPU\n", name, phase.wall(), phase.cpu());
}

// A plain chart like HealthChart's (same axes, antialiasing, no animation), lines driven directly.
struct PlainChart
{
    QChartView view{new QChart};
    QList<QLineSeries*> lines;

    PlainChart()
    {
        QChart* chart = view.chart();
        chart->setAnimationOptions(QChart::NoAnimation);
        chart->legend()->hide();
        auto* x = new QDateTimeAxis;
        auto* y = new QValueAxis;
        x->setRange(QDateTime::fromMSecsSinceEpoch(kFrom), QDateTime::fromMSecsSinceEpoch(kTo));
        y->setRange(0, 100);
        chart->addAxis(x, Qt::AlignBottom);
        chart->addAxis(y, Qt::AlignLeft);
        for (int s = 0; s < kSeries; ++s) {
            auto* line = new QLineSeries;
            chart->addSeries(line);
            line->attachAxis(x);
            line->attachAxis(y);
            lines.append(line);
        }
        view.setRenderHint(QPainter::Antialiasing);
        view.resize(kSize);
        view.show();
        QApplication::processEvents();
    }
};

// One update (setSeries for ours, replace() of every line for the reference) and one frame.
struct Update
{
    Phase update;
    Phase frame;
    Phase both;

    template <typename Change> bool measure(QWidget& view, Change change)
    {
        both.start();
        update.start();
        change();
        update.stop();
        frame.start();
        const QPixmap pixels = view.grab();
        frame.stop();
        both.stop();
        return !pixels.isNull();
    }
};

} // namespace

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    const int iterations = bench::quick() ? 1 : 10;
    const QList<HealthSeries> series = makeSeries();

    // Stationdeck: HealthChart decimates to the plot width and replace()s each line. Every
    // iteration does the whole work again (setSeries() keeps nothing from the previous call).
    HealthChart chart(QStringLiteral("CPU"));
    chart.resize(kSize);
    chart.setRange(kFrom, kTo);
    chart.show();
    QApplication::processEvents();
    chart.setSeries(series); // the lines exist from the first update on
    Update ours;
    for (int i = 0; i < iterations; ++i) {
        if (!ours.measure(chart, [&] { chart.setSeries(series); }))
            return 1;
    }
    const qsizetype shown = chart.shownPointCount();

    // A live page: each refresh moves the range on (15 s later here) with the data, in one call;
    // for comparison, the two calls the station page used to make (setRange(), then setSeries()).
    Update live;
    Update twoCalls;
    for (int i = 0; i < iterations; ++i) {
        const qint64 later = qint64(i + 1) * 15'000;
        if (!live.measure(chart, [&] { chart.setSeries(series, kFrom + later, kTo + later); }))
            return 1;
    }
    for (int i = 0; i < iterations; ++i) {
        const qint64 later = qint64(iterations + i + 1) * 15'000;
        const bool drawn = twoCalls.measure(chart, [&] {
            chart.setRange(kFrom + later, kTo + later);
            chart.setSeries(series);
        });
        if (!drawn)
            return 1;
    }

    // Decimation alone, per update of all 8 series.
    const int columns = std::max(1, chart.columns());
    Phase decimate;
    for (int i = 0; i < iterations; ++i) {
        decimate.start();
        qsizetype kept = 0;
        for (const HealthSeries& one : series)
            kept += Decimator::decimate(one.timesMs, one.values, kFrom, kTo, columns).pointCount();
        decimate.stop();
        if (kept == 0)
            return 1;
    }

    // Reference: the same chart fed every point (replace() of 100,000 points per series).
    PlainChart plain;
    std::vector<QList<QPointF>> full(kSeries);
    for (int s = 0; s < kSeries; ++s) {
        for (int i = 0; i < kPoints; ++i)
            full[std::size_t(s)].append(
                QPointF(double(series[s].timesMs[std::size_t(i)]), series[s].values[std::size_t(i)]));
    }
    Update reference;
    for (int i = 0; i < iterations; ++i) {
        const bool drawn = reference.measure(plain.view, [&] {
            for (int s = 0; s < kSeries; ++s)
                plain.lines[s]->replace(full[std::size_t(s)]);
        });
        if (!drawn)
            return 1;
    }

    std::printf("chart update, %d series x %d points, %dx%d offscreen, %s, median of %d\n", kSeries, kPoints,
                kSize.width(), kSize.height(), bench::quick() ? "quick" : "full", iterations);
    std::printf("  with decimation (%d columns, %lld points shown):\n", columns, static_cast<long long>(shown));
    printPhase("decimation alone (8 series)", decimate);
    printPhase("update: setSeries (decimate + replace)", ours.update);
    printPhase("frame: grab()", ours.frame);
    printPhase("update + frame (target <= 16 ms)", ours.both);
    std::printf("  live refresh, the range 15 s later each time:\n");
    printPhase("update: setSeries(series, from, to)", live.update);
    printPhase("frame: grab()", live.frame);
    printPhase("update + frame", live.both);
    printPhase("update + frame by setRange() + setSeries()", twoCalls.both);
    std::printf("  without decimation (%d points shown):\n", kSeries * kPoints);
    printPhase("update: replace() of every point", reference.update);
    printPhase("frame: grab()", reference.frame);
    printPhase("update + frame", reference.both);
    std::printf("  ratio (without / with), update + frame: %.1fx wall, %.1fx CPU\n",
                reference.both.wall() / ours.both.wall(), reference.both.cpu() / ours.both.cpu());
    return 0;
}
