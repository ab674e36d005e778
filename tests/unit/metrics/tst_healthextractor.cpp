// SPDX-License-Identifier: GPL-3.0-or-later
// HealthExtractor over the captured expositions of real programs (tests/data/metrics): the values
// it picks must equal what a plain line scan of the same file finds, in both formats; and a body
// that is not valid is refused as a whole, even when the wanted families come before the error.
#include "metrics/HealthExtractor.h"
#include "metrics/MetricsFormat.h"

#include <QFile>
#include <QSet>
#include <QTest>

#include <cmath>

using namespace sd;

namespace {

QByteArray readFixture(const QString& name)
{
    QFile file(QStringLiteral(STATIONDECK_TEST_DATA "/metrics/") + name);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(file.fileName()));
    return file.readAll();
}

// An independent, naive reading: the value of each line starting with `prefix` (no timestamps
// in these captures), summed.
double scanSum(const QByteArray& body, const QByteArray& prefix, const QByteArray& mustContain = {})
{
    double sum = std::nan("");
    for (const QByteArray& line : body.split('\n')) {
        if (!line.startsWith(prefix) || (!mustContain.isEmpty() && !line.contains(mustContain)))
            continue;
        const char next = line.at(prefix.size());
        if (next != ' ' && next != '{')
            continue;
        const double value = line.mid(line.lastIndexOf(' ') + 1).toDouble();
        sum = std::isnan(sum) ? value : sum + value;
    }
    return sum;
}

// As the scraper decides: by the Content-Type the program answered with (captured beside the body;
// Debian's node_exporter and Prometheus answer text 0.0.4 even when asked for OpenMetrics).
MetricsFormat formatOf(const QString& name)
{
    const QByteArray contentType = readFixture(name + QStringLiteral(".content-type")).trimmed();
    return metricsFormatFromContentType(std::string_view(contentType.constData(), std::size_t(contentType.size())));
}

} // namespace

class TestHealthExtractor : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void fixtures_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<bool>("node");
        for (const char* name : {"node_exporter.text-0.0.4.txt", "node_exporter.openmetrics-1.0.0.txt"})
            QTest::newRow(name) << QString::fromLatin1(name) << true;
        for (const char* name : {"app_exporter.text-0.0.4.txt", "app_exporter.openmetrics-1.0.0.txt",
                                 "app_generate_latest.text-0.0.4.txt", "app_generate_latest.openmetrics-1.0.0.txt",
                                 "prometheus.text-0.0.4.txt", "prometheus.openmetrics-1.0.0.txt"})
            QTest::newRow(name) << QString::fromLatin1(name) << false;
    }

    void fixtures()
    {
        QFETCH(QString, file);
        QFETCH(bool, node);
        const QByteArray body = readFixture(file);
        HealthExtractor extractor;
        const auto raw
            = extractor.extract(std::string_view(body.constData(), std::size_t(body.size())), formatOf(file));
        if (!raw.ok())
            QFAIL(qPrintable(raw.error().message()));
        QCOMPARE(raw->hasNode(), node);
        QVERIFY(raw->hasProcess()); // every one of these programs has a process collector

        auto same = [](double a, double b) {
            return (std::isnan(a) && std::isnan(b)) || std::abs(a - b) <= 1e-9 * std::abs(b);
        };
        QVERIFY(same(raw->nodeCpuTotalSeconds, scanSum(body, "node_cpu_seconds_total")));
        QVERIFY(same(raw->nodeCpuIdleSeconds, scanSum(body, "node_cpu_seconds_total", "mode=\"idle\"")));
        QVERIFY(same(raw->memTotalBytes, scanSum(body, "node_memory_MemTotal_bytes")));
        QVERIFY(same(raw->memAvailableBytes, scanSum(body, "node_memory_MemAvailable_bytes")));
        QVERIFY(same(raw->processCpuSeconds, scanSum(body, "process_cpu_seconds_total")));
        QVERIFY(same(raw->residentBytes, scanSum(body, "process_resident_memory_bytes")));
        QVERIFY(same(raw->virtualBytes, scanSum(body, "process_virtual_memory_bytes")));
        if (node) {
            QSet<QByteArray> cpus;
            for (const QByteArray& line : body.split('\n')) {
                if (line.startsWith("node_cpu_seconds_total{") && line.contains("mode=\"idle\""))
                    cpus.insert(line.mid(line.indexOf("cpu=\""), 12));
            }
            QCOMPARE(raw->nodeCpuCount, int(cpus.size()));
            QVERIFY(raw->nodeCpuCount > 0);
            QVERIFY(raw->nodeCpuIdleSeconds < raw->nodeCpuTotalSeconds);
            QVERIFY(raw->memAvailableBytes < raw->memTotalBytes);
        }
    }

    void oldNodeExporterNames()
    {
        const std::string body = "# TYPE node_memory_MemTotal gauge\nnode_memory_MemTotal 1000\n"
                                 "# TYPE node_memory_MemAvailable gauge\nnode_memory_MemAvailable 250\n";
        HealthExtractor extractor;
        const auto raw = extractor.extract(body, MetricsFormat::PrometheusText);
        QVERIFY(raw.ok());
        QCOMPARE(raw->memTotalBytes, 1000.0);
        QCOMPARE(raw->memAvailableBytes, 250.0);
        QVERIFY(std::isnan(raw->nodeCpuTotalSeconds));
        QVERIFY(!raw->hasProcess());
    }

    void invalidBodyIsRefusedWhole()
    {
        // The wanted family is read before the broken line; the body is still refused, with its
        // position, and nothing of it is used.
        const std::string body = "node_memory_MemTotal_bytes 1000\nnode_memory_MemAvailable_bytes 1}0\n";
        HealthExtractor extractor;
        const auto raw = extractor.extract(body, MetricsFormat::PrometheusText);
        QVERIFY(!raw.ok());
        QVERIFY2(raw.error().message().startsWith(QLatin1String("2:")), qPrintable(raw.error().message()));
        QCOMPARE(raw.error().code(), QStringLiteral("metrics_syntax"));
    }

    void reusedAcrossBodies()
    {
        HealthExtractor extractor;
        const QByteArray node = readFixture(QStringLiteral("node_exporter.text-0.0.4.txt"));
        const std::string_view nodeView(node.constData(), std::size_t(node.size()));
        const auto first = extractor.extract(nodeView, MetricsFormat::PrometheusText);
        const auto empty = extractor.extract("", MetricsFormat::PrometheusText);
        const auto again = extractor.extract(nodeView, MetricsFormat::PrometheusText);
        QVERIFY(first.ok() && empty.ok() && again.ok());
        QVERIFY(!empty->hasNode() && !empty->hasProcess());
        QCOMPARE(again->nodeCpuTotalSeconds, first->nodeCpuTotalSeconds);
        QCOMPARE(again->nodeCpuCount, first->nodeCpuCount);
    }
};

QTEST_GUILESS_MAIN(TestHealthExtractor)
#include "tst_healthextractor.moc"
