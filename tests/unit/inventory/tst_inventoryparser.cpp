// SPDX-License-Identifier: GPL-3.0-or-later
// InventoryParser over JSON captured from the real ansible-inventory (tests/data/capture-inventories.sh).
#include "TestFleet.h"
#include "fleet/InventoryParser.h"

#include <QFile>
#include <QTest>

using namespace sd;

class TestInventoryParser : public QObject
{
    Q_OBJECT

private:
    static QByteArray fixture(const QString& name) { return test::inventoryJson(name); }
    static const Station* find(const InventoryData& data, const QString& name)
    {
        for (const Station& station : data.stations) {
            if (station.name == name)
                return &station;
        }
        return nullptr;
    }

private Q_SLOTS:
    void accepts_data()
    {
        QTest::addColumn<QString>("fixture");
        QTest::addColumn<int>("stations");
        QTest::addColumn<QStringList>("sites");
        QTest::addColumn<QStringList>("skipped");
        QTest::addColumn<int>("warnings");
        QTest::newRow("demo lab (YAML)") << QStringLiteral("demo") << 13
                                         << QStringList{QStringLiteral("Kathmandu"), QStringLiteral("Lord Howe Island"),
                                                        QStringLiteral("Reykjavik"), QStringLiteral("St. John's")}
                                         << QStringList{QStringLiteral("lab-bastion")} << 0;
        QTest::newRow("INI with group_vars and host_vars")
            << QStringLiteral("ini_layout_hosts") << 5
            << QStringList{QStringLiteral("Kathmandu"), QStringLiteral("Lord Howe Island"),
                           QStringLiteral("St. John's")}
            << QStringList{QStringLiteral("printer-01")} << 0;
        QTest::newRow("site without time zone")
            << QStringLiteral("no_timezone") << 1 << QStringList{QStringLiteral("Alpha")} << QStringList{} << 1;
        QTest::newRow("no station at all")
            << QStringLiteral("no_sites") << 0 << QStringList{}
            << QStringList{QStringLiteral("printer-01"), QStringLiteral("printer-02")} << 0;
        QTest::newRow("a month later") << QStringLiteral("retired_after") << 5
                                       << QStringList{QStringLiteral("Kathmandu"), QStringLiteral("St. John's")}
                                       << QStringList{} << 0;
    }
    void accepts()
    {
        QFETCH(QString, fixture);
        QFETCH(int, stations);
        QFETCH(QStringList, sites);
        QFETCH(QStringList, skipped);
        QFETCH(int, warnings);
        const auto data = InventoryParser::parse(TestInventoryParser::fixture(fixture));
        QVERIFY2(data.ok(), qPrintable(data.ok() ? QString() : data.error().message()));
        QCOMPARE(data->stations.size(), stations);
        QStringList siteNames;
        for (const Site& site : data->sites)
            siteNames.append(site.name);
        QCOMPARE(siteNames, sites);
        QCOMPARE(data->skippedHosts, skipped);
        QCOMPARE(data->warnings.size(), warnings);
    }

    void hostValuesWinOverGroups()
    {
        const auto data = InventoryParser::parse(fixture(QStringLiteral("ini_layout_hosts")));
        QVERIFY(data.ok());
        const Station* gateway = find(*data, QStringLiteral("ktm-02"));
        QVERIFY(gateway);
        QCOMPARE(gateway->site, QStringLiteral("Kathmandu"));
        QCOMPARE(gateway->ansibleHost, QStringLiteral("10.1.0.12"));
        QCOMPARE(gateway->metricsUrls,
                 (QStringList{QStringLiteral("http://10.1.0.12:9100/metrics"),
                              QStringLiteral("https://10.1.0.12:8443/metrics")}));
        const QMap<QString, QString> labels{{QStringLiteral("role"), QStringLiteral("gateway")},
                                            {QStringLiteral("tier"), QStringLiteral("core")}};
        QCOMPARE(gateway->labels, labels);
        // A station without stationdeck_metrics_url is scraped on node_exporter's port.
        const Station* plain = find(*data, QStringLiteral("sj-02"));
        QVERIFY(plain);
        QCOMPARE(plain->metricsUrls, QStringList{QStringLiteral("http://sj-02:9100/metrics")});
        const Station* ipv6 = find(*data, QStringLiteral("lhi-01"));
        QVERIFY(ipv6);
        QCOMPARE(ipv6->metricsUrls, QStringList{QStringLiteral("http://[fd00::21]:9100/metrics")});
        // Labels from a parent group reach hosts whose own group sets none.
        QCOMPARE(ipv6->labels.value(QStringLiteral("region")), QStringLiteral("apac"));
    }

    void sitesCarryZoneAndWindows()
    {
        const auto data = InventoryParser::parse(fixture(QStringLiteral("ini_layout_hosts")));
        QVERIFY(data.ok());
        QCOMPARE(data->sites.at(0).timeZone, QStringLiteral("Asia/Kathmandu"));
        QCOMPARE(data->sites.at(0).windows, QStringLiteral("Mon-Fri 02:00-04:00"));
        QCOMPARE(data->sites.at(1).timeZone, QStringLiteral("Australia/Lord_Howe"));
        QCOMPARE(data->sites.at(1).windows, QStringLiteral("Sat,Sun 01:00-05:00; Wed 22:00-23:00"));
        QCOMPARE(data->sites.at(2).timeZone, QStringLiteral("America/St_Johns"));
    }

    void rejects_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown time zone")
            << fixture(QStringLiteral("bad_timezone"))
            << QStringLiteral("host \"oly-01\" (group mars): stationdeck_timezone: \"Mars/Olympus_Mons\" is not a "
                              "known IANA time zone (for example Asia/Kathmandu)");
        QTest::newRow("malformed window") << fixture(QStringLiteral("bad_window"))
                                          << QStringLiteral("host \"ktm-01\" (group kathmandu): stationdeck_window: ");
        QTest::newRow("two time zones for one site")
            << fixture(QStringLiteral("two_timezones"))
            << QStringLiteral("site \"Alpha\" has two time zones: host \"a-01\" sets stationdeck_timezone "
                              "\"Europe/Berlin\" but host \"a-02\" sets \"Europe/Paris\"");
        QTest::newRow("not an http URL")
            << fixture(QStringLiteral("bad_url"))
            << QStringLiteral(
                   "host \"a-01\": stationdeck_metrics_url: \"ftp://a-01/metrics\" is not an http or https URL");
        QTest::newRow("labels not a map")
            << fixture(QStringLiteral("bad_labels"))
            << QStringLiteral("host \"a-01\": stationdeck_labels [\"one\",\"two\"] is not a map of labels");
        QTest::newRow("not JSON") << QByteArray("[WARNING]: nothing") << QStringLiteral("is not JSON (at byte");
        QTest::newRow("truncated") << fixture(QStringLiteral("demo")).left(300) << QStringLiteral("is not JSON");
        QTest::newRow("JSON but no inventory") << QByteArray("[1,2]") << QStringLiteral("is JSON but not an inventory");
        QTest::newRow("site is a map") << QByteArray(
            R"({"_meta":{"hostvars":{"h":{"stationdeck_site":{"a":1}}}},"all":{"hosts":["h"]}})")
                                       << QStringLiteral("host \"h\": stationdeck_site {\"a\":1} is not a text value");
        QTest::newRow("control characters in a site name (found by fuzz_inventory)")
            << QByteArray("{\"_meta\":{\"hostvars\":{\"h\":{\"stationdeck_site\":\"A\\u0001lpha\"}}}}")
            << QStringLiteral("host \"h\": stationdeck_site: the name contains control characters");
        QTest::newRow("label value is a list")
            << QByteArray(R"({"_meta":{"hostvars":{"h":{"stationdeck_site":"S","stationdeck_labels":{"a":[1]}}}}})")
            << QStringLiteral("has label \"a\" whose value is not text");
    }
    void rejects()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, message);
        const auto data = InventoryParser::parse(json);
        QVERIFY(!data.ok());
        QVERIFY2(data.error().message().contains(message), qPrintable(data.error().message()));
    }

    void scalarsBecomeText()
    {
        const auto data = InventoryParser::parse(
            R"({"_meta":{"hostvars":{"h":{"stationdeck_site":"S","stationdeck_labels":{"rack":12,"ssd":true}}}}})");
        QVERIFY(data.ok());
        QCOMPARE(data->stations.at(0).labels.value(QStringLiteral("rack")), QStringLiteral("12"));
        QCOMPARE(data->stations.at(0).labels.value(QStringLiteral("ssd")), QStringLiteral("true"));
    }
};

QTEST_GUILESS_MAIN(TestInventoryParser)
#include "tst_inventoryparser.moc"
