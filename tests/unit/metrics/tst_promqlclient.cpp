// SPDX-License-Identifier: GPL-3.0-or-later
// PromQlClient's transport, against a one-request HTTP server on 127.0.0.1 that answers what
// each row needs (the real server is in tests/integration, tst_prometheus_lab): the form-encoded
// POST it sends, the bearer token where the policy protects the server (and in no sentence), an
// answer over the size cap (declared or streamed), a server that never answers, a proxy's page;
// and the history step for each range.
#include "auth/AccessTokenSource.h"
#include "auth/BearerAuthenticator.h"
#include "metrics/PromQlClient.h"

#include <QNetworkAccessManager>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QUrlQuery>

#include <optional>

using namespace sd;

namespace {

// Answers each connection's first request with `answer` (nothing when empty) and keeps the request.
class OneShotServer : public QObject
{
public:
    QByteArray answer;
    QByteArray streamed; // after `answer`, written in 64 KiB pieces until the client goes
    QByteArray request;

    quint16 listen()
    {
        connect(&m_server, &QTcpServer::newConnection, this, &OneShotServer::accept);
        return m_server.listen(QHostAddress::LocalHost, 0) ? m_server.serverPort() : 0;
    }

private:
    void accept()
    {
        QTcpSocket* socket = m_server.nextPendingConnection();
        socket->setParent(this);
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] {
            request += socket->readAll();
            const qsizetype end = request.indexOf("\r\n\r\n");
            if (end < 0 || answer.isEmpty())
                return;
            const qsizetype lengthAt = request.toLower().indexOf("content-length:");
            const qsizetype length
                = lengthAt < 0 ? 0 : request.mid(lengthAt + 15, 12).trimmed().split('\r').front().toLongLong();
            if (request.size() < end + 4 + length)
                return;
            socket->write(std::exchange(answer, {}));
            if (!streamed.isEmpty()) {
                connect(socket, &QTcpSocket::bytesWritten, this, [this, socket] {
                    if (socket->bytesToWrite() < 65536 && socket->state() == QAbstractSocket::ConnectedState)
                        socket->write(streamed);
                });
            } else {
                socket->disconnectFromHost();
            }
        });
    }

    QTcpServer m_server;
};

QByteArray http(int status, const QByteArray& contentType, const QByteArray& body)
{
    return "HTTP/1.1 " + QByteArray::number(status) + " X\r\nContent-Type: " + contentType
        + "\r\nConnection: close\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
}

class FixedToken final : public AccessTokenSource
{
public:
    void accessToken(std::function<void(Result<QByteArray>)> done) override { done(QByteArray("tok-secret-42")); }
};

} // namespace

class TestPromQlClient : public QObject
{
    Q_OBJECT

    QNetworkAccessManager m_network;

    Result<PromApiResponse> query(PromQlClient& client, const QString& promql, const QDateTime& at = {})
    {
        std::optional<Result<PromApiResponse>> out;
        client.query(promql, at, [&out](Result<PromApiResponse> r) { out.emplace(std::move(r)); });
        if (!QTest::qWaitFor([&] { return out.has_value(); }, 20000))
            return Error(QStringLiteral("no callback"));
        return *out;
    }

    Result<PromApiResponse> queryWithCap(OneShotServer& server, qint64 maxBytes)
    {
        const quint16 port = server.listen();
        PromQlClient client(m_network);
        PromApiResponse::Limits limits;
        limits.maxBytes = maxBytes;
        client.setLimits(limits);
        client.setServer(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port)));
        return query(client, QStringLiteral("up"));
    }

private Q_SLOTS:
    void sendsAFormPost()
    {
        OneShotServer server;
        server.answer
            = http(200, "application/json", R"({"status":"success","data":{"resultType":"scalar","result":[1,"2"]}})");
        const quint16 port = server.listen();
        PromQlClient client(m_network);
        client.setServer(QUrl(QStringLiteral("http://127.0.0.1:%1/prom/").arg(port)));
        const QString promql = QStringLiteral("sum by (instance) (up{station=\"a&b=c + d\"})");
        const auto r = query(client, promql, QDateTime::fromMSecsSinceEpoch(1795843509069, Qt::UTC));
        QVERIFY(r.ok());
        QCOMPARE(r->scalar(), 2.0);
        QVERIFY2(server.request.startsWith("POST /prom/api/v1/query HTTP/1.1\r\n"), server.request.constData());
        QVERIFY(server.request.contains("Content-Type: application/x-www-form-urlencoded\r\n"));
        QVERIFY(!server.request.contains("Authorization"));
        const QUrlQuery form(QString::fromUtf8(server.request.mid(server.request.indexOf("\r\n\r\n") + 4)));
        QCOMPARE(form.queryItemValue(QStringLiteral("query"), QUrl::FullyDecoded), promql);
        QCOMPARE(form.queryItemValue(QStringLiteral("time")), QStringLiteral("1795843509.069"));
    }

    void bearerTokenWhereProtectedAndNeverInASentence()
    {
        OneShotServer server;
        server.answer = http(401, "text/plain", "Unauthorized tok-secret-42\n");
        const quint16 port = server.listen();
        FixedToken tokens;
        BearerAuthenticator authenticator(tokens);
        auto policy = BearerPolicy::create({QStringLiteral("http://127.0.0.1:%1/").arg(port)}, {});
        QVERIFY(policy.ok());
        authenticator.setPolicy(policy.value());
        PromQlClient client(m_network);
        client.setAuthenticator(&authenticator);
        client.setServer(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port)));
        const auto r = query(client, QStringLiteral("up"));
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code(), QStringLiteral("unauthorized"));
        QVERIFY(server.request.contains("Authorization: Bearer tok-secret-42\r\n"));
        QVERIFY2(!r.error().sentence().contains(QLatin1String("tok-secret")), qPrintable(r.error().sentence()));
    }

    void declaredTooLarge()
    {
        OneShotServer server;
        server.answer = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 209715200\r\n\r\n{";
        server.streamed = QByteArray(65536, ' ');
        const auto r = queryWithCap(server, 1024 * 1024);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code(), QStringLiteral("too_large"));
        QVERIFY2(r.error().sentence().contains(QStringLiteral("sent more than 1 MiB")),
                 qPrintable(r.error().sentence()));
    }

    void streamedTooLarge()
    {
        OneShotServer server;
        server.answer = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n[";
        server.streamed = QByteArray(65536, '1');
        const auto r = queryWithCap(server, 1024 * 1024);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code(), QStringLiteral("too_large"));
    }

    void silentServerTimesOut()
    {
        OneShotServer server; // accepts, reads, never answers
        const quint16 port = server.listen();
        PromQlClient client(m_network);
        client.setTimeoutMs(300);
        client.setServer(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port)));
        const auto r = query(client, QStringLiteral("up"));
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code(), QStringLiteral("timeout"));
        QCOMPARE(r.error().sentence(),
                 QStringLiteral("Prometheus at http://127.0.0.1:%1 did not answer within 0.3 seconds.").arg(port));
    }

    void proxyPage()
    {
        OneShotServer server;
        server.answer = http(502, "text/html", "<html><head><title>502 Bad Gateway</title></head></html>");
        const quint16 port = server.listen();
        PromQlClient client(m_network);
        client.setServer(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port)));
        const auto r = query(client, QStringLiteral("up"));
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code(), QStringLiteral("http"));
        QVERIFY(r.error().sentence().contains(QStringLiteral("HTML page titled \"502 Bad Gateway\"")));
    }

    void historyStep_data()
    {
        QTest::addColumn<qint64>("range");
        QTest::addColumn<int>("minStep");
        QTest::addColumn<int>("step");
        QTest::newRow("15 min at 15 s") << qint64(900) << 15 << 15;
        QTest::newRow("1 h at 15 s") << qint64(3600) << 15 << 15;
        QTest::newRow("6 h at 15 s") << qint64(21600) << 15 << 30;
        QTest::newRow("24 h at 15 s") << qint64(86400) << 15 << 120;
        QTest::newRow("5 min at 1 s") << qint64(300) << 1 << 1;
        QTest::newRow("1 h at 1 s") << qint64(3600) << 1 << 5;
        QTest::newRow("a year") << qint64(365) * 86400 << 15 << 43200;
        QTest::newRow("ten years") << qint64(3650) * 86400 << 15 << 4 * 86400;
    }
    void historyStep()
    {
        QFETCH(qint64, range);
        QFETCH(int, minStep);
        QFETCH(int, step);
        QCOMPARE(PromQlClient::historyStep(range, minStep, 1000), step);
        QVERIFY(range / step + 1 <= 1000);
    }

    void emptyHistoryRangeIsRefused()
    {
        PromQlClient client(m_network);
        std::optional<Result<QList<HealthSeries>>> out;
        const QDateTime now = QDateTime::currentDateTimeUtc();
        client.fetchHistory({QStringLiteral("s"), {QStringLiteral("a:1")}}, {HealthMetric::Up}, now, now,
                            [&out](Result<QList<HealthSeries>> r) { out.emplace(std::move(r)); });
        QVERIFY(out.has_value() && !out->ok());
        QCOMPARE(out->error().code(), QStringLiteral("invalid_range"));
    }
};

QTEST_GUILESS_MAIN(TestPromQlClient)
#include "tst_promqlclient.moc"
