// SPDX-License-Identifier: GPL-3.0-or-later
// ScrapeDecoder: gzip and zlib ("deflate") bodies fed in pieces of every size, concatenated gzip
// members, the limit reached inside one piece (a bomb stops there), corrupt and cut-short streams,
// and the encodings it accepts from a Content-Encoding header.
#include "Deflate.h"
#include "metrics/ScrapeDecoder.h"

#include <QFile>
#include <QTest>

using namespace sd;
using Status = ScrapeDecoder::Status;
using Encoding = ScrapeDecoder::Encoding;

namespace {

QByteArray nodeBody()
{
    QFile file(QStringLiteral(STATIONDECK_TEST_DATA "/metrics/node_exporter.text-0.0.4.txt"));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read the node_exporter capture");
    return file.readAll();
}

QByteArray compress(const QByteArray& data, int windowBits)
{
    return sd::test::deflateBytes(data, windowBits);
}

Status feedInPieces(ScrapeDecoder& decoder, const QByteArray& input, qsizetype piece, QByteArray& out, qint64 limit)
{
    for (qsizetype at = 0; at < input.size(); at += piece) {
        const Status status = decoder.feed(input.mid(at, piece), out, limit);
        if (status != Status::Ok)
            return status;
    }
    return Status::Ok;
}

} // namespace

class TestScrapeDecoder : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void encodings()
    {
        QCOMPARE(ScrapeDecoder::encodingOf(""), Encoding::Identity);
        QCOMPARE(ScrapeDecoder::encodingOf("identity"), Encoding::Identity);
        QCOMPARE(ScrapeDecoder::encodingOf(" GZIP "), Encoding::Gzip);
        QCOMPARE(ScrapeDecoder::encodingOf("x-gzip"), Encoding::Gzip);
        QCOMPARE(ScrapeDecoder::encodingOf("deflate"), Encoding::Deflate);
        QVERIFY(!ScrapeDecoder::encodingOf("br").has_value());
        QVERIFY(!ScrapeDecoder::encodingOf("gzip, br").has_value());
    }

    void decodesInPiecesOfAnySize_data()
    {
        QTest::addColumn<int>("windowBits");
        QTest::addColumn<int>("piece");
        for (int piece : {1, 7, 512, 4096, 1 << 20}) {
            QTest::addRow("gzip, %d-byte pieces", piece) << 16 + MAX_WBITS << piece;
            QTest::addRow("zlib, %d-byte pieces", piece) << MAX_WBITS << piece;
        }
    }

    void decodesInPiecesOfAnySize()
    {
        QFETCH(int, windowBits);
        QFETCH(int, piece);
        const QByteArray body = nodeBody();
        ScrapeDecoder decoder(windowBits == MAX_WBITS ? Encoding::Deflate : Encoding::Gzip);
        QByteArray out;
        QCOMPARE(feedInPieces(decoder, compress(body, windowBits), piece, out, 16 << 20), Status::Ok);
        QVERIFY(decoder.complete());
        QCOMPARE(out, body);
    }

    void concatenatedGzipMembersAreOneBody()
    {
        const QByteArray a("up 1\n");
        const QByteArray b("down 0\n");
        ScrapeDecoder decoder(Encoding::Gzip);
        QByteArray out;
        QCOMPARE(decoder.feed(compress(a, 31) + compress(b, 31), out, 1000), Status::Ok);
        QCOMPARE(out, a + b);
        QVERIFY(decoder.complete());
    }

    void aBombStopsAtTheLimit()
    {
        const QByteArray zeros(64 << 20, '\0'); // 64 MiB that compress to about 64 KB
        const QByteArray bomb = compress(zeros, 31);
        QVERIFY(bomb.size() < 100 * 1024);
        ScrapeDecoder decoder(Encoding::Gzip);
        QByteArray out;
        QCOMPARE(decoder.feed(bomb, out, 1 << 20), Status::TooLarge);
        QVERIFY(out.size() > (1 << 20));
        QVERIFY(out.size() <= (1 << 20) + 64 * 1024); // one step past the limit at most
    }

    void identityCountsToo()
    {
        ScrapeDecoder decoder(Encoding::Identity);
        QByteArray out;
        QCOMPARE(decoder.feed(QByteArray(600, 'x'), out, 1000), Status::Ok);
        QCOMPARE(decoder.feed(QByteArray(600, 'x'), out, 1000), Status::TooLarge);
        QVERIFY(decoder.complete());
    }

    void corruptAndCutShortStreams()
    {
        ScrapeDecoder corrupt(Encoding::Gzip);
        QByteArray out;
        QCOMPARE(corrupt.feed(QByteArray("\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff", 10) + "garbage!", out, 1000),
                 Status::Corrupt);
        QVERIFY(!corrupt.error().isEmpty());

        ScrapeDecoder notGzip(Encoding::Gzip);
        QCOMPARE(notGzip.feed("plain text, not gzip", out, 1000), Status::Corrupt);

        const QByteArray packed = compress(nodeBody(), 31);
        ScrapeDecoder cut(Encoding::Gzip);
        QByteArray partial;
        QCOMPARE(cut.feed(packed.left(packed.size() / 2), partial, 16 << 20), Status::Ok);
        QVERIFY(!cut.complete());
    }
};

QTEST_GUILESS_MAIN(TestScrapeDecoder)
#include "tst_scrapedecoder.moc"
