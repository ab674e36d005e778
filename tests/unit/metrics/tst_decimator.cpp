// SPDX-License-Identifier: GPL-3.0-or-later
// Min/max decimation: exact points kept per pixel column, gaps as breaks, edges, bounds.
#include "metrics/Decimator.h"

#include <QTest>

#include <cmath>
#include <limits>

using namespace sd;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

using Runs = std::vector<QList<QPointF>>;

DecimatedRuns run(const std::vector<std::int64_t>& times, const std::vector<double>& values, std::int64_t from,
                  std::int64_t to, int columns, int maxRuns = Decimator::kDefaultMaxRuns)
{
    return Decimator::decimate(times, values, from, to, columns, maxRuns);
}

QList<QPointF> points(std::initializer_list<std::pair<double, double>> list)
{
    QList<QPointF> result;
    for (const auto& [x, y] : list)
        result.append(QPointF(x, y));
    return result;
}

} // namespace

class TestDecimator : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void keepsEverySampleWhenColumnsAreWide()
    {
        const DecimatedRuns result = run({0, 10, 20, 30}, {1, 2, 3, 4}, 0, 40, 4);
        QCOMPARE(result.runs, (Runs{points({{0, 1}, {10, 2}, {20, 3}, {30, 4}})}));
        QCOMPARE(result.pointCount(), 4);
    }

    void keepsFirstMinMaxLastPerColumnInTimeOrder()
    {
        // Column 0 holds t = 0..9: first 5, max 9 at t=2, min -3 at t=6, last 4.
        // Column 1 holds t = 10..19: max before min this time.
        const std::vector<std::int64_t> times{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 14, 16, 18};
        const std::vector<double> values{5, 6, 9, 1, 2, 0, -3, 2, 3, 4, 1, 8, 7, -1, 0};
        const DecimatedRuns result = run(times, values, 0, 20, 2);
        QCOMPARE(result.runs, (Runs{points({{0, 5}, {2, 9}, {6, -3}, {9, 4}, {10, 1}, {12, 8}, {16, -1}, {18, 0}})}));
    }

    void atMostFourPointsPerColumn()
    {
        std::vector<std::int64_t> times;
        std::vector<double> values;
        for (int i = 0; i < 100'000; ++i) {
            times.push_back(i);
            values.push_back(std::sin(i * 0.37) * 50 + 50);
        }
        const DecimatedRuns result = run(times, values, 0, 100'000, 300);
        QCOMPARE(result.runs.size(), std::size_t(1));
        QVERIFY(result.pointCount() <= 4 * 300);
        QVERIFY(result.pointCount() >= 2 * 300);
        QCOMPARE(result.runs.front().front(), QPointF(0, 50));
        QCOMPARE(result.runs.front().back().x(), 99'999.0);
    }

    void firstAndLastEqualMinAndMaxAreNotRepeated()
    {
        const DecimatedRuns result = run({0, 1, 2}, {1, 2, 3}, 0, 10, 1);
        QCOMPARE(result.runs, (Runs{points({{0, 1}, {2, 3}})}));
    }

    void gapsBreakTheLine()
    {
        const DecimatedRuns result = run({0, 10, 20, 30, 40, 50, 60}, {1, 2, kNaN, kNaN, 5, 6, 7}, 0, 70, 7);
        QCOMPARE(result.runs, (Runs{points({{0, 1}, {10, 2}}), points({{40, 5}, {50, 6}, {60, 7}})}));
    }

    void gapInsideOneColumnStillBreaks()
    {
        const DecimatedRuns result = run({0, 1, 2, 3}, {1, kNaN, 3, 4}, 0, 100, 1);
        QCOMPARE(result.runs, (Runs{points({{0, 1}}), points({{2, 3}, {3, 4}})}));
    }

    void infinityIsAGapToo()
    {
        const double inf = std::numeric_limits<double>::infinity();
        const DecimatedRuns result = run({0, 1, 2}, {1, inf, 3}, 0, 3, 3);
        QCOMPARE(result.runs, (Runs{points({{0, 1}}), points({{2, 3}})}));
    }

    void singlePoint()
    {
        const DecimatedRuns result = run({500}, {42}, 0, 1000, 100);
        QCOMPARE(result.runs, (Runs{points({{500, 42}})}));
    }

    void allNaNGivesNothing()
    {
        const DecimatedRuns result = run({0, 1, 2}, {kNaN, kNaN, kNaN}, 0, 3, 3);
        QVERIFY(result.isEmpty());
        QCOMPARE(result.pointCount(), 0);
    }

    void emptyInputsAndBadRanges()
    {
        QVERIFY(run({}, {}, 0, 10, 10).isEmpty());
        QVERIFY(run({1, 2}, {1, 2}, 10, 10, 10).isEmpty());
        QVERIFY(run({1, 2}, {1, 2}, 10, 0, 10).isEmpty());
        QVERIFY(run({1, 2}, {1, 2}, 0, 10, 0).isEmpty());
        // Mismatched lengths: only the common prefix counts.
        QCOMPARE(run({1, 2, 3}, {7}, 0, 10, 10).runs, (Runs{points({{1, 7}})}));
    }

    void widthOne()
    {
        const DecimatedRuns result = run({0, 1, 2, 3, 4, 5}, {3, 1, 9, 2, 8, 4}, 0, 6, 1);
        QCOMPARE(result.runs, (Runs{points({{0, 3}, {1, 1}, {2, 9}, {5, 4}})}));
    }

    void rangePartlyOutsideKeepsOneNeighbourEachSide()
    {
        const std::vector<std::int64_t> times{0, 10, 20, 30, 40, 50, 60};
        const std::vector<double> values{0, 1, 2, 3, 4, 5, 6};
        const DecimatedRuns result = run(times, values, 25, 45, 20);
        QCOMPARE(result.runs, (Runs{points({{20, 2}, {30, 3}, {40, 4}, {50, 5}})}));
    }

    void neighbourNotKeptAcrossAGap()
    {
        const std::vector<std::int64_t> times{0, 10, 20, 30, 40, 50};
        const std::vector<double> values{0, kNaN, 2, 3, kNaN, 5};
        // 10 (NaN) is before the range; 40 (NaN) is after it: no neighbours.
        QCOMPARE(run(times, values, 15, 35, 20).runs, (Runs{points({{20, 2}, {30, 3}})}));
        // Both neighbours are finite but the only sample in range is NaN: each would be a lone
        // point outside the plot, so neither is kept.
        QCOMPARE(run(times, values, 5, 15, 10).runs, Runs{});
    }

    void rangeBetweenTwoSamplesDrawsTheLineAcross()
    {
        const DecimatedRuns result = run({0, 100}, {1, 2}, 40, 60, 10);
        QCOMPARE(result.runs, (Runs{points({{0, 1}, {100, 2}})}));
    }

    void rangeEntirelyOutside()
    {
        QVERIFY(run({0, 10}, {1, 2}, 100, 200, 10).isEmpty());
        QVERIFY(run({100, 110}, {1, 2}, 0, 50, 10).isEmpty());
    }

    void sampleAtRangeEndFallsInLastColumn()
    {
        const DecimatedRuns result = run({0, 5, 10}, {1, 2, 3}, 0, 10, 2);
        QCOMPARE(result.runs, (Runs{points({{0, 1}, {5, 2}, {10, 3}})}));
    }

    void tooManyRunsBridgeTheShortestGaps()
    {
        // Runs at 0, 10, 12, 30, 31 with gaps (NaN samples between). Gaps between run ends/starts:
        // 0->10 = 10, 10->12 = 2, 12->30 = 18, 30->31 = 1.
        const std::vector<std::int64_t> times{0, 5, 10, 11, 12, 20, 30, 30, 31};
        const std::vector<double> values{1, kNaN, 2, kNaN, 3, kNaN, 4, kNaN, 5};
        QCOMPARE(run(times, values, 0, 40, 40, 5).runs.size(), std::size_t(5));
        QCOMPARE(run(times, values, 0, 40, 40, 3).runs,
                 (Runs{points({{0, 1}}), points({{10, 2}, {12, 3}}), points({{30, 4}, {31, 5}})}));
        QCOMPARE(run(times, values, 0, 40, 40, 1).runs, (Runs{points({{0, 1}, {10, 2}, {12, 3}, {30, 4}, {31, 5}})}));
        QCOMPARE(run(times, values, 0, 40, 40, 0).runs.size(), std::size_t(1));
    }

    void tiedGapsBridgeInTimeOrder()
    {
        const std::vector<std::int64_t> times{0, 1, 2, 3, 4, 5, 6};
        const std::vector<double> values{1, kNaN, 2, kNaN, 3, kNaN, 4};
        QCOMPARE(run(times, values, 0, 7, 7, 3).runs,
                 (Runs{points({{0, 1}, {2, 2}}), points({{4, 3}}), points({{6, 4}})}));
    }
};

QTEST_GUILESS_MAIN(TestDecimator)
#include "tst_decimator.moc"
