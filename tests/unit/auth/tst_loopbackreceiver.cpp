// SPDX-License-Identifier: GPL-3.0-or-later
// The loopback redirect listener with real sockets: one valid callback ends it; garbage,
// oversized, stalled, wrong-path and wrong-method requests leave it waiting; a state mismatch,
// an error answer or a missing code end the attempt with a sentence.
#include "auth/LoopbackReceiver.h"

#include <QTcpSocket>
#include <QTest>

using namespace sd;

namespace {

// Sends raw bytes and returns the status line of the answer ("" when none came).
QByteArray send(quint16 port, const QByteArray& bytes)
{
    // The receiver lives in this thread: wait with an event loop, never with waitFor*().
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    if (!QTest::qWaitFor(
            [&] {
                return socket.state() != QAbstractSocket::ConnectingState
                    && socket.state() != QAbstractSocket::HostLookupState;
            },
            2000)
        || socket.state() != QAbstractSocket::ConnectedState)
        return "refused";
    socket.write(bytes);
    const bool closed = QTest::qWaitFor([&] { return socket.state() == QAbstractSocket::UnconnectedState; }, 3000);
    Q_UNUSED(closed) // a missing answer shows as an empty status line
    const QByteArray answer = socket.readAll();
    return answer.left(answer.indexOf("\r\n"));
}

QByteArray get(const QByteArray& target)
{
    return "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: test\r\n\r\n";
}

} // namespace

// Records what the receiver finished with (Result has no default constructor, so no QSignalSpy).
class Outcomes : public QObject
{
public:
    explicit Outcomes(LoopbackReceiver& receiver)
    {
        connect(&receiver, &LoopbackReceiver::finished, this,
                [this](const Result<QByteArray>& outcome) { m_outcomes.append(outcome); });
    }
    qsizetype size() const { return m_outcomes.size(); }
    bool ok() const { return m_outcomes.first().ok(); }
    QString message() const
    {
        const auto& outcome = m_outcomes.first();
        return outcome.ok() ? QString::fromUtf8(outcome.value()) : outcome.error().message();
    }

private:
    QList<Result<QByteArray>> m_outcomes;
};

class TestLoopbackReceiver : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void hostileRequestsLeaveItWaiting()
    {
        LoopbackReceiver receiver;
        const auto redirect = receiver.listen("s-123");
        QVERIFY(redirect.ok());
        QCOMPARE(redirect->host(), QStringLiteral("127.0.0.1"));
        QCOMPARE(redirect->path(), QStringLiteral("/callback"));
        const quint16 port = quint16(redirect->port());
        Outcomes finished(receiver);

        QCOMPARE(send(port, "\x16\x03\x01garbage\r\n\r\n"), QByteArray("HTTP/1.1 400 Bad Request"));
        QCOMPARE(send(port, get("/favicon.ico")), QByteArray("HTTP/1.1 404 Not Found"));
        QCOMPARE(send(port, "POST /callback?code=x&state=s-123 HTTP/1.1\r\n\r\n"),
                 QByteArray("HTTP/1.1 405 Method Not Allowed"));
        QCOMPARE(send(port, get("/callback?x=" + QByteArray(10000, 'a'))),
                 QByteArray("HTTP/1.1 431 Request Header Fields Too Large"));
        QCOMPARE(finished.size(), 0);
        QVERIFY(receiver.isListening());

        QCOMPARE(send(port, get("/callback?code=abc%2Fdef&state=s-123")), QByteArray("HTTP/1.1 200 OK"));
        QTRY_COMPARE(finished.size(), 1);
        QCOMPARE(finished.message(), QStringLiteral("abc/def"));
        // Exactly one: the port is closed now.
        QVERIFY(!receiver.isListening());
        QCOMPARE(send(port, get("/callback?code=again&state=s-123")), QByteArray("refused"));
        QCOMPARE(finished.size(), 1);
    }

    void stalledClientDoesNotBlockTheRealOne()
    {
        LoopbackReceiver receiver;
        receiver.setRequestTimeoutMs(300);
        const quint16 port = quint16(receiver.listen("s").value().port());
        Outcomes finished(receiver);
        QTcpSocket slow;
        slow.connectToHost(QHostAddress::LocalHost, port);
        QVERIFY(slow.waitForConnected(2000));
        slow.write("GET /callback?code=slow");
        QCOMPARE(send(port, get("/callback?code=real&state=s")), QByteArray("HTTP/1.1 200 OK"));
        QTRY_COMPARE(finished.size(), 1);
        QCOMPARE(finished.message(), QStringLiteral("real"));
    }

    void endsTheAttempt_data()
    {
        QTest::addColumn<QByteArray>("target");
        QTest::addColumn<QString>("expected");
        QTest::newRow("state mismatch") << QByteArray("/callback?code=abc&state=forged")
                                        << QStringLiteral("does not belong to this sign-in attempt");
        QTest::newRow("no state") << QByteArray("/callback?code=abc")
                                  << QStringLiteral("does not belong to this sign-in attempt");
        QTest::newRow("access denied")
            << QByteArray("/callback?error=access_denied&error_description=End-User%20aborted&state=s")
            << QStringLiteral("the identity provider refused the sign-in: access_denied — End-User aborted");
        QTest::newRow("missing code") << QByteArray("/callback?state=s")
                                      << QStringLiteral("carries no authorization code");
        QTest::newRow("state twice") << QByteArray("/callback?code=abc&state=s&state=forged")
                                     << QStringLiteral("carries \"state\" more than once");
        QTest::newRow("description with '+' for spaces (as oidc-provider sends it)")
            << QByteArray("/callback?error=access_denied&error_description=End-User+aborted+interaction&state=s")
            << QStringLiteral("refused the sign-in: access_denied — End-User aborted interaction");
        QTest::newRow("description with control characters, cut short")
            << QByteArray("/callback?error=access_denied%0D%0A%1B%5B2J&error_description=Line%0AInjected%E2%80%AE"
                          + QByteArray(500, 'x') + "&state=s")
            << QStringLiteral("refused the sign-in: access_denied [2J — Line Injected xxx");
    }
    void endsTheAttempt()
    {
        QFETCH(QByteArray, target);
        QFETCH(QString, expected);
        LoopbackReceiver receiver;
        const quint16 port = quint16(receiver.listen("s").value().port());
        Outcomes finished(receiver);
        send(port, get(target));
        QTRY_COMPARE(finished.size(), 1);
        QVERIFY(!finished.ok());
        QVERIFY2(finished.message().contains(expected), qPrintable(finished.message()));
        for (const QChar c : finished.message())
            QVERIFY2(c.category() != QChar::Other_Control && c.category() != QChar::Other_Format,
                     qPrintable(finished.message()));
        QVERIFY2(finished.message().size() < 400, qPrintable(finished.message()));
        QVERIFY(!receiver.isListening());
    }

    void timesOut()
    {
        LoopbackReceiver receiver;
        QVERIFY(receiver.listen("s", 200).ok());
        Outcomes finished(receiver);
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 5000);
        QVERIFY(finished.message().startsWith(QStringLiteral("no answer came back from the browser")));
        QVERIFY(!receiver.isListening());
    }

    void cancelEndsQuietly()
    {
        LoopbackReceiver receiver;
        const quint16 port = quint16(receiver.listen("s").value().port());
        Outcomes finished(receiver);
        receiver.cancel();
        QCOMPARE(send(port, get("/callback?code=x&state=s")), QByteArray("refused"));
        QCOMPARE(finished.size(), 0);
    }
};

QTEST_GUILESS_MAIN(TestLoopbackReceiver)
#include "tst_loopbackreceiver.moc"
