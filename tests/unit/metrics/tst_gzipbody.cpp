// SPDX-License-Identifier: GPL-3.0-or-later
// GzipBody: whole gzip bodies decoded with libdeflate, and every case it leaves to ScrapeDecoder
// (zlib): captured node_exporter and application bodies, concatenated members, a bomb whose
// trailer tells its size, a bomb whose trailer lies, cut-short and corrupt streams, the limit.
#include "Deflate.h"
#include "metrics/GzipBody.h"

#include <QFile>
#include <QTest>

using namespace sd;
using Status = GzipBody::Status;

namespace {

QByteArray capture(const char* name)
{
    QFile file(QStringLiteral(STATIONDECK_TEST_DATA "/metrics/") + QLatin1String(name));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", name);
    return file.readAll();
}

QByteArray gzip(const QByteArray& data, int level = 6)
{
    return test::deflateBytes(data, 16 + MAX_WBITS, level);
}

// The same stream with its ISIZE trailer (the last 4 bytes) replaced.
QByteArray withTrailerSize(QByteArray packed, quint32 size)
{
    for (int i = 0; i < 4; ++i)
        packed[packed.size() - 4 + i] = char((size >> (8 * i)) & 0xFF);
    return packed;
}

} // namespace

class TestGzipBody : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void capturedBodies_data()
    {
        QTest::addColumn<QByteArray>("plain");
        QTest::addColumn<int>("level");
        for (const char* name : {"node_exporter.text-0.0.4.txt", "node_exporter.openmetrics-1.0.0.txt",
                                 "app_exporter.text-0.0.4.txt", "prometheus.text-0.0.4.txt"}) {
            for (const int level : {1, 6, 9})
                QTest::addRow("%s/%d", name, level) << capture(name) << level;
        }
        QTest::newRow("empty body") << QByteArray() << 6;
    }

    void capturedBodies()
    {
        QFETCH(QByteArray, plain);
        QFETCH(int, level);
        QByteArray out;
        QString error;
        QCOMPARE(GzipBody::decode(gzip(plain, level), out, 16 * 1024 * 1024, error), Status::Ok);
        QCOMPARE(out, plain);
        QVERIFY(error.isEmpty());
        // At exactly the limit it still fits; one byte less does not.
        out.clear();
        QCOMPARE(GzipBody::decode(gzip(plain, level), out, plain.size(), error), Status::Ok);
        if (!plain.isEmpty()) {
            out.clear();
            QCOMPARE(GzipBody::decode(gzip(plain, level), out, plain.size() - 1, error), Status::TooLarge);
        }
    }

    void concatenatedMembersAreOneBody()
    {
        const QByteArray a = capture("app_exporter.text-0.0.4.txt");
        const QByteArray b = capture("node_exporter.text-0.0.4.txt");
        QByteArray out;
        QString error;
        QCOMPARE(GzipBody::decode(gzip(a) + gzip(b), out, 16 * 1024 * 1024, error), Status::Ok);
        QCOMPARE(out, a + b);
    }

    void bombStopsAtTheLimit()
    {
        const QByteArray zeros(64 * 1024 * 1024, '0');
        const QByteArray bomb = gzip(zeros, 9);
        QVERIFY(bomb.size() < 100 * 1024);
        QByteArray out;
        QString error;
        QCOMPARE(GzipBody::decode(bomb, out, 1024 * 1024, error), Status::TooLarge);
        QVERIFY(out.size() <= 1024 * 1024 + 64 * 1024); // one step past the limit at most
    }

    void bombWithALyingTrailerStopsAtTheLimit()
    {
        const QByteArray bomb = withTrailerSize(gzip(QByteArray(64 * 1024 * 1024, '0'), 9), 100);
        QByteArray out;
        QString error;
        QCOMPARE(GzipBody::decode(bomb, out, 1024 * 1024, error), Status::TooLarge);
        QVERIFY(out.size() <= 1024 * 1024 + 64 * 1024);
    }

    void lyingTrailerWithinTheLimitIsCorrupt()
    {
        const QByteArray plain = capture("app_exporter.text-0.0.4.txt");
        QByteArray out;
        QString error;
        QCOMPARE(GzipBody::decode(withTrailerSize(gzip(plain), 10), out, 16 * 1024 * 1024, error), Status::Corrupt);
        QCOMPARE(error, QStringLiteral("incorrect length check"));
    }

    void cutShortAndCorrupt_data()
    {
        QTest::addColumn<QByteArray>("packed");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("error");
        const QByteArray packed = gzip(capture("node_exporter.text-0.0.4.txt"));
        QTest::newRow("half") << packed.left(packed.size() / 2) << int(Status::Truncated) << QString();
        QTest::newRow("no trailer") << packed.left(packed.size() - 8) << int(Status::Truncated) << QString();
        QTest::newRow("header only") << packed.left(10) << int(Status::Truncated) << QString();
        QTest::newRow("empty") << QByteArray() << int(Status::Truncated) << QString();
        QByteArray flipped = packed;
        flipped[200] = char(flipped.at(200) ^ 0x55);
        QTest::newRow("flipped byte") << flipped << int(Status::Corrupt) << QString();
        QTest::newRow("not deflate") << QByteArray("\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xffnot deflate at all", 28)
                                     << int(Status::Corrupt) << QStringLiteral("invalid block type");
        QTest::newRow("not gzip") << QByteArray("up 1\nup 2\nup 3\nup 4\nup 5\n") << int(Status::Corrupt)
                                  << QStringLiteral("incorrect header check");
    }

    void cutShortAndCorrupt()
    {
        QFETCH(QByteArray, packed);
        QFETCH(int, status);
        QFETCH(QString, error);
        QByteArray out;
        QString said;
        QCOMPARE(int(GzipBody::decode(packed, out, 16 * 1024 * 1024, said)), status);
        if (status == int(Status::Corrupt))
            QVERIFY(!said.isEmpty());
        if (!error.isEmpty())
            QCOMPARE(said, error);
    }
};

QTEST_APPLESS_MAIN(TestGzipBody)
#include "tst_gzipbody.moc"
