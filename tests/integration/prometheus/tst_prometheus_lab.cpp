// SPDX-License-Identifier: GPL-3.0-or-later
// PromQlClient against a real Prometheus scraping real node exporters every second
// (tests/lab/prometheus.sh, started and stopped by test_prometheus.sh, which passes the server URL
// in STATIONDECK_TEST_PROMETHEUS and the stations file, "name TAB metrics URL" per line, in
// STATIONDECK_TEST_STATIONS). Checks the fleet queries (by address and by station name, with and
// without a station matcher, one with thousands of keys), a 5-minute history, the server's
// error sentence for bad PromQL, and the transport sentence for a dead port.
#include "core/Clock.h"
#include "metrics/PromQlClient.h"

#include <QElapsedTimer>
#include <QFile>
#include <QNetworkAccessManager>
#include <QTcpServer>
#include <QTest>

#include <cmath>
#include <optional>

using namespace sd;

namespace {

// The error's sentence, or nothing on success (a QVERIFY2 message is evaluated either way).
template <typename T> QString why(const Result<T>& r)
{
    return r ? QString() : r.error().sentence();
}

} // namespace

class TestPrometheusLab : public QObject
{
    Q_OBJECT

    struct Station
    {
        QString name;
        QUrl metricsUrl;
    };

    QNetworkAccessManager m_network;
    SystemClock m_clock;
    QUrl m_server = QUrl(qEnvironmentVariable("STATIONDECK_TEST_PROMETHEUS"));
    QList<Station> m_stations;

    static PromQlSettings labSettings(PromQlSettings::Match match)
    {
        PromQlSettings s;
        s.match = match;
        s.label = match == PromQlSettings::Match::Name ? QStringLiteral("station") : QStringLiteral("instance");
        s.scrapeIntervalSeconds = 1;
        s.nodeSelector = QStringLiteral("job=\"node\"");
        return s;
    }

    std::unique_ptr<PromQlClient> client(PromQlSettings::Match match = PromQlSettings::Match::Address)
    {
        auto c = std::make_unique<PromQlClient>(m_network);
        c->setServer(m_server);
        c->setTimeoutMs(20000);
        auto templates = PromQlTemplates::create(labSettings(match));
        if (!templates)
            qFatal("%s", qPrintable(templates.error().message()));
        c->setTemplates(templates.value());
        return c;
    }

    QList<PromStation> promStations(const PromQlClient& c) const
    {
        QList<PromStation> out;
        for (const Station& s : m_stations)
            out.append({s.name, c.templates().keysFor(s.name, {s.metricsUrl})});
        return out;
    }

    template <typename T, typename Start> static std::optional<T> await(Start start)
    {
        std::optional<T> out;
        start([&out](T r) { out.emplace(std::move(r)); });
        if (!QTest::qWaitFor([&] { return out.has_value(); }, 60000))
            return std::nullopt;
        return out;
    }

    Result<PromApiResponse> query(PromQlClient& c, const QString& promql)
    {
        auto r = await<Result<PromApiResponse>>([&](auto done) { c.query(promql, m_clock.now(), std::move(done)); });
        return r ? *r : Result<PromApiResponse>(Error(QStringLiteral("no answer in 60 s")));
    }

    void checkFleet(const PromFleetValues& values)
    {
        for (const Station& s : m_stations) {
            const QByteArray name = s.name.toUtf8();
            QVERIFY2(values.stations.contains(s.name), name.constData());
            const double cpu = values.value(s.name, HealthMetric::CpuPercent);
            QVERIFY2(cpu >= -1 && cpu <= 101, name.constData());
            QVERIFY2(values.value(s.name, HealthMetric::MemoryUsedBytes) > 1e6, name.constData());
            const double percent = values.value(s.name, HealthMetric::MemoryPercent);
            QVERIFY2(percent > 0 && percent <= 100, name.constData());
            QCOMPARE(values.value(s.name, HealthMetric::Up), 1.0);
            QVERIFY2(values.value(s.name, HealthMetric::ScrapeSeconds) > 0, name.constData());
            QVERIFY2(values.value(s.name, HealthMetric::ResidentBytes) > 1e5, name.constData()); // node_exporter's own
        }
    }

    std::optional<Result<PromFleetValues>> latest(PromQlClient& c, const QList<PromStation>& stations)
    {
        const QList<HealthMetric> all{HealthMetric::CpuPercent,    HealthMetric::MemoryUsedBytes,
                                      HealthMetric::MemoryPercent, HealthMetric::ResidentBytes,
                                      HealthMetric::VirtualBytes,  HealthMetric::Up,
                                      HealthMetric::ScrapeSeconds};
        return await<Result<PromFleetValues>>(
            [&](auto done) { c.fetchLatest(stations, all, m_clock.now(), std::move(done)); });
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(m_server.isValid() && !m_server.isEmpty(), "STATIONDECK_TEST_PROMETHEUS is not set");
        QFile file(qEnvironmentVariable("STATIONDECK_TEST_STATIONS"));
        QVERIFY2(file.open(QIODevice::ReadOnly), "STATIONDECK_TEST_STATIONS cannot be read");
        for (const QByteArray& line : file.readAll().split('\n')) {
            const QList<QByteArray> fields = line.split('\t');
            if (fields.size() == 2)
                m_stations.append({QString::fromUtf8(fields[0]), QUrl(QString::fromUtf8(fields[1]))});
        }
        QVERIFY(m_stations.size() >= 2);
        // Rates need a few samples: wait (up to 90 s) until every exporter was scraped 5 times.
        auto c = client();
        double scrapes = 0;
        for (int attempt = 0; attempt < 90 && scrapes < 5; ++attempt) {
            const auto r = query(*c, QStringLiteral("min(count_over_time(up{job=\"node\"}[1m]))"));
            scrapes = (r && !r->series().isEmpty()) ? r->series().front().values.front() : 0;
            if (scrapes < 5)
                QTest::qWait(1000);
        }
        QVERIFY2(scrapes >= 5, "the server did not scrape the exporters 5 times in 90 s");
    }

    void fleetByAddress()
    {
        auto c = client();
        const auto r = latest(*c, promStations(*c));
        QVERIFY(r.has_value());
        QVERIFY2(r->ok(), qPrintable(why(*r)));
        checkFleet(r->value());
        QCOMPARE(r->value().stations.size(), m_stations.size());
        for (const Station& s : m_stations)
            qInfo("%s: cpu %.1f %%, memory %.0f MiB (%.1f %%), up %g, scrape %.3f s", qPrintable(s.name),
                  r->value().value(s.name, HealthMetric::CpuPercent),
                  r->value().value(s.name, HealthMetric::MemoryUsedBytes) / 1048576.0,
                  r->value().value(s.name, HealthMetric::MemoryPercent), r->value().value(s.name, HealthMetric::Up),
                  r->value().value(s.name, HealthMetric::ScrapeSeconds));
    }

    void fleetByStationName()
    {
        // The last station's name holds a double quote and a backslash.
        auto c = client(PromQlSettings::Match::Name);
        const auto r = latest(*c, promStations(*c));
        QVERIFY(r.has_value());
        QVERIFY2(r->ok(), qPrintable(why(*r)));
        checkFleet(r->value());
    }

    void fleetWithoutMatcherKeepsOnlyTheWanted()
    {
        auto c = client();
        c->setMaxMatchedKeys(0); // ask for every station, keep the wanted ones
        QList<PromStation> stations = promStations(*c);
        stations.removeLast();
        const auto r = latest(*c, stations);
        QVERIFY(r.has_value());
        QVERIFY2(r->ok(), qPrintable(why(*r)));
        QCOMPARE(r->value().stations.size(), stations.size());
        QVERIFY(!r->value().stations.contains(m_stations.last().name));
    }

    void fleetWithThousandsOfKeysIsOnePost()
    {
        auto c = client();
        c->setMaxMatchedKeys(100000);
        QList<PromStation> stations = promStations(*c);
        for (int i = 0; i < 3000; ++i)
            stations.append(
                {QStringLiteral("ghost-%1").arg(i), {QStringLiteral("192.0.2.%1:%2").arg(i % 250).arg(9100 + i)}});
        QElapsedTimer timer;
        timer.start();
        const auto r = await<Result<PromFleetValues>>([&](auto done) {
            c->fetchLatest(stations, {HealthMetric::CpuPercent, HealthMetric::MemoryUsedBytes}, m_clock.now(),
                           std::move(done));
        });
        qInfo("2 fleet queries matching %lld station keys: %lld ms", qlonglong(stations.size()),
              qlonglong(timer.elapsed()));
        QVERIFY(r.has_value());
        QVERIFY2(r->ok(), qPrintable(why(*r)));
        QCOMPARE(r->value().stations.size(), m_stations.size());
        for (const Station& s : m_stations)
            QVERIFY(!std::isnan(r->value().value(s.name, HealthMetric::MemoryUsedBytes)));
    }

    void fiveMinuteHistory()
    {
        auto c = client();
        const PromStation station = promStations(*c).front();
        const QDateTime end = m_clock.now();
        const auto r = await<Result<QList<HealthSeries>>>([&](auto done) {
            c->fetchHistory(station, {HealthMetric::CpuPercent, HealthMetric::MemoryUsedBytes, HealthMetric::Up},
                            end.addSecs(-300), end, std::move(done));
        });
        QVERIFY(r.has_value());
        QVERIFY2(r->ok(), qPrintable(why(*r)));
        QCOMPARE(r->value().size(), 3);
        for (const HealthSeries& s : r->value()) {
            QCOMPARE(s.station, station.name);
            QVERIFY(s.timesMs.size() >= 250 && s.timesMs.size() <= 1001); // 1 s steps over 5 minutes
            int known = 0;
            for (std::size_t i = 0; i < s.values.size(); ++i) {
                known += std::isnan(s.values[i]) ? 0 : 1;
                if (i > 0)
                    QCOMPARE(s.timesMs[i] - s.timesMs[i - 1], std::int64_t(1000));
            }
            QVERIFY2(known >= 3, qPrintable(healthMetricKey(s.metric))); // the lab has run for some seconds
            QVERIFY(std::isnan(s.values.front())); // 5 minutes ago the lab did not run
        }
        QCOMPARE(r->value().at(0).metric, HealthMetric::CpuPercent);
    }

    void badPromQlIsASentence()
    {
        auto c = client();
        const auto r = query(*c, QStringLiteral("rate(node_cpu_seconds_total[1m]"));
        QVERIFY(!r);
        QCOMPARE(r.error().code(), QStringLiteral("bad_data"));
        const QString expected = QStringLiteral("Prometheus at %1 refused the query: bad_data — ")
                                     .arg(m_server.toString(QUrl::StripTrailingSlash));
        QVERIFY2(r.error().sentence().startsWith(expected), qPrintable(r.error().sentence()));
        QVERIFY2(r.error().sentence().contains(QStringLiteral("parse error")), qPrintable(r.error().sentence()));
    }

    void executionErrorIsASentence()
    {
        auto c = client();
        const auto r = query(*c, QStringLiteral("node_cpu_seconds_total + on(instance) node_cpu_seconds_total"));
        QVERIFY(!r);
        QCOMPARE(r.error().code(), QStringLiteral("execution"));
    }

    void scalarAnswer()
    {
        auto c = client();
        const auto r = query(*c, QStringLiteral("count(up{job=\"node\"})"));
        QVERIFY2(r, qPrintable(why(r)));
        QCOMPARE(r->series().size(), 1);
        QCOMPARE(r->series().front().values.front(), double(m_stations.size()));
    }

    void deadServerIsATransportSentence()
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        const quint16 port = probe.serverPort();
        probe.close();
        auto c = client();
        c->setServer(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port)));
        const auto r = query(*c, QStringLiteral("up"));
        QVERIFY(!r);
        QCOMPARE(r.error().code(), QStringLiteral("network"));
        QVERIFY2(r.error().sentence().startsWith(
                     QStringLiteral("Cannot reach Prometheus at http://127.0.0.1:%1: ").arg(port)),
                 qPrintable(r.error().sentence()));
        const auto history = await<Result<QList<HealthSeries>>>([&](auto done) {
            c->fetchHistory({QStringLiteral("x"), {QStringLiteral("a:1")}}, {HealthMetric::Up},
                            m_clock.now().addSecs(-900), m_clock.now(), std::move(done));
        });
        QVERIFY(history.has_value() && !history->ok());
        QCOMPARE(history->error().code(), QStringLiteral("network"));
    }

    void abortedRequestsStaySilent()
    {
        auto c = client();
        bool called = false;
        c->query(QStringLiteral("up"), {}, [&called](Result<PromApiResponse>) { called = true; });
        c->abortAll();
        QTest::qWait(500);
        QVERIFY(!called);
    }
};

QTEST_GUILESS_MAIN(TestPrometheusLab)
#include "tst_prometheus_lab.moc"
