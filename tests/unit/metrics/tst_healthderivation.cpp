// SPDX-License-Identifier: GPL-3.0-or-later
// HealthDerivation over values read by HealthExtractor from the real captures in tests/data/metrics
// (two successive node_exporter, Prometheus and Python app scrapes) and over hand cases: counter
// resets, a changed CPU count, NaN, zero and negative Δt, missing metrics.
#include "metrics/HealthDerivation.h"
#include "metrics/HealthExtractor.h"
#include "metrics/MetricsFormat.h"

#include <QFile>
#include <QTest>

#include <cmath>
#include <limits>

using namespace sd;

Q_DECLARE_METATYPE(sd::RawHealth)

namespace {

constexpr double kNaN = RawHealth::kNone;

RawHealth fixture(const QString& name)
{
    QFile file(QStringLiteral(STATIONDECK_TEST_DATA "/metrics/") + name);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(file.fileName()));
    const QByteArray body = file.readAll();
    const MetricsFormat format
        = name.contains(QLatin1String("openmetrics-1.0.0")) && name.startsWith(QLatin1String("app_"))
        ? MetricsFormat::OpenMetrics
        : MetricsFormat::PrometheusText;
    HealthExtractor extractor;
    auto raw = extractor.extract(std::string_view(body.constData(), std::size_t(body.size())), format);
    if (!raw)
        qFatal("%s: %s", qPrintable(name), qPrintable(raw.error().message()));
    return *raw;
}

RawHealth node(double idle, double total, int cpus = 2)
{
    RawHealth raw;
    raw.nodeCpuIdleSeconds = idle;
    raw.nodeCpuTotalSeconds = total;
    raw.nodeCpuCount = cpus;
    return raw;
}

RawHealth process(double cpuSeconds)
{
    RawHealth raw;
    raw.processCpuSeconds = cpuSeconds;
    raw.residentBytes = 1e6;
    return raw;
}

// Equal within 1e-9 relative, NaN equal to NaN.
bool near(double actual, double expected)
{
    if (std::isnan(expected))
        return std::isnan(actual);
    return std::abs(actual - expected) <= 1e-9 * std::max(1.0, std::abs(expected));
}

#define COMPARE_NEAR(actual, expected)                                                                                 \
    do {                                                                                                               \
        const double a_ = (actual);                                                                                    \
        const double e_ = (expected);                                                                                  \
        if (!near(a_, e_))                                                                                             \
            QFAIL(qPrintable(QStringLiteral("%1 is %2, expected %3").arg(QLatin1String(#actual)).arg(a_).arg(e_)));    \
    } while (false)

} // namespace

class TestHealthDerivation : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void fixtures_data();
    void fixtures();
    void nodeExporterProcessMetricsLeftOut();
    void nodeCpu_data();
    void nodeCpu();
    void processCpu_data();
    void processCpu();
    void deriveNeedsTimeToPass_data();
    void deriveNeedsTimeToPass();
    void memory_data();
    void memory();
};

void TestHealthDerivation::fixtures_data()
{
    QTest::addColumn<QString>("first");
    QTest::addColumn<QString>("second");
    QTest::addColumn<qint64>("elapsedMs");
    QTest::addColumn<double>("cpu");
    QTest::addColumn<double>("memoryUsed");
    QTest::addColumn<double>("memoryPercent");
    QTest::addColumn<double>("resident");
    QTest::addColumn<double>("virtualBytes");

    // node_exporter 1.5.0, two scrapes back to back: the idle counters did not move (Δidle 0) while
    // system/user/nice/softirq grew by 0.32 s over the 2 CPUs: 100 % busy in between.
    const double total = 25276026880.0;
    const double used2 = total - 23663255552.0;
    QTest::newRow("node_exporter") << QStringLiteral("node_exporter.text-0.0.4.txt")
                                   << QStringLiteral("node_exporter.openmetrics-1.0.0.txt") << qint64(1000) << 100.0
                                   << used2 << used2 / total * 100.0 << kNaN << kNaN;
    // Prometheus's own process: 0.27 s → 0.28 s of CPU in 1 s = 1 % of a core.
    QTest::newRow("prometheus") << QStringLiteral("prometheus.text-0.0.4.txt")
                                << QStringLiteral("prometheus.openmetrics-1.0.0.txt") << qint64(1000) << 1.0 << kNaN
                                << kNaN << 51675136.0 << 1386909696.0;
    // The Python app (generate_latest twice): 0.13 → 0.14 s in 500 ms = 2 %.
    QTest::newRow("python app") << QStringLiteral("app_generate_latest.text-0.0.4.txt")
                                << QStringLiteral("app_generate_latest.openmetrics-1.0.0.txt") << qint64(500) << 2.0
                                << kNaN << kNaN << 22933504.0 << 28880896.0;
    // The same body twice, 15 s apart: a process that used no CPU.
    QTest::newRow("app idle") << QStringLiteral("app_exporter.text-0.0.4.txt")
                              << QStringLiteral("app_exporter.openmetrics-1.0.0.txt") << qint64(15000) << 0.0 << kNaN
                              << kNaN << 23597056.0 << 180109312.0;
}

void TestHealthDerivation::fixtures()
{
    QFETCH(QString, first);
    QFETCH(QString, second);
    QFETCH(qint64, elapsedMs);
    const RawHealth previous = fixture(first);
    const RawHealth current = fixture(second);
    const qint64 start = 1'700'000'000'000;
    const auto values = HealthDerivation::derive(previous, start, current, start + elapsedMs);
    QFETCH(double, cpu);
    COMPARE_NEAR(values.cpuPercent, cpu);
    QFETCH(double, memoryUsed);
    QFETCH(double, memoryPercent);
    QFETCH(double, resident);
    QFETCH(double, virtualBytes);
    COMPARE_NEAR(values.memoryUsedBytes, memoryUsed);
    COMPARE_NEAR(values.memoryPercent, memoryPercent);
    COMPARE_NEAR(values.residentBytes, resident);
    COMPARE_NEAR(values.virtualBytes, virtualBytes);

    // One scrape alone gives the same memory, and no CPU.
    const auto single = HealthDerivation::derive(current);
    QVERIFY(std::isnan(single.cpuPercent));
    COMPARE_NEAR(single.memoryUsedBytes, memoryUsed);
    COMPARE_NEAR(single.residentBytes, resident);
}

void TestHealthDerivation::nodeExporterProcessMetricsLeftOut()
{
    // node_exporter exposes its own process_* metrics: they describe the exporter, not the station.
    const RawHealth raw = fixture(QStringLiteral("node_exporter.text-0.0.4.txt"));
    QCOMPARE(raw.nodeCpuCount, 2);
    QVERIFY(raw.hasNode());
    QVERIFY(raw.hasProcess());
    const auto values = HealthDerivation::derive(raw);
    QVERIFY(values.node);
    QVERIFY(std::isnan(values.residentBytes));
    QVERIFY(std::isnan(values.virtualBytes));
    COMPARE_NEAR(values.memoryUsedBytes, 25276026880.0 - 23666520064.0);
}

void TestHealthDerivation::nodeCpu_data()
{
    QTest::addColumn<RawHealth>("previous");
    QTest::addColumn<RawHealth>("current");
    QTest::addColumn<double>("percent");

    QTest::newRow("half busy") << node(100, 200) << node(115, 230) << 50.0;
    QTest::newRow("idle") << node(100, 200) << node(130, 230) << 0.0;
    QTest::newRow("busy") << node(100, 200) << node(100, 230) << 100.0;
    QTest::newRow("quarter") << node(0, 0) << node(22.5, 30) << 25.0;
    QTest::newRow("total decreased (reboot)") << node(100, 200) << node(10, 20) << kNaN;
    QTest::newRow("idle decreased") << node(100, 200) << node(99, 230) << kNaN;
    QTest::newRow("no time counted") << node(100, 200) << node(100, 200) << kNaN;
    QTest::newRow("CPU added") << node(100, 200, 2) << node(120, 240, 3) << kNaN;
    QTest::newRow("CPU removed") << node(100, 200, 2) << node(120, 240, 1) << kNaN;
    QTest::newRow("NaN before") << node(kNaN, kNaN) << node(100, 200) << kNaN;
    QTest::newRow("NaN now") << node(100, 200) << node(kNaN, 230) << kNaN;
    QTest::newRow("+Inf") << node(100, 200) << node(130, std::numeric_limits<double>::infinity()) << kNaN;
    QTest::newRow("idle above total clamps") << node(100, 200) << node(140, 230) << 0.0;
    // After a reset the next pair is whole again: the series resumes.
    QTest::newRow("resumes after reset") << node(10, 20) << node(17.5, 35) << 50.0;
}

void TestHealthDerivation::nodeCpu()
{
    QFETCH(RawHealth, previous);
    QFETCH(RawHealth, current);
    QFETCH(double, percent);
    COMPARE_NEAR(HealthDerivation::nodeCpuPercent(previous, current), percent);
    COMPARE_NEAR(HealthDerivation::derive(previous, 0, current, 15000).cpuPercent, percent);
}

void TestHealthDerivation::processCpu_data()
{
    QTest::addColumn<double>("before");
    QTest::addColumn<double>("after");
    QTest::addColumn<double>("seconds");
    QTest::addColumn<double>("percent");

    QTest::newRow("a tenth of a core") << 10.0 << 11.5 << 15.0 << 10.0;
    QTest::newRow("two cores") << 10.0 << 40.0 << 15.0 << 200.0;
    QTest::newRow("idle") << 10.0 << 10.0 << 15.0 << 0.0;
    // Restarted process: rate() semantics, the new value is the increase.
    QTest::newRow("reset") << 500.0 << 3.0 << 15.0 << 20.0;
    QTest::newRow("reset to zero") << 500.0 << 0.0 << 15.0 << 0.0;
    QTest::newRow("zero Δt") << 10.0 << 11.0 << 0.0 << kNaN;
    QTest::newRow("negative Δt") << 10.0 << 11.0 << -15.0 << kNaN;
    QTest::newRow("NaN Δt") << 10.0 << 11.0 << kNaN << kNaN;
    QTest::newRow("NaN before") << kNaN << 11.0 << 15.0 << kNaN;
    QTest::newRow("NaN now") << 10.0 << kNaN << 15.0 << kNaN;
}

void TestHealthDerivation::processCpu()
{
    QFETCH(double, before);
    QFETCH(double, after);
    QFETCH(double, seconds);
    QFETCH(double, percent);
    COMPARE_NEAR(HealthDerivation::processCpuPercent(process(before), process(after), seconds), percent);
}

void TestHealthDerivation::deriveNeedsTimeToPass_data()
{
    QTest::addColumn<qint64>("elapsedMs");
    QTest::addColumn<double>("nodePercent");
    QTest::addColumn<double>("processPercent");

    QTest::newRow("15 s") << qint64(15000) << 50.0 << 10.0;
    QTest::newRow("zero Δt") << qint64(0) << kNaN << kNaN;
    QTest::newRow("negative Δt") << qint64(-15000) << kNaN << kNaN;
}

void TestHealthDerivation::deriveNeedsTimeToPass()
{
    QFETCH(qint64, elapsedMs);
    QFETCH(double, nodePercent);
    QFETCH(double, processPercent);
    const qint64 start = 1'700'000'000'000;
    COMPARE_NEAR(HealthDerivation::derive(node(100, 200), start, node(115, 230), start + elapsedMs).cpuPercent,
                 nodePercent);
    COMPARE_NEAR(HealthDerivation::derive(process(10), start, process(11.5), start + elapsedMs).cpuPercent,
                 processPercent);
}

void TestHealthDerivation::memory_data()
{
    QTest::addColumn<double>("total");
    QTest::addColumn<double>("available");
    QTest::addColumn<double>("used");
    QTest::addColumn<double>("percent");

    QTest::newRow("quarter used") << 8e9 << 6e9 << 2e9 << 25.0;
    QTest::newRow("all free") << 8e9 << 8e9 << 0.0 << 0.0;
    QTest::newRow("no MemAvailable") << 8e9 << kNaN << kNaN << kNaN;
    QTest::newRow("no MemTotal") << kNaN << 6e9 << kNaN << kNaN;
    QTest::newRow("available above total") << 8e9 << 9e9 << kNaN << kNaN;
    QTest::newRow("zero total") << 0.0 << 0.0 << 0.0 << kNaN;
}

void TestHealthDerivation::memory()
{
    QFETCH(double, total);
    QFETCH(double, available);
    QFETCH(double, used);
    QFETCH(double, percent);
    RawHealth raw;
    raw.memTotalBytes = total;
    raw.memAvailableBytes = available;
    COMPARE_NEAR(HealthDerivation::memoryUsedBytes(raw), used);
    COMPARE_NEAR(HealthDerivation::memoryPercent(raw), percent);
}

QTEST_GUILESS_MAIN(TestHealthDerivation)
#include "tst_healthderivation.moc"
