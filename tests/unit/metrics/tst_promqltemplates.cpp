// SPDX-License-Identifier: GPL-3.0-or-later
// PromQlTemplates: the exact PromQL of each health metric (by address and by station name, with
// selectors and rate windows), the escaping of label values for PromQL strings and RE2, station
// keys from metrics URLs, and the settings it refuses. That the server accepts this PromQL is
// checked against a real Prometheus in tests/integration (tst_prometheus_lab).
#include "metrics/PromQlTemplates.h"

#include <QTest>

using namespace sd;
using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(sd::HealthMetric)

namespace {

PromQlTemplates make(const PromQlSettings& settings)
{
    auto created = PromQlTemplates::create(settings);
    if (!created)
        qFatal("%s", qPrintable(created.error().message()));
    return created.value();
}

} // namespace

class TestPromQlTemplates : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void byAddress_data()
    {
        QTest::addColumn<HealthMetric>("metric");
        QTest::addColumn<QString>("promql");
        const QString k = QStringLiteral("instance=\"10.0.0.5:9100\"");
        QTest::newRow("cpu") << HealthMetric::CpuPercent
                             << u"(100 - 100 * avg by (instance) (rate(node_cpu_seconds_total{mode=\"idle\","_s + k
                + u"}[1m]))) or label_replace(100 * sum by (instance) (rate(process_cpu_seconds_total{"_s + k
                + u"}[1m])), \"sd_source\", \"process\", \"\", \"\")"_s;
        QTest::newRow("memory used") << HealthMetric::MemoryUsedBytes
                                     << u"sum by (instance) (node_memory_MemTotal_bytes{"_s + k
                + u"} - node_memory_MemAvailable_bytes{"_s + k + u"})"_s;
        QTest::newRow("memory percent") << HealthMetric::MemoryPercent
                                        << u"100 * sum by (instance) (node_memory_MemTotal_bytes{"_s + k
                + u"} - node_memory_MemAvailable_bytes{"_s + k
                + u"}) / sum by (instance) (node_memory_MemTotal_bytes{"_s + k + u"})"_s;
        QTest::newRow("resident") << HealthMetric::ResidentBytes
                                  << u"sum by (instance) (process_resident_memory_bytes{"_s + k + u"})"_s;
        QTest::newRow("virtual") << HealthMetric::VirtualBytes
                                 << u"sum by (instance) (process_virtual_memory_bytes{"_s + k + u"})"_s;
        QTest::newRow("up") << HealthMetric::Up << u"min by (instance) (up{"_s + k + u"})"_s;
        QTest::newRow("scrape") << HealthMetric::ScrapeSeconds
                                << u"max by (instance) (scrape_duration_seconds{"_s + k + u"})"_s;
    }
    void byAddress()
    {
        QFETCH(HealthMetric, metric);
        QFETCH(QString, promql);
        const PromQlTemplates templates;
        QCOMPARE(templates.expression(metric, {QStringLiteral("10.0.0.5:9100")}), promql);
    }

    void everyStationWithSelectors()
    {
        PromQlSettings s;
        s.match = PromQlSettings::Match::Name;
        s.label = QStringLiteral("station");
        s.nodeSelector = QStringLiteral(" job=\"node\", ");
        s.processSelector = QStringLiteral("job=~'app|api'");
        s.scrapeIntervalSeconds = 30;
        const PromQlTemplates t = make(s);
        QCOMPARE(t.expression(HealthMetric::CpuPercent, {}),
                 QStringLiteral("(100 - 100 * avg by (station) (rate(node_cpu_seconds_total{mode=\"idle\",job=\"node\"}"
                                "[2m]))) or label_replace(100 * sum by (station) (rate(process_cpu_seconds_total"
                                "{job=~'app|api'}[2m])), \"sd_source\", \"process\", \"\", \"\")"));
        QCOMPARE(t.expression(HealthMetric::Up, {}), QStringLiteral("min by (station) (up)"));
        QCOMPARE(
            t.expression(HealthMetric::ResidentBytes, {QStringLiteral("north-1")}),
            QStringLiteral("sum by (station) (process_resident_memory_bytes{job=~'app|api',station=\"north-1\"})"));
    }

    void severalStationsAreOneRegex()
    {
        const PromQlTemplates t;
        QCOMPARE(t.expression(HealthMetric::Up, {QStringLiteral("10.0.0.5:9100"), QStringLiteral("[::1]:9100")}),
                 QStringLiteral("min by (instance) (up{instance=~\"10\\\\.0\\\\.0\\\\.5:9100|\\\\[::1\\\\]:9100\"})"));
    }

    void rateWindowFollowsTheStep()
    {
        const PromQlTemplates t; // scrape 15 s
        QCOMPARE(t.rateWindowSeconds(0), 60);
        QCOMPARE(t.rateWindowSeconds(30), 60);
        QCOMPARE(t.rateWindowSeconds(120), 120);
        QVERIFY(t.expression(HealthMetric::CpuPercent, {}, 300).contains(QStringLiteral("[5m]")));
        PromQlSettings fixed;
        fixed.rateWindowSeconds = 90;
        QCOMPARE(make(fixed).rateWindowSeconds(600), 90);
        QVERIFY(make(fixed).expression(HealthMetric::CpuPercent, {}).contains(QStringLiteral("[90s]")));
    }

    void quote_data()
    {
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("literal");
        QTest::newRow("plain") << "north-1"
                               << "\"north-1\"";
        QTest::newRow("quote and backslash") << "station-3 \"west\\1\""
                                             << "\"station-3 \\\"west\\\\1\\\"\"";
        QTest::newRow("line break and tab") << "a\nb\tc\r"
                                            << "\"a\\nb\\tc\\r\"";
        QTest::newRow("control") << QStringLiteral("a") + QChar(0x01) + QChar(0x7f) << "\"a\\x01\\x7f\"";
        QTest::newRow("non-ASCII stays") << QStringLiteral("Zürich — Süd") << QStringLiteral("\"Zürich — Süd\"");
        QTest::newRow("empty") << ""
                               << "\"\"";
    }
    void quote()
    {
        QFETCH(QString, value);
        QFETCH(QString, literal);
        QCOMPARE(PromQlTemplates::quote(value), literal);
    }

    void regexEscape()
    {
        QCOMPARE(PromQlTemplates::regexEscape(QStringLiteral("a.b+c*d?(e)|[f]{g}^h$\\i:j-k")),
                 QStringLiteral("a\\.b\\+c\\*d\\?\\(e\\)\\|\\[f\\]\\{g\\}\\^h\\$\\\\i:j-k"));
        QCOMPARE(PromQlTemplates::regexEscape(QStringLiteral("Zürich")), QStringLiteral("Zürich"));
    }

    void keysFor()
    {
        const PromQlTemplates byAddress;
        QCOMPARE(byAddress.keysFor(QStringLiteral("s"),
                                   {QUrl(QStringLiteral("http://10.0.0.5:9100/metrics")),
                                    QUrl(QStringLiteral("https://app.example.net/metrics")),
                                    QUrl(QStringLiteral("http://[fd00::1]/metrics")),
                                    QUrl(QStringLiteral("http://10.0.0.5:9100/other")), QUrl()}),
                 (QStringList{QStringLiteral("10.0.0.5:9100"), QStringLiteral("app.example.net:443"),
                              QStringLiteral("[fd00::1]:80")}));
        PromQlSettings s;
        s.match = PromQlSettings::Match::Name;
        s.label = QStringLiteral("station");
        QCOMPARE(make(s).keysFor(QStringLiteral("north \"1\""), {QUrl(QStringLiteral("http://h:1/"))}),
                 QStringList{QStringLiteral("north \"1\"")});
    }

    void durations()
    {
        QCOMPARE(PromQlTemplates::duration(60), QStringLiteral("1m"));
        QCOMPARE(PromQlTemplates::duration(90), QStringLiteral("90s"));
        QCOMPARE(PromQlTemplates::duration(7200), QStringLiteral("2h"));
        QCOMPARE(PromQlTemplates::duration(0), QStringLiteral("1s"));
    }

    void selectors_data()
    {
        QTest::addColumn<QString>("selector");
        QTest::addColumn<bool>("valid");
        QTest::newRow("empty") << "" << true;
        QTest::newRow("one") << "job=\"node\"" << true;
        QTest::newRow("several") << " job = \"node\" , env!~'test|dev', x=~`a\\d`," << true;
        QTest::newRow("escaped quote") << "a=\"x\\\"}\"" << true;
        QTest::newRow("brace") << "job=\"node\"} or up{" << false;
        QTest::newRow("no value") << "job=" << false;
        QTest::newRow("bare value") << "job=node" << false;
        QTest::newRow("unterminated") << "job=\"node" << false;
        QTest::newRow("no operator") << "job \"node\"" << false;
        QTest::newRow("digit name") << "1job=\"x\"" << false;
        QTest::newRow("two matchers no comma") << "a=\"1\" b=\"2\"" << false;
    }
    void selectors()
    {
        QFETCH(QString, selector);
        QFETCH(bool, valid);
        const auto checked = PromQlTemplates::checkSelector(selector);
        QCOMPARE(checked.ok(), valid);
        if (!valid)
            QVERIFY(checked.error().message().startsWith(QStringLiteral("the selector \"")));
    }

    void refusedSettings()
    {
        PromQlSettings label;
        label.label = QStringLiteral("station name");
        QVERIFY(!PromQlTemplates::create(label));
        PromQlSettings interval;
        interval.scrapeIntervalSeconds = 0;
        QVERIFY(!PromQlTemplates::create(interval));
        PromQlSettings selector;
        selector.nodeSelector = QStringLiteral("}");
        const auto refused = PromQlTemplates::create(selector);
        QVERIFY(!refused);
        QCOMPARE(refused.error().code(), QStringLiteral("invalid_setting"));
        QVERIFY2(refused.error().message().startsWith(QStringLiteral("the node selector \"}\"")),
                 qPrintable(refused.error().message()));
        PromQlSettings process;
        process.processSelector = QStringLiteral("job");
        const auto processRefused = PromQlTemplates::create(process);
        QVERIFY(!processRefused);
        QVERIFY2(processRefused.error().message().startsWith(QStringLiteral("the process selector \"job\"")),
                 qPrintable(processRefused.error().message()));
    }
};

QTEST_GUILESS_MAIN(TestPromQlTemplates)
#include "tst_promqltemplates.moc"
