// SPDX-License-Identifier: GPL-3.0-or-later
// HealthConfig: what check() refuses (and the sentence naming the setting), and a save/load round trip.
#include "metrics/HealthConfig.h"

#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

#include <functional>

using namespace sd;
using Change = std::function<void(HealthConfig&)>;
Q_DECLARE_METATYPE(Change)

class TestHealthConfig : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void check_data()
    {
        QTest::addColumn<Change>("change");
        QTest::addColumn<QString>("error"); // empty: accepted
        QTest::newRow("defaults") << Change([](HealthConfig&) {}) << QString();
        QTest::newRow("server mode without URL")
            << Change([](HealthConfig& c) { c.source = HealthConfig::Source::Server; })
            << QStringLiteral("needs the server's URL");
        QTest::newRow("server mode") << Change([](HealthConfig& c) {
            c.source = HealthConfig::Source::Server;
            c.serverUrl = QUrl(QStringLiteral("https://prom.example:9090/prefix"));
        }) << QString();
        QTest::newRow("ftp server") << Change([](HealthConfig& c) { c.serverUrl = QUrl(QStringLiteral("ftp://prom")); })
                                    << QStringLiteral("is not an http or https URL");
        QTest::newRow("relative server") << Change([](HealthConfig& c) {
            c.serverUrl = QUrl(QStringLiteral("prom:9090"));
        }) << QStringLiteral("is not an http or https URL");
        QTest::newRow("credentials") << Change([](HealthConfig& c) {
            c.serverUrl = QUrl(QStringLiteral("http://u:p@prom:9090"));
        }) << QStringLiteral("must not carry a user name or password");
        QTest::newRow("query") << Change([](HealthConfig& c) {
            c.serverUrl = QUrl(QStringLiteral("http://prom:9090/?x=1"));
        }) << QStringLiteral("must not have a query");
        QTest::newRow("label with dash") << Change([](HealthConfig& c) {
            c.stationLabel = QStringLiteral("station-name");
        }) << QStringLiteral("is not a Prometheus label name");
        QTest::newRow("empty label") << Change([](HealthConfig& c) { c.stationLabel.clear(); })
                                     << QStringLiteral("is not a Prometheus label name");
        QTest::newRow("selector in braces")
            << Change([](HealthConfig& c) { c.extraSelector = QStringLiteral("{job=\"node\"}"); })
            << QStringLiteral("without braces");
        QTest::newRow("selector") << Change([](HealthConfig& c) { c.extraSelector = QStringLiteral("job=\"node\""); })
                                  << QString();
        QTest::newRow("process selector in braces")
            << Change([](HealthConfig& c) { c.processSelector = QStringLiteral("{job=\"app\"}"); })
            << QStringLiteral("the process selector is written without braces");
        QTest::newRow("rate window automatic") << Change([](HealthConfig& c) { c.rateWindowSecs = 0; }) << QString();
        QTest::newRow("rate window 2m") << Change([](HealthConfig& c) { c.rateWindowSecs = 120; }) << QString();
        QTest::newRow("rate window 5 s") << Change([](HealthConfig& c) {
            c.rateWindowSecs = 5;
        }) << QStringLiteral("the rate window (seconds, 0 for automatic) must be between 10 and 604800, not 5");
        QTest::newRow("interval 0") << Change([](HealthConfig& c) {
            c.intervalSecs = 0;
        }) << QStringLiteral("the scrape interval (seconds) must be between 1 and 3600, not 0");
        QTest::newRow("timeout > 4 intervals") << Change([](HealthConfig& c) {
            c.intervalSecs = 5;
            c.timeoutSecs = 30;
        }) << QStringLiteral("must not exceed four intervals (20 s)");
        QTest::newRow("concurrency") << Change([](HealthConfig& c) { c.maxConcurrent = 0; })
                                     << QStringLiteral("concurrent scrapes must be between 1");
        QTest::newRow("body limit") << Change([](HealthConfig& c) { c.bodyLimitMiB = 5000; })
                                    << QStringLiteral("body size limit (MiB) must be between 1 and 1024");
        QTest::newRow("history") << Change([](HealthConfig& c) { c.historyHours = 0; })
                                 << QStringLiteral("history kept");
        QTest::newRow("stale") << Change([](HealthConfig& c) { c.staleIntervals = 1; })
                               << QStringLiteral("intervals before a station is stale");
    }

    void check()
    {
        QFETCH(Change, change);
        QFETCH(QString, error);
        HealthConfig config;
        change(config);
        const auto checked = config.check();
        if (error.isEmpty()) {
            if (!checked)
                QFAIL(qPrintable(checked.error().message()));
        } else {
            QVERIFY(!checked);
            QVERIFY2(checked.error().message().contains(error), qPrintable(checked.error().message()));
        }
    }

    void roundTrip()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("s.ini"));
        HealthConfig config;
        config.source = HealthConfig::Source::Server;
        config.serverUrl = QUrl(QStringLiteral("http://127.0.0.1:9090"));
        config.stationLabel = QStringLiteral("station");
        config.stationMatch = HealthConfig::StationMatch::StationName;
        config.extraSelector = QStringLiteral("job=\"node\"");
        config.processSelector = QStringLiteral("job=\"app\", env!~\"test|dev\"");
        config.rateWindowSecs = 300;
        config.intervalSecs = 30;
        config.timeoutSecs = 20;
        config.maxConcurrent = 8;
        config.bodyLimitMiB = 4;
        config.historyHours = 24;
        config.staleIntervals = 5;
        {
            QSettings settings(path, QSettings::IniFormat);
            settings.beginGroup(QStringLiteral("health"));
            config.save(settings);
        }
        QSettings settings(path, QSettings::IniFormat);
        settings.beginGroup(QStringLiteral("health"));
        const HealthConfig loaded = HealthConfig::load(settings);
        QCOMPARE(loaded.source, config.source);
        QCOMPARE(loaded.serverUrl, config.serverUrl);
        QCOMPARE(loaded.stationLabel, config.stationLabel);
        QCOMPARE(loaded.stationMatch, config.stationMatch);
        QCOMPARE(loaded.extraSelector, config.extraSelector);
        QCOMPARE(loaded.processSelector, config.processSelector);
        QCOMPARE(loaded.rateWindowSecs, 300);
        QCOMPARE(loaded.intervalSecs, 30);
        QCOMPARE(loaded.timeoutSecs, 20);
        QCOMPARE(loaded.maxConcurrent, 8);
        QCOMPARE(loaded.bodyLimitMiB, 4);
        QCOMPARE(loaded.historyHours, 24);
        QCOMPARE(loaded.staleIntervals, 5);
    }

    void garbageFallsBackToDefaults()
    {
        QTemporaryDir dir;
        QSettings settings(dir.filePath(QStringLiteral("s.ini")), QSettings::IniFormat);
        settings.setValue(QStringLiteral("intervalSecs"), QStringLiteral("soon"));
        settings.setValue(QStringLiteral("source"), QStringLiteral("carrier pigeon"));
        const HealthConfig loaded = HealthConfig::load(settings);
        QCOMPARE(loaded.intervalSecs, 15);
        QCOMPARE(loaded.source, HealthConfig::Source::Direct);
        QVERIFY(loaded.check());
    }
};

QTEST_GUILESS_MAIN(TestHealthConfig)
#include "tst_healthconfig.moc"
