// SPDX-License-Identifier: GPL-3.0-or-later
// PromHealthAssembler: series given to stations by their key, several series of one station
// combined as the templates aggregate, node CPU preferred to process CPU, and histories put on
// the step grid with NaN for the gaps. Inputs are real answers (tests/data/metrics/api) and
// small hand-made ones parsed by PromApiResponse.
#include "metrics/PromHealthAssembler.h"

#include <QFile>
#include <QTest>

#include <cmath>

using namespace sd;

namespace {

const QUrl kServer(QStringLiteral("http://127.0.0.1:9090"));

PromApiResponse parsed(const QByteArray& json)
{
    auto r = PromApiResponse::parse(json, 200, "application/json", kServer);
    if (!r)
        qFatal("%s", qPrintable(r.error().message()));
    return r.value();
}

PromApiResponse fixture(const QString& name)
{
    QFile file(QStringLiteral(STATIONDECK_TEST_DATA "/metrics/api/") + name);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(name));
    return parsed(file.readAll());
}

QByteArray vector(const QByteArray& series)
{
    return R"({"status":"success","data":{"resultType":"vector","result":[)" + series + "]}}";
}

} // namespace

class TestPromHealthAssembler : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void latestByStationName()
    {
        // Real answer: memory used by station label; one station name holds " and \.
        const PromApiResponse response = fixture(QStringLiteral("query_memory_by_station.json"));
        const QList<PromStation> stations{{QStringLiteral("station-1"), {QStringLiteral("station-1")}},
                                          {QStringLiteral("third"), {QStringLiteral("station-3 \"west\\1\"")}},
                                          {QStringLiteral("absent"), {QStringLiteral("nobody")}}};
        const PromHealthAssembler assembler(QStringLiteral("station"), stations);
        PromFleetValues out;
        assembler.addLatest(HealthMetric::MemoryUsedBytes, response, &out);
        QCOMPARE(out.stations.size(), 2);
        QVERIFY(out.value(QStringLiteral("station-1"), HealthMetric::MemoryUsedBytes) > 1e6);
        QVERIFY(out.value(QStringLiteral("third"), HealthMetric::MemoryUsedBytes) > 1e6);
        QVERIFY(std::isnan(out.value(QStringLiteral("third"), HealthMetric::CpuPercent)));
        QVERIFY(std::isnan(out.value(QStringLiteral("absent"), HealthMetric::MemoryUsedBytes)));
    }

    void severalKeysCombine()
    {
        const QList<PromStation> stations{{QStringLiteral("s"), {QStringLiteral("a:1"), QStringLiteral("b:2")}}};
        const PromHealthAssembler assembler(QStringLiteral("instance"), stations);
        PromFleetValues out;
        assembler.addLatest(HealthMetric::Up,
                            parsed(vector(R"({"metric":{"instance":"a:1"},"value":[1,"1"]},)"
                                          R"({"metric":{"instance":"b:2"},"value":[1,"0"]})")),
                            &out);
        assembler.addLatest(HealthMetric::ResidentBytes,
                            parsed(vector(R"({"metric":{"instance":"a:1"},"value":[1,"100"]},)"
                                          R"({"metric":{"instance":"b:2"},"value":[1,"20"]})")),
                            &out);
        assembler.addLatest(HealthMetric::ScrapeSeconds,
                            parsed(vector(R"({"metric":{"instance":"a:1"},"value":[1,"0.5"]},)"
                                          R"({"metric":{"instance":"b:2"},"value":[1,"NaN"]})")),
                            &out);
        QCOMPARE(out.value(QStringLiteral("s"), HealthMetric::Up), 0.0);
        QCOMPARE(out.value(QStringLiteral("s"), HealthMetric::ResidentBytes), 120.0);
        QCOMPARE(out.value(QStringLiteral("s"), HealthMetric::ScrapeSeconds), 0.5);
    }

    void nodeCpuWinsOverProcessCpu()
    {
        const QList<PromStation> stations{
            {QStringLiteral("both"), {QStringLiteral("n:9100"), QStringLiteral("app:8000")}},
            {QStringLiteral("app-only"), {QStringLiteral("app2:8000")}}};
        const PromHealthAssembler assembler(QStringLiteral("instance"), stations);
        PromFleetValues out;
        assembler.addLatest(
            HealthMetric::CpuPercent,
            parsed(vector(R"({"metric":{"instance":"app:8000","sd_source":"process"},"value":[1,"80"]},)"
                          R"({"metric":{"instance":"n:9100"},"value":[1,"12.5"]},)"
                          R"({"metric":{"instance":"app2:8000","sd_source":"process"},"value":[1,"30"]},)"
                          R"({"metric":{"instance":"stranger:1"},"value":[1,"99"]})")),
            &out);
        QCOMPARE(out.value(QStringLiteral("both"), HealthMetric::CpuPercent), 12.5);
        QCOMPARE(out.value(QStringLiteral("app-only"), HealthMetric::CpuPercent), 30.0);
        QCOMPARE(out.stations.size(), 2);
    }

    void historyOnTheGrid()
    {
        // Real answer: CPU % by instance at step 1 s; put one instance on a grid that starts 2 s
        // before its first point and ends 2 s after its last: the edges are NaN.
        const PromApiResponse response = fixture(QStringLiteral("query_range_cpu_by_instance.json"));
        const PromSeries& source = response.series().front();
        const QString instance = source.label(QStringLiteral("instance"));
        const PromHealthAssembler assembler(QStringLiteral("instance"), {{QStringLiteral("st"), {instance}}});
        const std::int64_t start = source.timesMs.front() - 2000;
        const std::int64_t end = source.timesMs.back() + 2000;
        const HealthSeries series
            = assembler.series(HealthMetric::CpuPercent, QStringLiteral("st"), response, start, end, 1000);
        QCOMPARE(series.station, QStringLiteral("st"));
        QCOMPARE(series.metric, HealthMetric::CpuPercent);
        QCOMPARE(series.timesMs.size(), source.timesMs.size() + 4);
        QCOMPARE(series.values.size(), series.timesMs.size());
        QVERIFY(std::isnan(series.values.front()));
        QVERIFY(std::isnan(series.values.back()));
        for (std::size_t i = 0; i < source.values.size(); ++i) {
            QCOMPARE(series.timesMs[i + 2], source.timesMs[i]);
            QCOMPARE(series.values[i + 2], source.values[i]);
        }
    }

    void gapsInsideAHistory()
    {
        const PromHealthAssembler assembler(QStringLiteral("instance"),
                                            {{QStringLiteral("st"), {QStringLiteral("a:1")}}});
        const PromApiResponse response = parsed(
            R"({"status":"success","data":{"resultType":"matrix","result":[{"metric":{"instance":"a:1"},"values":)"
            R"([[100,"1"],[130,"4"],[160,"+Inf"]]}]}})");
        const HealthSeries s
            = assembler.series(HealthMetric::Up, QStringLiteral("st"), response, 100000, 160000, 15000);
        QCOMPARE(s.timesMs, (std::vector<std::int64_t>{100000, 115000, 130000, 145000, 160000}));
        QCOMPARE(s.values[0], 1.0);
        QVERIFY(std::isnan(s.values[1]));
        QCOMPARE(s.values[2], 4.0);
        QVERIFY(std::isnan(s.values[3]));
        QVERIFY(std::isinf(s.values[4]));
    }

    void combine()
    {
        const double nan = std::nan("");
        QCOMPARE(PromHealthAssembler::combine(HealthMetric::Up, 1, 0), 0.0);
        QCOMPARE(PromHealthAssembler::combine(HealthMetric::MemoryPercent, 40, 60), 60.0);
        QCOMPARE(PromHealthAssembler::combine(HealthMetric::VirtualBytes, 40, 60), 100.0);
        QCOMPARE(PromHealthAssembler::combine(HealthMetric::VirtualBytes, nan, 60), 60.0);
        QCOMPARE(PromHealthAssembler::combine(HealthMetric::VirtualBytes, 40, nan), 40.0);
        QVERIFY(std::isnan(PromHealthAssembler::combine(HealthMetric::Up, nan, nan)));
    }
};

QTEST_GUILESS_MAIN(TestPromHealthAssembler)
#include "tst_promhealthassembler.moc"
