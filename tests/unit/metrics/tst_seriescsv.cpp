// SPDX-License-Identifier: GPL-3.0-or-later
// CSV export of health series: header with units, ISO 8601 UTC times, empty cells, RFC 4180 quoting.
#include "metrics/SeriesCsv.h"

#include <QBuffer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <limits>

using namespace sd;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr std::int64_t kT0 = 1'795'849'200'000; // 2026-11-28T07:00:00Z

HealthSeries series(const QString& station, HealthMetric metric, std::vector<std::int64_t> times,
                    std::vector<double> values)
{
    return HealthSeries{station, metric, std::move(times), std::move(values)};
}

QByteArray csv(const QList<HealthSeries>& list)
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    const Result<void> written = SeriesCsv::write(list, buffer);
    if (!written.ok())
        qWarning() << written.error().sentence();
    return buffer.data();
}

} // namespace

class TestSeriesCsv : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void oneStationTwoMetrics()
    {
        const QString alpha = QStringLiteral("alpha");
        const QByteArray text = csv({
            series(alpha, HealthMetric::CpuPercent, {kT0, kT0 + 15'000, kT0 + 30'000}, {12.5, kNaN, 100}),
            series(alpha, HealthMetric::MemoryUsedBytes, {kT0, kT0 + 15'000, kT0 + 30'000},
                   {1073741824, 1073741825, 0.1 + 0.2}),
        });
        QCOMPARE(text,
                 QByteArray("time (UTC),cpu_percent (%),memory_used_bytes (bytes)\r\n"
                            "2026-11-28T07:00:00.000Z,12.5,1073741824\r\n"
                            "2026-11-28T07:00:15.000Z,,1073741825\r\n"
                            "2026-11-28T07:00:30.000Z,100,0.30000000000000004\r\n"));
    }

    void rowsAreTheUnionOfTimes()
    {
        const QString alpha = QStringLiteral("alpha");
        const QByteArray text = csv({
            series(alpha, HealthMetric::Up, {kT0, kT0 + 2}, {1, 0}),
            series(alpha, HealthMetric::ScrapeSeconds, {kT0 + 1, kT0 + 2}, {0.25, 1e-3}),
        });
        QCOMPARE(text,
                 QByteArray("time (UTC),up,scrape_seconds (s)\r\n"
                            "2026-11-28T07:00:00.000Z,1,\r\n"
                            "2026-11-28T07:00:00.001Z,,0.25\r\n"
                            "2026-11-28T07:00:00.002Z,0,0.001\r\n"));
    }

    void manyStationsNameTheStationAndQuote()
    {
        const QByteArray text = csv({
            series(QStringLiteral("lyon, rack \"2\""), HealthMetric::CpuPercent, {kT0}, {1}),
            series(QStringLiteral("nancy"), HealthMetric::MemoryPercent, {kT0}, {2}),
            series(QStringLiteral("zürich\nb"), HealthMetric::ResidentBytes, {}, {}),
        });
        QCOMPARE(text,
                 QByteArray("time (UTC),\"lyon, rack \"\"2\"\" cpu_percent (%)\",nancy memory_percent (%),"
                            "\"z\xc3\xbcrich\nb resident_bytes (bytes)\"\r\n"
                            "2026-11-28T07:00:00.000Z,1,2,\r\n"));
    }

    void emptyListWritesTheTimeHeaderOnly()
    {
        QCOMPARE(csv({}), QByteArray("time (UTC)\r\n"));
        QCOMPARE(csv({series(QStringLiteral("a"), HealthMetric::VirtualBytes, {}, {})}),
                 QByteArray("time (UTC),virtual_bytes (bytes)\r\n"));
    }

    void writesAFile()
    {
        QTemporaryDir dir;
        QFile file(dir.filePath(QStringLiteral("alpha.csv")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        std::vector<std::int64_t> times;
        std::vector<double> values;
        for (int i = 0; i < 20'000; ++i) {
            times.push_back(kT0 + i * 15'000LL);
            values.push_back(i % 7 == 0 ? kNaN : i * 0.5);
        }
        QVERIFY(
            SeriesCsv::write({series(QStringLiteral("alpha"), HealthMetric::CpuPercent, times, values)}, file).ok());
        file.close();
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = file.readAll().split('\n');
        QCOMPARE(lines.size(), 20'002); // header, rows, and the empty piece after the last CRLF
        QCOMPARE(lines[1], QByteArray("2026-11-28T07:00:00.000Z,\r"));
        QCOMPARE(lines[2], QByteArray("2026-11-28T07:00:15.000Z,0.5\r"));
    }

    void unwritableDeviceIsASentence()
    {
        QBuffer buffer;
        QVERIFY(buffer.open(QIODevice::ReadOnly));
        const Result<void> written = SeriesCsv::write({}, buffer);
        QVERIFY(!written.ok());
        QCOMPARE(written.error().sentence(),
                 QStringLiteral("Cannot write CSV to the output: it is not open for writing."));

        QFile closed(QStringLiteral("/nonexistent/folder/alpha.csv"));
        QVERIFY(!closed.open(QIODevice::WriteOnly));
        const Result<void> failed = SeriesCsv::write({}, closed);
        QVERIFY(!failed.ok());
        QVERIFY(failed.error().message().contains(QStringLiteral("/nonexistent/folder/alpha.csv")));
    }

    void units()
    {
        QCOMPARE(SeriesCsv::unit(HealthMetric::CpuPercent), QStringLiteral("%"));
        QCOMPARE(SeriesCsv::unit(HealthMetric::MemoryUsedBytes), QStringLiteral("bytes"));
        QCOMPARE(SeriesCsv::unit(HealthMetric::ScrapeSeconds), QStringLiteral("s"));
        QCOMPARE(SeriesCsv::unit(HealthMetric::Up), QString());
    }
};

QTEST_GUILESS_MAIN(TestSeriesCsv)
#include "tst_seriescsv.moc"
