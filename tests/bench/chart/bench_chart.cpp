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

double elapsedMs(const QElapsedTimer& timer)
{
    return double(timer.nsecsElapsed()) / 1e6;
}

// CPU time of this thread: what the work costs when other processes share the cores.
double threadCpuMs()
{
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return double(now.tv_sec) * 1e3 + double(now.tv_nsec) / 1e6;
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

} // namespace

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    const int iterations = bench::quick() ? 1 : 10;
    const QList<HealthSeries> series = makeSeries();

    // Stationdeck: HealthChart decimates to the plot width and replace()s each line.
    HealthChart chart(QStringLiteral("CPU"));
    chart.resize(kSize);
    chart.setRange(kFrom, kTo);
    chart.show();
    QApplication::processEvents();
    std::vector<double> oursUpdate;
    std::vector<double> oursTotal;
    std::vector<double> oursCpu;
    std::vector<double> oursUpdateCpu;
    chart.setSeries(series); // the lines exist from the first update on
    for (int i = 0; i < iterations; ++i) {
        QElapsedTimer timer;
        timer.start();
        const double cpu = threadCpuMs();
        chart.setSeries(series);
        oursUpdate.push_back(elapsedMs(timer));
        oursUpdateCpu.push_back(threadCpuMs() - cpu);
        const QPixmap frame = chart.grab();
        oursTotal.push_back(elapsedMs(timer));
        oursCpu.push_back(threadCpuMs() - cpu);
        if (frame.isNull())
            return 1;
    }
    const qsizetype shown = chart.shownPointCount();

    // Reference: the same chart fed every point (replace() of 100,000 points per series).
    PlainChart plain;
    std::vector<QList<QPointF>> full(kSeries);
    for (int s = 0; s < kSeries; ++s) {
        for (int i = 0; i < kPoints; ++i)
            full[std::size_t(s)].append(
                QPointF(double(series[s].timesMs[std::size_t(i)]), series[s].values[std::size_t(i)]));
    }
    std::vector<double> fullUpdate;
    std::vector<double> fullTotal;
    std::vector<double> fullCpu;
    for (int i = 0; i < iterations; ++i) {
        QElapsedTimer timer;
        timer.start();
        const double cpu = threadCpuMs();
        for (int s = 0; s < kSeries; ++s)
            plain.lines[s]->replace(full[std::size_t(s)]);
        fullUpdate.push_back(elapsedMs(timer));
        const QPixmap frame = plain.view.grab();
        fullTotal.push_back(elapsedMs(timer));
        fullCpu.push_back(threadCpuMs() - cpu);
        if (frame.isNull())
            return 1;
    }

    // Decimation alone, per update of all 8 series.
    const int columns = std::max(1, chart.columns());
    std::vector<double> decimateOnly;
    std::vector<double> decimateCpu;
    for (int i = 0; i < iterations; ++i) {
        QElapsedTimer timer;
        timer.start();
        const double cpu = threadCpuMs();
        qsizetype kept = 0;
        for (const HealthSeries& one : series)
            kept += Decimator::decimate(one.timesMs, one.values, kFrom, kTo, columns).pointCount();
        decimateOnly.push_back(elapsedMs(timer));
        decimateCpu.push_back(threadCpuMs() - cpu);
        if (kept == 0)
            return 1;
    }

    const double ours = median(oursTotal);
    const double reference = median(fullTotal);
    std::printf("chart update, %d series x %d points, %dx%d offscreen, %s, median of %d\n", kSeries, kPoints,
                kSize.width(), kSize.height(), bench::quick() ? "quick" : "full", iterations);
    std::printf("  decimation alone (8 series, %d columns):   %8.2f ms (thread CPU %8.2f ms)\n", columns,
                median(decimateOnly), median(decimateCpu));
    std::printf("  with decimation, update alone (decimate + replace): thread CPU %8.2f ms\n", median(oursUpdateCpu));
    std::printf("  with decimation:    update %8.2f ms, update + frame %8.2f ms (thread CPU %8.2f ms), %lld points"
                " shown (target <= 16 ms)\n",
                median(oursUpdate), ours, median(oursCpu), static_cast<long long>(shown));
    std::printf(
        "  without decimation: update %8.2f ms, update + frame %8.2f ms (thread CPU %8.2f ms), %d points shown\n",
        median(fullUpdate), reference, median(fullCpu), kSeries * kPoints);
    std::printf("  ratio (without / with): %.1fx wall, %.1fx CPU\n", reference / ours,
                median(fullCpu) / median(oursCpu));
    return 0;
}
