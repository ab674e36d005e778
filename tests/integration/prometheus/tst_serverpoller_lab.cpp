// SPDX-License-Identifier: GPL-3.0-or-later
// Server mode end to end against the real lab (tests/lab/prometheus.sh: node exporters scraped
// every second by a real prometheus, all at one site): ServerHealthPoller asks the server for the
// whole fleet and the HealthTracker turns the answers into states. Stations are up with CPU and
// memory; an exporter stopped makes its station down ("up = 0"), all of them stopped make the
// site's link down; a label that matches nothing says so per station; a dead server is reported
// once and the stations turn stale, not down.
#include "core/Clock.h"
#include "metrics/HealthTracker.h"
#include "metrics/PromQlClient.h"
#include "metrics/ServerHealthPoller.h"

#include <QFile>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QSignalSpy>
#include <QTest>

#include <cmath>
#include <memory>

using namespace sd;
using namespace std::chrono_literals;

class TestServerPollerLab : public QObject
{
    Q_OBJECT

    SystemClock m_clock;
    QNetworkAccessManager m_network;
    QList<ScrapeTarget> m_targets;
    std::unique_ptr<PromQlClient> m_client;
    std::unique_ptr<HealthTracker> m_tracker;
    std::unique_ptr<ServerHealthPoller> m_poller;

    void build(const PromQlSettings& settings)
    {
        m_poller.reset();
        m_tracker.reset();
        m_client = std::make_unique<PromQlClient>(m_network);
        m_client->setServer(QUrl(qEnvironmentVariable("STATIONDECK_TEST_PROMETHEUS")));
        auto templates = PromQlTemplates::create(settings);
        QVERIFY(templates.ok());
        m_client->setTemplates(templates.value());
        m_client->setTimeoutMs(5000);
        HealthTracker::Options options;
        options.interval = 1s;
        m_tracker = std::make_unique<HealthTracker>(m_clock, options);
        m_poller = std::make_unique<ServerHealthPoller>(*m_client, *m_tracker, m_clock);
        m_poller->setTemplates(templates.value());
        m_poller->setInterval(1s);
        m_poller->setTargets(m_targets);
        m_tracker->setTargets(m_poller->trackerTargets());
        m_poller->start();
    }

    static PromQlSettings labSettings()
    {
        PromQlSettings settings;
        settings.scrapeIntervalSeconds = 1;
        return settings;
    }

    QString states() const
    {
        QStringList parts;
        for (const ScrapeTarget& target : m_targets)
            parts.append(target.station + QLatin1Char('=') + healthStateText(m_tracker->health(target.station).state)
                         + QLatin1Char(' ') + m_tracker->health(target.station).reason);
        return parts.join(QLatin1String("; "));
    }

    bool allIn(HealthState state, int seconds)
    {
        return QTest::qWaitFor(
            [this, state] {
                m_tracker->tick();
                for (const ScrapeTarget& target : m_targets) {
                    if (m_tracker->health(target.station).state != state)
                        return false;
                }
                return true;
            },
            seconds * 1000);
    }

    void stopExporter(const QUrl& url)
    {
        QProcess kill;
        kill.start(QStringLiteral("pkill"),
                   {QStringLiteral("-f"), QStringLiteral("--"),
                    QStringLiteral("--web.listen-address=127.0.0.1:%1$").arg(url.port())});
        QVERIFY(kill.waitForFinished(10000));
        QCOMPARE(kill.exitCode(), 0);
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (qEnvironmentVariableIsEmpty("STATIONDECK_TEST_PROMETHEUS"))
            QSKIP("run through tests/integration/test_prometheus.sh, which starts the lab");
        QFile file(qEnvironmentVariable("STATIONDECK_TEST_STATIONS"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        for (const QByteArray& line : file.readAll().split('\n')) {
            const QList<QByteArray> fields = line.split('\t');
            if (fields.size() == 2)
                m_targets.append(
                    {QString::fromUtf8(fields[0]), QStringLiteral("lab"), QUrl(QString::fromUtf8(fields[1]))});
        }
        QVERIFY(m_targets.size() >= 3);
    }

    void cleanup()
    {
        m_poller.reset();
        m_tracker.reset();
        m_client.reset();
    }

    void labelMatchingNothing()
    {
        PromQlSettings settings = labSettings();
        settings.label = QStringLiteral("no_such_label");
        build(settings);
        QVERIFY2(allIn(HealthState::Down, 30), qPrintable(states()));
        const StationHealth health = m_tracker->health(m_targets.first().station);
        QVERIFY2(health.reason.contains(QLatin1String("has no series for")), qPrintable(health.reason));
        QVERIFY2(health.reason.contains(QLatin1String("no_such_label")), qPrintable(health.reason));
        QVERIFY(m_tracker->sitesWithLinkDown().isEmpty()); // an answer, not a dead link
    }

    void fleetUpWithFigures()
    {
        build(labSettings());
        const bool figures = QTest::qWaitFor(
            [this] {
                m_tracker->tick();
                for (const ScrapeTarget& target : m_targets) {
                    const StationHealth health = m_tracker->health(target.station);
                    if (health.state != HealthState::Up || std::isnan(health.value(HealthMetric::CpuPercent))
                        || std::isnan(health.value(HealthMetric::MemoryPercent)))
                        return false;
                }
                return true;
            },
            60000);
        QVERIFY2(figures, qPrintable(states()));
        const StationHealth health = m_tracker->health(m_targets.first().station);
        QVERIFY(health.hasNode);
        QVERIFY(health.value(HealthMetric::MemoryUsedBytes) > 0);
        QVERIFY(health.value(HealthMetric::CpuPercent) >= 0 && health.value(HealthMetric::CpuPercent) <= 100);
        QVERIFY(m_tracker->sparkline(m_targets.first().station, HealthMetric::CpuPercent, 40).size() >= 1);
    }

    void stoppedExportersAndDeadServer()
    {
        build(labSettings());
        QVERIFY2(allIn(HealthState::Up, 60), qPrintable(states()));
        stopExporter(m_targets.first().url);
        QVERIFY2(QTest::qWaitFor(
                     [this] {
                         m_tracker->tick();
                         return m_tracker->health(m_targets.first().station).state == HealthState::Down;
                     },
                     30000),
                 qPrintable(states()));
        QVERIFY2(m_tracker->health(m_targets.first().station).reason.contains(QLatin1String("(up = 0)")),
                 qPrintable(states()));
        QCOMPARE(m_tracker->health(m_targets.at(1).station).state, HealthState::Up);

        for (const ScrapeTarget& target : m_targets.mid(1))
            stopExporter(target.url);
        QVERIFY2(allIn(HealthState::LinkDown, 30), qPrintable(states()));
        QCOMPARE(m_tracker->sitesWithLinkDown(), QStringList{QStringLiteral("lab")});

        // The server itself goes away: one sentence, and the stations are no longer claimed down
        // by anyone: they turn stale.
        QSignalSpy failed(m_poller.get(), &ServerHealthPoller::serverFailed);
        QProcess kill;
        const int port = QUrl(qEnvironmentVariable("STATIONDECK_TEST_PROMETHEUS")).port();
        kill.start(QStringLiteral("pkill"),
                   {QStringLiteral("-f"),
                    QStringLiteral("prometheus --config.file.*--web.listen-address=127.0.0.1:%1$").arg(port)});
        QVERIFY(kill.waitForFinished(10000));
        QVERIFY(failed.wait(15000));
        QVERIFY2(failed.first().first().toString().contains(QLatin1String("Prometheus")),
                 qPrintable(failed.first().first().toString()));
    }
};

QTEST_GUILESS_MAIN(TestServerPollerLab)
#include "tst_serverpoller_lab.moc"
