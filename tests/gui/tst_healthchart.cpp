// SPDX-License-Identifier: GPL-3.0-or-later
// HealthChart offscreen: decimation to the plot width, whole-series replace(), gaps, hover text,
// empty states, units and the dark palette.
#include "DarkPalette.h"
#include "SyntheticHealth.h"
#include "health/HealthChart.h"

#include <QDateTime>
#include <QLineSeries>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>
#include <QValueAxis>

using namespace sd;

namespace {

constexpr qint64 kHour = 3'600'000;
const qint64 kNow = QDateTime::fromString(QStringLiteral("2026-11-28T12:00:00Z"), Qt::ISODate).toMSecsSinceEpoch();

HealthSeries dayOfCpu()
{
    // 24 h at 5 s (17,281 samples) with the station gone from 09:00 to 10:00.
    return test::syntheticSeries(QStringLiteral("lyon-01"), HealthMetric::CpuPercent, kNow - 24 * kHour, kNow, 5000,
                                 kNow - 3 * kHour, kNow - 2 * kHour);
}

void saveShot(QWidget& widget, const QString& name)
{
    if (const QString shots = qEnvironmentVariable("STATIONDECK_SCREENSHOT_DIR"); !shots.isEmpty())
        QVERIFY(widget.grab().save(shots + QLatin1Char('/') + name));
}

} // namespace

class TestHealthChart : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<HealthChart> shown(const QList<HealthSeries>& series, qint64 from, qint64 to)
    {
        auto chart = std::make_unique<HealthChart>(QStringLiteral("CPU"));
        chart->resize(800, 300);
        chart->setRange(from, to);
        chart->setSeries(series);
        chart->show();
        if (!QTest::qWaitForWindowExposed(chart.get()))
            return nullptr;
        return chart;
    }

private Q_SLOTS:
    void decimatesToThePlotWidth()
    {
        const HealthSeries cpu = dayOfCpu();
        auto chart = shown({cpu}, kNow - 24 * kHour, kNow);
        QVERIFY(chart);
        QVERIFY(QTest::qWaitFor([&] { return chart->columns() > 600 && chart->columns() < 800; }));
        const int columns = chart->columns();
        // Two runs (the gap breaks the line), at most 2 points (min and max) per column each; the
        // column where the gap starts and the one where it ends may hold points of both runs.
        const QList<QLineSeries*> lines = chart->lines();
        QCOMPARE(lines.size(), 2);
        QVERIFY(chart->shownPointCount() <= 2 * columns + 4);
        QVERIFY(chart->shownPointCount() >= columns);
        QVERIFY(chart->shownPointCount() < qsizetype(cpu.timesMs.size()) / 4);
        // The gap is not drawn across.
        QVERIFY(lines[0]->points().last().x() < double(kNow - 3 * kHour));
        QVERIFY(lines[1]->points().first().x() >= double(kNow - 2 * kHour));
        QCOMPARE(chart->emptyText(), QString());
        QCOMPARE(chart->valueScale().unit, QStringLiteral("%"));
        saveShot(*chart, QStringLiteral("health-chart-light.png"));
    }

    void replacesWholeSeries()
    {
        const HealthSeries cpu = dayOfCpu();
        auto chart = shown({cpu}, kNow - 24 * kHour, kNow);
        QVERIFY(chart);
        const QList<QLineSeries*> before = chart->lines();
        QCOMPARE(before.size(), 2);
        std::vector<std::unique_ptr<QSignalSpy>> replaced;
        std::vector<std::unique_ptr<QSignalSpy>> added;
        for (QLineSeries* line : before) {
            replaced.push_back(std::make_unique<QSignalSpy>(line, &QXYSeries::pointsReplaced));
            added.push_back(std::make_unique<QSignalSpy>(line, &QXYSeries::pointAdded));
        }
        // A narrower range, new data and a resize: the same lines, whole series replaced.
        chart->setRange(kNow - 6 * kHour, kNow);
        chart->setSeries({cpu});
        chart->resize(500, 300);
        QVERIFY(QTest::qWaitFor([&] { return chart->columns() < 500; }));
        QCOMPARE(chart->lines(), before);
        QCOMPARE(chart->chart()->series().size(), 2);
        for (std::size_t i = 0; i < replaced.size(); ++i) {
            QVERIFY(replaced[i]->count() >= 2);
            QCOMPARE(added[i]->count(), 0);
        }
        QVERIFY(chart->shownPointCount() <= 2 * chart->columns() + 4);
    }

    void hoverShowsTimeAndValue()
    {
        auto chart = shown({dayOfCpu()}, kNow - 24 * kHour, kNow);
        QVERIFY(chart);
        const QRectF area = chart->chart()->plotArea();
        const QPoint middle = chart->mapFromScene(chart->chart()->mapToScene(area.center()));
        QTest::mouseMove(chart->viewport(), middle);
        QVERIFY(QTest::qWaitFor([&] { return !chart->hoverText().isEmpty(); }));
        const QStringList lines = chart->hoverText().split(QLatin1Char('\n'));
        QCOMPARE(lines.size(), 2);
        QVERIFY2(QRegularExpression(QStringLiteral("^\\d\\d:\\d\\d:\\d\\d$")).match(lines[0]).hasMatch(),
                 qPrintable(lines[0]));
        QVERIFY2(QRegularExpression(QStringLiteral("^CPU: \\d+\\.\\d %$")).match(lines[1]).hasMatch(),
                 qPrintable(lines[1]));
        saveShot(*chart, QStringLiteral("health-chart-hover.png"));
        // Inside the gap there is no value; outside the plot no hover.
        QVERIFY(chart->hoverTextAt(kNow - 2 * kHour - kHour / 2).endsWith(QStringLiteral("CPU: no data")));
        QTest::mouseMove(chart->viewport(), QPoint(2, 2));
        QVERIFY(QTest::qWaitFor([&] { return chart->hoverText().isEmpty(); }));
    }

    void exactHoverValues()
    {
        HealthSeries memory{QStringLiteral("a"),
                            HealthMetric::MemoryUsedBytes,
                            {kNow - 60'000, kNow},
                            {1.5 * (1 << 30), 2.0 * (1 << 30)}};
        auto chart = shown({memory}, kNow - 120'000, kNow);
        QVERIFY(chart);
        QCOMPARE(chart->valueScale().unit, QStringLiteral("GiB"));
        const QString text = chart->hoverTextAt(kNow - 55'000);
        QCOMPARE(text.split(QLatin1Char('\n')).value(1), QStringLiteral("Memory used: 1.50 GiB"));
        QCOMPARE(text.split(QLatin1Char('\n')).value(0),
                 QDateTime::fromMSecsSinceEpoch(kNow - 60'000).toString(QStringLiteral("HH:mm:ss")));
        auto* axis = qobject_cast<QValueAxis*>(chart->chart()->axes(Qt::Vertical).value(0));
        QVERIFY(axis);
        QVERIFY(axis->max() >= 2.0);
        QVERIFY(axis->labelFormat().endsWith(QStringLiteral("GiB")));
    }

    void emptyStates()
    {
        auto chart = shown({}, kNow - kHour, kNow);
        QVERIFY(chart);
        QCOMPARE(chart->emptyText(), QStringLiteral("No data yet"));
        QCOMPARE(chart->shownPointCount(), 0);
        chart->setSeries({test::syntheticSeries(QStringLiteral("a"), HealthMetric::CpuPercent, kNow - 48 * kHour,
                                                kNow - 30 * kHour, 15'000)});
        QCOMPARE(chart->emptyText(), QStringLiteral("No data in this time range"));
        chart->setRange(kNow - 36 * kHour, kNow);
        QCOMPARE(chart->emptyText(), QString());
    }

    void manyGapsKeepTheLineCountBounded()
    {
        HealthSeries flaky
            = test::syntheticSeries(QStringLiteral("a"), HealthMetric::CpuPercent, kNow - kHour, kNow, 15'000);
        for (std::size_t i = 0; i < flaky.values.size(); i += 3)
            flaky.values[i] = std::numeric_limits<double>::quiet_NaN();
        auto chart = shown({flaky}, kNow - kHour, kNow);
        QVERIFY(chart);
        QVERIFY(chart->lines().size() <= 32);
        QVERIFY(chart->shownPointCount() > 0);
    }

    void antialiasesOnlyWhereItShows()
    {
        // A day of noisy CPU: min/max strokes side by side, the same without antialiasing.
        auto cpu = shown({dayOfCpu()}, kNow - 24 * kHour, kNow);
        QVERIFY(cpu);
        QVERIFY(!cpu->renderHints().testFlag(QPainter::Antialiasing));
        // Its last 15 minutes: segments several pixels wide, smoothed.
        cpu->setRange(kNow - kHour / 4, kNow);
        QVERIFY(cpu->renderHints().testFlag(QPainter::Antialiasing));
        cpu->setRange(kNow - 24 * kHour, kNow);
        QVERIFY(!cpu->renderHints().testFlag(QPainter::Antialiasing));
        // A day of memory: dense too, but a slow, shallow line, smoothed.
        auto memory = shown(
            {test::syntheticSeries(QStringLiteral("a"), HealthMetric::MemoryUsedBytes, kNow - 24 * kHour, kNow, 5000)},
            kNow - 24 * kHour, kNow);
        QVERIFY(memory);
        QVERIFY(memory->shownPointCount() > memory->columns());
        QVERIFY(memory->renderHints().testFlag(QPainter::Antialiasing));
    }

    void followsTheDarkPalette()
    {
        auto chart = shown({dayOfCpu()}, kNow - 24 * kHour, kNow);
        QVERIFY(chart);
        const QColor lightLine = chart->lines().front()->pen().color();
        const QPalette dark = test::darkPalette();
        chart->setPalette(dark);
        QCOMPARE(chart->chart()->backgroundBrush().color(), dark.color(QPalette::Base));
        QCOMPARE(chart->chart()->titleBrush().color(), dark.color(QPalette::Text));
        const QColor darkLine = chart->lines().front()->pen().color();
        QVERIFY(darkLine != lightLine);
        QVERIFY(darkLine.lightness() > 128);
        for (const QLineSeries* line : chart->lines())
            QCOMPARE(line->pen().color(), darkLine);
        // The rendered background is the palette's.
        const QImage image = chart->grab().toImage();
        QCOMPARE(image.pixelColor(2, 2), dark.color(QPalette::Base));
        saveShot(*chart, QStringLiteral("health-chart-dark.png"));
    }
};

QTEST_MAIN(TestHealthChart)
#include "tst_healthchart.moc"
