// SPDX-License-Identifier: GPL-3.0-or-later
// Min/max decimation: exact points kept per pixel column, gaps as breaks, edges, bounds; and a
// brute-force reference over long series with gaps, at many widths.
#include "metrics/Decimator.h"

#include <QTest>

#include <cmath>
#include <limits>
#include <map>

using namespace sd;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

using Times = std::vector<std::int64_t>;
using Values = std::vector<double>;
using Runs = std::vector<QList<QPointF>>;

QList<QPointF> points(std::initializer_list<std::pair<double, double>> list)
{
    QList<QPointF> result;
    for (const auto& [x, y] : list)
        result.append(QPointF(x, y));
    return result;
}

// The obvious way, one sample at a time: per run, the column of every sample in range by the
// formula, the first lowest and first highest sample of each column in time order, and the edge
// neighbours as points of their own. No run bridging (the callers ask for enough runs).
Runs reference(const Times& times, const Values& values, std::int64_t from, std::int64_t to, int columns)
{
    const std::size_t count = std::min(times.size(), values.size());
    const auto finiteAt = [&](std::size_t i) { return i < count && std::isfinite(values[i]); };
    std::size_t begin = 0;
    while (begin < count && times[begin] < from)
        ++begin;
    std::size_t end = begin;
    while (end < count && times[end] <= to)
        ++end;
    Runs runs;
    bool open = false;
    const auto add = [&](std::size_t i) {
        if (!open)
            runs.emplace_back();
        open = true;
        runs.back().append(QPointF(double(times[i]), values[i]));
    };
    if (begin > 0 && finiteAt(begin - 1) && finiteAt(begin))
        add(begin - 1);
    std::map<double, std::pair<std::size_t, std::size_t>> column; // one segment of one column
    const auto flush = [&] {
        for (const auto& [index, extremes] : column) {
            add(std::min(extremes.first, extremes.second));
            if (extremes.first != extremes.second)
                add(std::max(extremes.first, extremes.second));
        }
        column.clear();
    };
    for (std::size_t i = begin; i < end; ++i) {
        if (!std::isfinite(values[i])) {
            flush();
            open = false;
            continue;
        }
        const double c = std::min(std::floor(double(times[i] - from) * columns / double(to - from)), columns - 1.0);
        if (!column.empty() && column.begin()->first != c)
            flush();
        auto [it, added] = column.try_emplace(c, i, i);
        if (values[i] < values[it->second.first])
            it->second.first = i;
        if (values[i] > values[it->second.second])
            it->second.second = i;
    }
    flush();
    if (end > 0 && finiteAt(end) && finiteAt(end - 1))
        add(end);
    return runs;
}

} // namespace

class TestDecimator : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void keepsMinAndMaxPerColumn_data()
    {
        QTest::addColumn<Times>("times");
        QTest::addColumn<Values>("values");
        QTest::addColumn<qint64>("from");
        QTest::addColumn<qint64>("to");
        QTest::addColumn<int>("columns");
        QTest::addColumn<int>("maxRuns");
        QTest::addColumn<Runs>("expected");

        const int many = Decimator::kDefaultMaxRuns;
        QTest::newRow("wide columns keep every sample")
            << Times{0, 10, 20, 30} << Values{1, 2, 3, 4} << qint64(0) << qint64(40) << 4 << many
            << Runs{points({{0, 1}, {10, 2}, {20, 3}, {30, 4}})};
        // Column 0 holds t = 0..9: max 9 at t=2 before min -3 at t=6. Column 1 holds t = 10..18:
        // max 8 at t=12 before min -1 at t=16; first and last samples are dropped.
        QTest::newRow("max then min, in time order")
            << Times{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 14, 16, 18}
            << Values{5, 6, 9, 1, 2, 0, -3, 2, 3, 4, 1, 8, 7, -1, 0} << qint64(0) << qint64(20) << 2 << many
            << Runs{points({{2, 9}, {6, -3}, {12, 8}, {16, -1}})};
        QTest::newRow("min then max, in time order") << Times{0, 1, 2, 3, 4, 5} << Values{3, 1, 9, 2, 8, 4} << qint64(0)
                                                     << qint64(6) << 1 << many << Runs{points({{1, 1}, {2, 9}})};
        QTest::newRow("first is min, last is max") << Times{0, 1, 2} << Values{1, 2, 3} << qint64(0) << qint64(10) << 1
                                                   << many << Runs{points({{0, 1}, {2, 3}})};
        QTest::newRow("flat column: one point")
            << Times{0, 1, 2} << Values{5, 5, 5} << qint64(0) << qint64(10) << 1 << many << Runs{points({{0, 5}})};
        QTest::newRow("first of equal extremes") << Times{0, 1, 2, 3} << Values{4, 1, 7, 1} << qint64(0) << qint64(4)
                                                 << 1 << many << Runs{points({{1, 1}, {2, 7}})};
        QTest::newRow("one sample per column: one point each")
            << Times{0, 25, 50} << Values{7, 8, 9} << qint64(0) << qint64(100) << 4 << many
            << Runs{points({{0, 7}, {25, 8}, {50, 9}})};
        QTest::newRow("single point") << Times{500} << Values{42} << qint64(0) << qint64(1000) << 100 << many
                                      << Runs{points({{500, 42}})};
        QTest::newRow("equal times") << Times{0, 5, 5, 5, 10} << Values{1, 4, 0, 2, 3} << qint64(0) << qint64(10) << 2
                                     << many << Runs{points({{0, 1}, {5, 4}, {5, 0}})};
        QTest::newRow("gaps break the line")
            << Times{0, 10, 20, 30, 40, 50, 60} << Values{1, 2, kNaN, kNaN, 5, 6, 7} << qint64(0) << qint64(70) << 7
            << many << Runs{points({{0, 1}, {10, 2}}), points({{40, 5}, {50, 6}, {60, 7}})};
        QTest::newRow("gap inside one column") << Times{0, 1, 2, 3} << Values{1, kNaN, 3, 4} << qint64(0) << qint64(100)
                                               << 1 << many << Runs{points({{0, 1}}), points({{2, 3}, {3, 4}})};
        QTest::newRow("extremes on both sides of a gap in one column")
            << Times{0, 1, 2, 3, 4, 5, 6} << Values{5, 9, 1, kNaN, 2, 8, 0} << qint64(0) << qint64(7) << 1 << many
            << Runs{points({{1, 9}, {2, 1}}), points({{5, 8}, {6, 0}})};
        QTest::newRow("infinity is a gap") << Times{0, 1, 2} << Values{1, kInf, 3} << qint64(0) << qint64(3) << 3
                                           << many << Runs{points({{0, 1}}), points({{2, 3}})};
        QTest::newRow("minus infinity is a gap") << Times{0, 1, 2} << Values{1, -kInf, 3} << qint64(0) << qint64(3) << 1
                                                 << many << Runs{points({{0, 1}}), points({{2, 3}})};
        QTest::newRow("all NaN") << Times{0, 1, 2} << Values{kNaN, kNaN, kNaN} << qint64(0) << qint64(3) << 3 << many
                                 << Runs{};
        QTest::newRow("no samples") << Times{} << Values{} << qint64(0) << qint64(10) << 10 << many << Runs{};
        QTest::newRow("empty range") << Times{1, 2} << Values{1, 2} << qint64(10) << qint64(10) << 10 << many << Runs{};
        QTest::newRow("reversed range") << Times{1, 2} << Values{1, 2} << qint64(10) << qint64(0) << 10 << many
                                        << Runs{};
        QTest::newRow("no columns") << Times{1, 2} << Values{1, 2} << qint64(0) << qint64(10) << 0 << many << Runs{};
        QTest::newRow("lengths differ: the common prefix")
            << Times{1, 2, 3} << Values{7} << qint64(0) << qint64(10) << 10 << many << Runs{points({{1, 7}})};
        QTest::newRow("one neighbour each side")
            << Times{0, 10, 20, 30, 40, 50, 60} << Values{0, 1, 2, 3, 4, 5, 6} << qint64(25) << qint64(45) << 20 << many
            << Runs{points({{20, 2}, {30, 3}, {40, 4}, {50, 5}})};
        // The neighbours are points of their own, not candidates for the first and last column.
        QTest::newRow("neighbours beside full columns")
            << Times{0, 1, 2, 3, 4, 5, 6, 7} << Values{9, 5, 1, 3, 6, 2, 4, 9} << qint64(1) << qint64(6) << 1 << many
            << Runs{points({{0, 9}, {2, 1}, {4, 6}, {7, 9}})};
        QTest::newRow("no neighbour across a gap")
            << Times{0, 10, 20, 30, 40, 50} << Values{0, kNaN, 2, 3, kNaN, 5} << qint64(15) << qint64(35) << 20 << many
            << Runs{points({{20, 2}, {30, 3}})};
        // Both neighbours are finite but the only sample in range is NaN: each would be a lone
        // point outside the plot, so neither is kept.
        QTest::newRow("no neighbours around a NaN") << Times{0, 10, 20, 30, 40, 50} << Values{0, kNaN, 2, 3, kNaN, 5}
                                                    << qint64(5) << qint64(15) << 10 << many << Runs{};
        QTest::newRow("range between two samples: the line across")
            << Times{0, 100} << Values{1, 2} << qint64(40) << qint64(60) << 10 << many
            << Runs{points({{0, 1}, {100, 2}})};
        QTest::newRow("range after the samples")
            << Times{0, 10} << Values{1, 2} << qint64(100) << qint64(200) << 10 << many << Runs{};
        QTest::newRow("range before the samples")
            << Times{100, 110} << Values{1, 2} << qint64(0) << qint64(50) << 10 << many << Runs{};
        QTest::newRow("a sample at the range's end is in the last column")
            << Times{0, 5, 9, 10} << Values{1, 2, 0, 3} << qint64(0) << qint64(10) << 2 << many
            << Runs{points({{0, 1}, {9, 0}, {10, 3}})};

        // Runs at 0, 10, 12, 30, 31 with NaN samples between. Gaps from a run's end to the next
        // run's start: 10, 2, 18, 1.
        const Times runTimes{0, 5, 10, 11, 12, 20, 30, 30, 31};
        const Values runValues{1, kNaN, 2, kNaN, 3, kNaN, 4, kNaN, 5};
        QTest::newRow("five runs fit") << runTimes << runValues << qint64(0) << qint64(40) << 40 << 5
                                       << Runs{points({{0, 1}}), points({{10, 2}}), points({{12, 3}}),
                                               points({{30, 4}}), points({{31, 5}})};
        QTest::newRow("three runs: the two shortest gaps bridged")
            << runTimes << runValues << qint64(0) << qint64(40) << 40 << 3
            << Runs{points({{0, 1}}), points({{10, 2}, {12, 3}}), points({{30, 4}, {31, 5}})};
        QTest::newRow("one run") << runTimes << runValues << qint64(0) << qint64(40) << 40 << 1
                                 << Runs{points({{0, 1}, {10, 2}, {12, 3}, {30, 4}, {31, 5}})};
        QTest::newRow("zero runs count as one") << runTimes << runValues << qint64(0) << qint64(40) << 40 << 0
                                                << Runs{points({{0, 1}, {10, 2}, {12, 3}, {30, 4}, {31, 5}})};
        QTest::newRow("tied gaps bridged in time order")
            << Times{0, 1, 2, 3, 4, 5, 6} << Values{1, kNaN, 2, kNaN, 3, kNaN, 4} << qint64(0) << qint64(7) << 7 << 3
            << Runs{points({{0, 1}, {2, 2}}), points({{4, 3}}), points({{6, 4}})};
    }

    void keepsMinAndMaxPerColumn()
    {
        QFETCH(Times, times);
        QFETCH(Values, values);
        QFETCH(qint64, from);
        QFETCH(qint64, to);
        QFETCH(int, columns);
        QFETCH(int, maxRuns);
        QFETCH(Runs, expected);
        const DecimatedRuns result = Decimator::decimate(times, values, from, to, columns, maxRuns);
        QCOMPARE(result.runs, expected);
        qsizetype count = 0;
        for (const QList<QPointF>& run : expected)
            count += run.size();
        QCOMPARE(result.pointCount(), count);
        QCOMPARE(result.isEmpty(), expected.empty());
    }

    void matchesTheObviousWay_data()
    {
        QTest::addColumn<bool>("irregular");
        QTest::addColumn<int>("columns");
        QTest::addColumn<qint64>("from");
        QTest::addColumn<qint64>("to");
        // 20,000 samples from t = 1,000,000 on: every 5 s (up to t = 100,995,000), or 1 to 5 s
        // apart with a pause of a minute now and then (columns of very different sizes).
        QTest::newRow("one column") << false << 1 << qint64(1'000'000) << qint64(100'995'000);
        QTest::newRow("7 columns, odd boundaries") << false << 7 << qint64(1'000'000) << qint64(100'995'000);
        QTest::newRow("300 columns") << false << 300 << qint64(1'000'000) << qint64(100'995'000);
        QTest::newRow("1082 columns, part of the range") << false << 1082 << qint64(20'000'003) << qint64(80'000'007);
        QTest::newRow("more columns than samples") << false << 50'000 << qint64(1'000'000) << qint64(100'995'000);
        QTest::newRow("range wider than the data") << false << 640 << qint64(0) << qint64(200'000'000);
        QTest::newRow("irregular, 1082 columns") << true << 1082 << qint64(1'000'000) << qint64(90'000'000);
        QTest::newRow("irregular, 97 columns") << true << 97 << qint64(3'000'000) << qint64(70'000'000);
        QTest::newRow("irregular, more columns than samples")
            << true << 30'000 << qint64(1'000'000) << qint64(90'000'000);
    }

    void matchesTheObviousWay()
    {
        QFETCH(bool, irregular);
        QFETCH(int, columns);
        QFETCH(qint64, from);
        QFETCH(qint64, to);
        Times times;
        Values values;
        std::uint32_t noise = 99;
        std::int64_t time = 1'000'000;
        for (int i = 0; i < 20'000; ++i) {
            noise = noise * 1664525u + 1013904223u;
            times.push_back(time);
            time += !irregular ? 5000 : (noise >> 8) % 50 == 0 ? 60'000 : 1000 + std::int64_t((noise >> 12) % 4000);
            // A wave with noise, steps of equal values, and gaps: single NaNs and a long one.
            double value = 50 + 30 * std::sin(i / 400.0) + double(noise >> 27);
            if (i % 1000 < 40)
                value = 20;
            if (noise % 97 == 0 || (i > 12'000 && i < 12'500))
                value = kNaN;
            values.push_back(value);
        }
        const Runs expected = reference(times, values, from, to, columns);
        const DecimatedRuns result = Decimator::decimate(times, values, from, to, columns, 100'000);
        QVERIFY(expected.size() > 50); // the gaps are there
        QCOMPARE(result.runs.size(), expected.size());
        QCOMPARE(result.runs, expected);
        QVERIFY(result.pointCount() <= 2 * columns + 2 * qsizetype(expected.size()) + 2);
    }

    void atMostTwoPointsPerColumn()
    {
        Times times;
        Values values;
        for (int i = 0; i < 100'000; ++i) {
            times.push_back(i);
            values.push_back(std::sin(i * 0.37) * 50 + 50);
        }
        const DecimatedRuns result = Decimator::decimate(times, values, 0, 100'000, 300);
        QCOMPARE(result.runs.size(), std::size_t(1));
        QCOMPARE(result.pointCount(), 2 * 300);
        // Every column reaches the wave's top and bottom.
        for (const QPointF& point : result.runs.front())
            QVERIFY2(point.y() > 99 || point.y() < 1, qPrintable(QString::number(point.y())));
    }
};

QTEST_GUILESS_MAIN(TestDecimator)
#include "tst_decimator.moc"
