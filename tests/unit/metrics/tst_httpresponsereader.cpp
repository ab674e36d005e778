// SPDX-License-Identifier: GPL-3.0-or-later
// HttpResponseReader over real answers captured byte for byte from node_exporter (Go), the
// python3-prometheus-client application exporter (HTTP/1.0) and nginx (tests/data/http,
// capture.sh), compared with what Python's http.client reads from the same bytes
// (NAME.http.expect), fed whole, byte by byte and in odd pieces; then hand-made answers for the
// framing rules and each failure's sentence.
#include "metrics/HttpResponseReader.h"

#include <QDir>
#include <QFile>
#include <QTest>

using namespace sd;
using Step = HttpResponseReader::Step;

namespace {

QByteArray readFile(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(path));
    return file.readAll();
}

// What one feed-through gives, as the .expect lines say it.
struct Read
{
    QByteArray line; // "status=... content_type=... content_encoding=... body_bytes=... reusable=..."
    QByteArray body;
    qsizetype used = 0; // bytes of the input this answer took
    QString error;
};

// Reads one answer from `bytes` in pieces of `piece` bytes (0: all at once); `closedAtEnd` tells
// the reader the connection ended after the last byte.
Read readOne(const QByteArray& bytes, qsizetype piece, bool closedAtEnd)
{
    HttpResponseReader reader;
    Read result;
    qsizetype at = 0;
    Step step = Step::More;
    while (at < bytes.size()) {
        const qsizetype size = piece == 0 ? bytes.size() - at : std::min(piece, bytes.size() - at);
        qsizetype offset = 0;
        do {
            qsizetype used = 0;
            step = reader.feed(bytes.constData() + at + offset, size - offset, result.body, used);
            offset += used;
        } while (step == Step::Head);
        at += offset;
        if (step == Step::Done || step == Step::Failed)
            break;
    }
    if (step == Step::More && closedAtEnd)
        step = reader.closed();
    result.used = at;
    if (step == Step::Failed) {
        result.error = reader.error();
        return result;
    }
    if (step != Step::Done) {
        result.error = QStringLiteral("not done");
        return result;
    }
    QByteArray type = reader.contentType();
    type.replace(' ', "");
    result.line = "status=" + QByteArray::number(reader.status()) + " content_type=" + (type.isEmpty() ? "-" : type)
        + " content_encoding=" + (reader.contentEncoding().isEmpty() ? "-" : reader.contentEncoding())
        + " body_bytes=" + QByteArray::number(reader.bodyBytes()) + " reusable=" + (reader.reusable() ? "1" : "0");
    return result;
}

// Every answer in `bytes`, one after the other on the same connection.
QList<Read> readAll(const QByteArray& bytes, qsizetype piece)
{
    QList<Read> all;
    qsizetype at = 0;
    while (at < bytes.size()) {
        Read one = readOne(bytes.mid(at), piece, true);
        all.append(one);
        if (!one.error.isEmpty() || one.used == 0)
            break;
        at += one.used;
    }
    return all;
}

} // namespace

class TestHttpResponseReader : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void capturedAnswers_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<qsizetype>("piece");
        const QDir dir(QStringLiteral(STATIONDECK_TEST_DATA "/http"));
        const QStringList files = dir.entryList({QStringLiteral("*.http")}, QDir::Files, QDir::Name);
        QVERIFY(files.size() >= 10);
        for (const QString& file : files) {
            for (const qsizetype piece : {qsizetype(0), qsizetype(1), qsizetype(7), qsizetype(1500)})
                QTest::addRow("%s/%lld", qPrintable(file), static_cast<long long>(piece))
                    << dir.filePath(file) << piece;
        }
    }

    void capturedAnswers()
    {
        QFETCH(QString, path);
        QFETCH(qsizetype, piece);
        const QByteArray bytes = readFile(path);
        const QList<QByteArray> expected = readFile(path + QStringLiteral(".expect")).trimmed().split('\n');
        const QList<Read> got = readAll(bytes, piece);
        QCOMPARE(got.size(), expected.size());
        for (qsizetype i = 0; i < got.size(); ++i) {
            QVERIFY2(got[i].error.isEmpty(), qPrintable(got[i].error));
            QCOMPARE(got[i].line, expected[i]);
            const qsizetype at = got[i].line.indexOf("body_bytes=") + 11;
            QCOMPARE(got[i].body.size(), got[i].line.mid(at, got[i].line.indexOf(' ', at) - at).toLongLong());
        }
    }

    void framing_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<bool>("reusable");
        QTest::newRow("length") << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nup 1\n")
                                << QByteArray("up 1\n") << true;
        QTest::newRow("bare LF") << QByteArray("HTTP/1.1 200 OK\nContent-Length: 5\n\nup 1\n") << QByteArray("up 1\n")
                                 << true;
        QTest::newRow("chunked with extension and trailer") << QByteArray(
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3;x=y\r\nup \r\n2\r\n1\n\r\n0\r\nT: v\r\n\r\n")
                                                            << QByteArray("up 1\n") << true;
        QTest::newRow("chunked upper-case hex") << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                                                              "A\r\n0123456789\r\n0\r\n\r\n")
                                                << QByteArray("0123456789") << true;
        QTest::newRow("chunked wins over length") << QByteArray(
            "HTTP/1.1 200 OK\r\nContent-Length: 99\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nab\r\n0\r\n\r\n")
                                                  << QByteArray("ab") << false;
        QTest::newRow("until close") << QByteArray("HTTP/1.1 200 OK\r\n\r\nup 1\nup 2\n") << QByteArray("up 1\nup 2\n")
                                     << false;
        QTest::newRow("connection close")
            << QByteArray("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nab") << QByteArray("ab")
            << false;
        QTest::newRow("1.0 without keep-alive")
            << QByteArray("HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nab") << QByteArray("ab") << false;
        QTest::newRow("1.0 with keep-alive")
            << QByteArray("HTTP/1.0 200 OK\r\nConnection: Keep-Alive\r\nContent-Length: 2\r\n\r\nab")
            << QByteArray("ab") << true;
        QTest::newRow("interim 100 and 103 skipped")
            << QByteArray("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </x>\r\n\r\n"
                          "HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nz")
            << QByteArray("z") << true;
        QTest::newRow("204 has no body") << QByteArray("HTTP/1.1 204 No Content\r\n\r\n") << QByteArray() << true;
        QTest::newRow("same length twice")
            << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 1\r\ncontent-length: 1\r\n\r\nq") << QByteArray("q")
            << true;
        QTest::newRow("no reason phrase")
            << QByteArray("HTTP/1.1 200\r\nContent-Length: 1\r\n\r\nq") << QByteArray("q") << true;
    }

    void framing()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QByteArray, body);
        QFETCH(bool, reusable);
        for (const qsizetype piece : {qsizetype(0), qsizetype(1), qsizetype(3)}) {
            // Followed by the next answer's first bytes, which must be left alone (unless until close).
            const bool untilClose = !bytes.contains("ength:") && !bytes.contains("chunked") && !bytes.contains(" 204");
            const QByteArray input = untilClose ? bytes : bytes + "HTTP/1.1 200 OK\r\n";
            const Read got = readOne(input, piece, untilClose);
            QVERIFY2(got.error.isEmpty(), qPrintable(got.error));
            QCOMPARE(got.body, body);
            QCOMPARE(got.used, bytes.size());
            QCOMPARE(got.line.endsWith(reusable ? "reusable=1" : "reusable=0"), true);
        }
    }

    void failures_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("error");
        QTest::newRow("not HTTP") << QByteArray("SSH-2.0-OpenSSH_9.2\r\n\r\n") << QStringLiteral("did not speak HTTP");
        QTest::newRow("HTTP/2") << QByteArray("HTTP/2 200\r\n\r\n") << QStringLiteral("did not speak HTTP");
        QTest::newRow("bad status") << QByteArray("HTTP/1.1 2x0 OK\r\n\r\n") << QStringLiteral("did not speak HTTP");
        QTest::newRow("folded field") << QByteArray("HTTP/1.1 200 OK\r\nX-A: 1\r\n  2\r\n\r\n")
                                      << QStringLiteral("sent a header field folded over lines (line 3 of its head)");
        QTest::newRow("space before colon") << QByteArray("HTTP/1.1 200 OK\r\nContent-Length : 1\r\n\r\nq")
                                            << QStringLiteral("sent a malformed header field (line 2 of its head)");
        QTest::newRow("no colon") << QByteArray("HTTP/1.1 200 OK\r\nnonsense\r\n\r\n")
                                  << QStringLiteral("sent a malformed header field (line 2 of its head)");
        QTest::newRow("bad length") << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n")
                                    << QStringLiteral("sent an invalid Content-Length");
        QTest::newRow("two lengths") << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nq")
                                     << QStringLiteral("sent two different Content-Length values");
        QTest::newRow("bad chunk size") << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n")
                                        << QStringLiteral("sent a malformed chunk size");
        QTest::newRow("huge chunk size") << QByteArray(
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1000000000000000\r\n")
                                         << QStringLiteral("sent a chunk size that is too large");
        QTest::newRow("chunk longer than said")
            << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nab\r\n0\r\n\r\n")
            << QStringLiteral("sent a chunk longer than its size says");
        QTest::newRow("switching protocols") << QByteArray("HTTP/1.1 101 Switching Protocols\r\nUpgrade: h2c\r\n\r\n")
                                             << QStringLiteral("switched to another protocol");
        QTest::newRow("head too large") << "HTTP/1.1 200 OK\r\n" + QByteArray("X-Pad: ").append(70 * 1024, 'a')
                                        << QStringLiteral("sent a head of more than 64 KiB");
        QTest::newRow("closed in the head")
            << QByteArray("HTTP/1.1 200 OK\r\nContent-") << QStringLiteral("closed the connection without answering");
        QTest::newRow("closed in the body") << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc")
                                            << QStringLiteral("closed the connection before the end of its body");
        QTest::newRow("closed in a chunk") << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nab")
                                           << QStringLiteral("closed the connection before the end of its body");
    }

    void failures()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, error);
        for (const qsizetype piece : {qsizetype(0), qsizetype(1), qsizetype(5)}) {
            const Read got = readOne(bytes, piece, true);
            QCOMPARE(got.error, error);
        }
    }

    void closedBeforeAnyByte()
    {
        HttpResponseReader reader;
        QCOMPARE(reader.closed(), Step::Failed);
        QCOMPARE(reader.bytesSeen(), 0);
        QVERIFY(!reader.headComplete());
    }

    void headFieldsAndNoCopyOfTheHead()
    {
        const QByteArray bytes("HTTP/1.1 302 Found\r\nLocation: /metrics?x=1\r\nContent-Type: text/plain\r\n"
                               "Content-Encoding: gzip\r\nContent-Length: 0\r\n\r\n");
        HttpResponseReader reader;
        QByteArray body;
        qsizetype used = 0;
        QCOMPARE(reader.feed(bytes.constData(), bytes.size(), body, used), Step::Head);
        QCOMPARE(used, bytes.size());
        QVERIFY(reader.headComplete());
        QCOMPARE(reader.status(), 302);
        QCOMPARE(reader.reason(), QByteArray("Found"));
        QCOMPARE(reader.location(), QByteArray("/metrics?x=1"));
        QCOMPARE(reader.contentEncoding(), QByteArray("gzip"));
        QCOMPARE(reader.contentLength(), 0);
        QCOMPARE(reader.feed(bytes.constData() + used, 0, body, used), Step::Done);
        QVERIFY(body.isEmpty());
        QVERIFY(reader.reusable());
    }
};

QTEST_APPLESS_MAIN(TestHttpResponseReader)
#include "tst_httpresponsereader.moc"
