// SPDX-License-Identifier: GPL-3.0-or-later
// Station health as an operator meets it, under Xvfb, against real prometheus-node-exporters
// (test_health_gui.sh starts one per station and Xvfb): the fleet shows live CPU and memory, the
// station page charts them, stopping one exporter turns that station down while its site stays up,
// and stopping all of a site's exporters shows that site's link down; starting them again recovers.
#include "GuiApp.h"
#include "MainWindow.h"
#include "fleet/FleetOverview.h"
#include "fleet/FleetPage.h"
#include "fleet/StationTableModel.h"
#include "health/HealthChart.h"
#include "health/StationHealthPage.h"

#include <QAbstractItemModel>
#include <QLabel>
#include <QProcess>
#include <QSettings>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace sd;

class TestHealthGui : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_shots = qEnvironmentVariable("STATIONDECK_SCREENSHOT_DIR");
    std::unique_ptr<GuiApp> m_app;

    void shoot(const QString& name)
    {
        if (m_shots.isEmpty())
            return;
        QVERIFY(m_app->window()->grab().save(m_shots + QLatin1Char('/') + name));
    }

    QAbstractItemModel* table() const { return m_app->fleetPage()->stationView()->model(); }

    QString cell(const QString& station, int column) const
    {
        QAbstractItemModel* model = table();
        for (int row = 0; row < model->rowCount(); ++row) {
            if (model->index(row, StationTableModel::NameColumn).data(StationTableModel::SortRole).toString()
                == station)
                return model->index(row, column).data().toString();
        }
        return QStringLiteral("<no row for %1>").arg(station);
    }

    QString states() const
    {
        QStringList parts;
        for (const char* name : {"alpha-01", "alpha-02", "beta-01", "beta-02", "beta-03"}) {
            const QString station = QString::fromLatin1(name);
            parts.append(station + QLatin1Char('=') + cell(station, StationTableModel::StateColumn) + QLatin1Char('/')
                         + cell(station, StationTableModel::CpuColumn));
        }
        return parts.join(QLatin1Char(' '));
    }

    bool waitFor(const std::function<bool()>& condition, int seconds)
    {
        return QTest::qWaitFor(condition, seconds * 1000);
    }

    void lab(const QString& command, const QString& station)
    {
        // The port of a station is in its metrics URL, which the lab lists.
        QProcess list;
        list.start(QStringLiteral("bash"),
                   {qEnvironmentVariable("STATIONDECK_TEST_STATIONS_SH"), QStringLiteral("list"),
                    qEnvironmentVariable("STATIONDECK_TEST_STATIONS")});
        // Waits with the event loop running: the console keeps scraping meanwhile, as it would.
        QVERIFY(QTest::qWaitFor([&list] { return list.state() == QProcess::NotRunning; }, 30000));
        QString port;
        for (const QString& line : QString::fromUtf8(list.readAllStandardOutput()).split(QLatin1Char('\n'))) {
            const QStringList fields = line.split(QLatin1Char(' '));
            if (fields.size() >= 3 && fields.at(0) == station)
                port = fields.at(2);
        }
        QVERIFY2(!port.isEmpty(), qPrintable(station));
        QProcess run;
        run.start(QStringLiteral("bash"),
                  {qEnvironmentVariable("STATIONDECK_TEST_STATIONS_SH"), command,
                   qEnvironmentVariable("STATIONDECK_TEST_STATIONS"), port});
        QVERIFY(QTest::qWaitFor([&run] { return run.state() == QProcess::NotRunning; }, 60000));
        QVERIFY2(run.exitCode() == 0, run.readAllStandardError().constData());
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (qEnvironmentVariableIsEmpty("STATIONDECK_TEST_INVENTORY"))
            QSKIP("run through tests/gui/test_health_gui.sh, which starts Xvfb and the exporters");
        QVERIFY(m_dir.isValid());
        QSettings settings;
        settings.clear();
        settings.beginGroup(QStringLiteral("health"));
        settings.setValue(QStringLiteral("intervalSecs"), 1);
        settings.setValue(QStringLiteral("timeoutSecs"), 2);
        settings.endGroup();
        m_app = std::make_unique<GuiApp>();
        const auto started
            = m_app->start({QStringLiteral("sqlite:") + m_dir.filePath(QStringLiteral("gui.db")),
                            qEnvironmentVariable("STATIONDECK_TEST_INVENTORY"), QString(), QString(), QString()});
        if (!started)
            QFAIL(qPrintable(started.error().message()));
        m_app->window()->resize(1340, 880);
        m_app->window()->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_app->window()));
    }

    void cleanupTestCase() { m_app.reset(); }

    void liveCpuAndMemory()
    {
        QVERIFY2(waitFor([this] { return table()->rowCount() == 5; }, 60), "the inventory was not imported");
        // CPU needs two scrapes; every station answers.
        const bool live = waitFor(
            [this] {
                for (const char* name : {"alpha-01", "alpha-02", "beta-01", "beta-02", "beta-03"}) {
                    const QString station = QString::fromLatin1(name);
                    if (cell(station, StationTableModel::StateColumn) != QLatin1String("up")
                        || !cell(station, StationTableModel::CpuColumn).endsWith(QLatin1Char('%'))
                        || !cell(station, StationTableModel::MemoryColumn).endsWith(QLatin1Char('%')))
                        return false;
                }
                return true;
            },
            60);
        QVERIFY2(live, qPrintable(states()));
        auto* overview = m_app->fleetPage()->overview();
        const auto* counts = overview->findChild<QLabel*>(QStringLiteral("OverviewStates"));
        QVERIFY(counts);
        QVERIFY2(counts->text().contains(QLatin1String("5&nbsp;up")), qPrintable(counts->text()));
    }

    void stationPageCharts()
    {
        m_app->fleetPage()->selectStation(QStringLiteral("alpha-01"));
        StationHealthPage* page = m_app->stationHealthPage();
        QVERIFY(page);
        QVERIFY2(waitFor([page] { return page->cpuChart()->shownPointCount() >= 2; }, 30), "no CPU points charted");
        QVERIFY(page->memoryChart()->shownPointCount() >= 2);
        shoot(QStringLiteral("health-fleet-up.png"));
    }

    void oneExporterStopped()
    {
        lab(QStringLiteral("stop-port"), QStringLiteral("alpha-01"));
        QVERIFY2(waitFor(
                     [this] {
                         return cell(QStringLiteral("alpha-01"), StationTableModel::StateColumn)
                             == QLatin1String("down");
                     },
                     30),
                 qPrintable(states()));
        QCOMPARE(cell(QStringLiteral("alpha-02"), StationTableModel::StateColumn), QStringLiteral("up"));
        QCOMPARE(cell(QStringLiteral("beta-01"), StationTableModel::StateColumn), QStringLiteral("up"));
        shoot(QStringLiteral("health-station-down.png"));
    }

    void wholeSiteStopped()
    {
        for (const char* name : {"beta-01", "beta-02", "beta-03"})
            lab(QStringLiteral("stop-port"), QString::fromLatin1(name));
        const bool linkDown = waitFor(
            [this] {
                for (const char* name : {"beta-01", "beta-02", "beta-03"}) {
                    if (cell(QString::fromLatin1(name), StationTableModel::StateColumn) != QLatin1String("link down"))
                        return false;
                }
                return true;
            },
            30);
        QVERIFY2(linkDown, qPrintable(states()));
        QCOMPARE(cell(QStringLiteral("alpha-01"), StationTableModel::StateColumn), QStringLiteral("down"));
        QVERIFY2(waitFor(
                     [this] {
                         return cell(QStringLiteral("alpha-02"), StationTableModel::StateColumn) == QLatin1String("up");
                     },
                     10),
                 qPrintable(states()));
        const auto* links = m_app->fleetPage()->overview()->findChild<QLabel*>(QStringLiteral("OverviewLinks"));
        QVERIFY(links);
        // The overview follows the tracker's batched healthChanged() (at most a second later).
        QVERIFY2(waitFor([links] { return links->text().contains(QLatin1String("Beta")); }, 10),
                 qPrintable(links->text()));
        m_app->fleetPage()->selectStation(QStringLiteral("beta-02"));
        QTest::qWait(300);
        shoot(QStringLiteral("health-link-down.png"));
    }

    void recovery()
    {
        for (const char* name : {"alpha-01", "beta-01", "beta-02", "beta-03"})
            lab(QStringLiteral("start-port"), QString::fromLatin1(name));
        // Back-off: the site's probe and alpha-01 are retried at growing intervals (capped), so
        // recovery may take a while; it must come by itself.
        const bool recovered = waitFor(
            [this] {
                for (const char* name : {"alpha-01", "alpha-02", "beta-01", "beta-02", "beta-03"}) {
                    if (cell(QString::fromLatin1(name), StationTableModel::StateColumn) != QLatin1String("up"))
                        return false;
                }
                return true;
            },
            120);
        QVERIFY2(recovered, qPrintable(states()));
    }
};

QTEST_MAIN(TestHealthGui)
#include "tst_health_gui.moc"
