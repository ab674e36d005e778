// SPDX-License-Identifier: GPL-3.0-or-later
// The station page offscreen: header, badge, reason, last seen, range buttons, charts fed by
// setHistory(), PNG and CSV export, light and dark screenshots.
#include "DarkPalette.h"
#include "SyntheticHealth.h"
#include "core/Clock.h"
#include "health/HealthBadgeLabel.h"
#include "health/HealthChart.h"
#include "health/StationHealthPage.h"

#include <QApplication>
#include <QFile>
#include <QImage>
#include <QLabel>
#include <QLineSeries>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

#include <cmath>

using namespace sd;
using namespace std::chrono_literals;

namespace {

constexpr qint64 kHour = 3'600'000;

} // namespace

class TestStationHealthPage : public QObject
{
    Q_OBJECT

private:
    ManualClock m_clock{QDateTime::fromString(QStringLiteral("2026-11-28T12:00:00Z"), Qt::ISODate)};
    QTemporaryDir m_dir;

    qint64 now() const { return m_clock.now().toMSecsSinceEpoch(); }

    QList<HealthSeries> history() const
    {
        const QString station = QStringLiteral("lyon-01");
        const qint64 from = now() - 24 * kHour;
        return {
            test::syntheticSeries(station, HealthMetric::CpuPercent, from, now(), 15'000, now() - 80 * 60'000,
                                  now() - 55 * 60'000),
            test::syntheticSeries(station, HealthMetric::MemoryUsedBytes, from, now(), 15'000, now() - 80 * 60'000,
                                  now() - 55 * 60'000),
            test::syntheticSeries(station, HealthMetric::MemoryPercent, from, now(), 15'000),
        };
    }

    std::unique_ptr<StationHealthPage> page()
    {
        auto page = std::make_unique<StationHealthPage>(m_clock);
        page->resize(1000, 720);
        page->setStation(QStringLiteral("lyon-01"));
        page->setSource(QStringLiteral("scraped directly"));
        StationHealth health;
        health.state = HealthState::Down;
        health.reason = QStringLiteral("http://10.20.0.5:9100/metrics refused the connection.");
        health.lastSuccess = m_clock.now().addSecs(-190);
        health.lastAttempt = m_clock.now().addSecs(-10);
        page->setHealth(health);
        page->selectRange(6h);
        page->setHistory(history());
        page->show();
        if (!QTest::qWaitForWindowExposed(page.get()))
            return nullptr;
        return page;
    }

    void shoot(StationHealthPage& page, const QString& name)
    {
        const QString shots = qEnvironmentVariable("STATIONDECK_SCREENSHOT_DIR");
        if (shots.isEmpty())
            return;
        QPoint inside = page.cpuChart()->mapFromScene(
            page.cpuChart()->chart()->mapToScene(page.cpuChart()->chart()->plotArea().center() + QPointF(120, 0)));
        // Qt drops a move to where the pointer already is: come from elsewhere.
        QTest::mouseMove(page.cpuChart()->viewport(), QPoint(1, 1));
        QTest::mouseMove(page.cpuChart()->viewport(), inside);
        QVERIFY(QTest::qWaitFor([&] { return !page.cpuChart()->hoverText().isEmpty(); }));
        QVERIFY(page.grab().save(shots + QLatin1Char('/') + name));
    }

    static void failsNamingThePath(const Result<void>& result, const QString& path)
    {
        QVERIFY(!result.ok());
        QVERIFY2(result.error().sentence().contains(path), qPrintable(result.error().sentence()));
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void showsTheStation()
    {
        auto shown = page();
        QVERIFY(shown);
        QCOMPARE(shown->findChild<QLabel*>(QStringLiteral("StationName"))->text(), QStringLiteral("lyon-01"));
        QCOMPARE(shown->findChild<HealthBadgeLabel*>()->state(), HealthState::Down);
        auto* reason = shown->findChild<QLabel*>(QStringLiteral("Reason"));
        QVERIFY(reason->isVisible());
        QVERIFY(reason->text().contains(QStringLiteral("refused")));
        QVERIFY(shown->findChild<QLabel*>(QStringLiteral("LastSeen"))->text().endsWith(QStringLiteral("(3 min ago)")));
        QCOMPARE(shown->findChild<QLabel*>(QStringLiteral("Source"))->text(),
                 QStringLiteral("Source: scraped directly"));
        // CPU in the CPU chart; memory in bytes (not percent) in the memory chart.
        QCOMPARE(shown->cpuChart()->valueScale().unit, QStringLiteral("%"));
        QCOMPARE(shown->memoryChart()->valueScale().unit, QStringLiteral("GiB"));
        QCOMPARE(shown->cpuChart()->lines().size(), 2); // the gap
        QVERIFY(shown->memoryChart()->shownPointCount() > 0);
        // Both plots start at the same x, so that their times line up.
        QVERIFY(QTest::qWaitFor([&] {
            const QPointF cpu
                = shown->cpuChart()->mapToGlobal(shown->cpuChart()->chart()->plotArea().topLeft().toPoint());
            const QPointF memory
                = shown->memoryChart()->mapToGlobal(shown->memoryChart()->chart()->plotArea().topLeft().toPoint());
            return std::abs(cpu.x() - memory.x()) <= 1;
        }));
        shoot(*shown, QStringLiteral("station-health-light.png"));

        StationHealth up;
        up.state = HealthState::Up;
        up.lastSuccess = m_clock.now();
        shown->setHealth(up);
        QVERIFY(!reason->isVisible());
        QCOMPARE(shown->findChild<HealthBadgeLabel*>()->state(), HealthState::Up);
    }

    void rangeButtonsAskForHistory()
    {
        auto shown = page();
        QVERIFY(shown);
        QSignalSpy requested(shown.get(), &StationHealthPage::rangeRequested);
        auto* quarter = shown->findChild<QToolButton*>(QStringLiteral("Range900"));
        QVERIFY(quarter);
        QTest::mouseClick(quarter, Qt::LeftButton);
        QCOMPARE(requested.count(), 1);
        QCOMPARE(requested.front().front().value<std::chrono::seconds>(), std::chrono::seconds(15min));
        QCOMPARE(shown->range(), std::chrono::seconds(15min));
        QVERIFY(quarter->isChecked());
        QVERIFY(!shown->findChild<QToolButton*>(QStringLiteral("Range21600"))->isChecked());
        // The page recharts what it has right away; the app's answer replaces it.
        const qsizetype fifteenMinutes = shown->cpuChart()->shownPointCount();
        QVERIFY(fifteenMinutes > 0 && fifteenMinutes <= 63);
        QCOMPARE(StationHealthPage::ranges(), (QList<std::chrono::seconds>{15min, 1h, 6h, 24h}));
    }

    void followsTheClock()
    {
        auto shown = page();
        QVERIFY(shown);
        m_clock.advanceSecs(3600);
        shown->setHistory(history());
        QVERIFY(shown->cpuChart()->lines().front()->points().last().x() <= double(now()));
        m_clock.advanceSecs(-3600);
    }

    void exportsCsv()
    {
        auto shown = page();
        QVERIFY(shown);
        const QString path = m_dir.filePath(QStringLiteral("lyon-01.csv"));
        QVERIFY(shown->exportCsv(path).ok());
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readLine(),
                 QByteArray("time (UTC),cpu_percent (%),memory_used_bytes (bytes),memory_percent (%)\r\n"));
        QVERIFY(file.readLine().startsWith("2026-11-27T12:00:00.000Z,"));
        failsNamingThePath(shown->exportCsv(QStringLiteral("/nonexistent/lyon-01.csv")),
                           QStringLiteral("/nonexistent/lyon-01.csv"));
    }

    void exportsPng()
    {
        auto shown = page();
        QVERIFY(shown);
        const QString path = m_dir.filePath(QStringLiteral("lyon-01.png"));
        QVERIFY(shown->exportPng(path).ok());
        QImage image(path);
        QVERIFY(!image.isNull());
        QVERIFY(image.width() >= shown->cpuChart()->width());
        QVERIFY(image.height() >= shown->cpuChart()->height() + shown->memoryChart()->height());
        failsNamingThePath(shown->exportPng(QStringLiteral("/nonexistent/lyon-01.png")),
                           QStringLiteral("/nonexistent/lyon-01.png"));
    }

    void darkPalette()
    {
        auto shown = page();
        QVERIFY(shown);
        const QPalette dark = test::darkPalette();
        shown->setPalette(dark);
        QCOMPARE(shown->cpuChart()->chart()->backgroundBrush().color(), dark.color(QPalette::Base));
        QCOMPARE(shown->memoryChart()->chart()->backgroundBrush().color(), dark.color(QPalette::Base));
        shoot(*shown, QStringLiteral("station-health-dark.png"));
    }

    void emptyPage()
    {
        StationHealthPage empty(m_clock);
        empty.resize(800, 600);
        empty.show();
        QVERIFY(QTest::qWaitForWindowExposed(&empty));
        QCOMPARE(empty.cpuChart()->emptyText(), QStringLiteral("No data yet"));
        QCOMPARE(empty.findChild<QLabel*>(QStringLiteral("LastSeen"))->text(), QStringLiteral("Never seen"));
        QCOMPARE(empty.findChild<HealthBadgeLabel*>()->state(), HealthState::Unknown);
    }
};

QTEST_MAIN(TestStationHealthPage)
#include "tst_stationhealthpage.moc"
