// SPDX-License-Identifier: GPL-3.0-or-later
// The Scraper against an HTTP server in the test's own process (TestHttpServer): what each request
// carries (Accept, User-Agent, Accept-Encoding, no cookies, a bearer token only for protected URLs),
// the cap on concurrent requests, the total deadline against a server that trickles, the body limit
// counted after decoding, redirects, the sentence of each failure, and the backoff schedule through
// a ManualClock. The real misbehaving servers are in tests/integration (test_scraper_hostile.sh).
#include "TestHttpServer.h"
#include "auth/AccessTokenSource.h"
#include "auth/BearerAuthenticator.h"
#include "auth/BearerPolicy.h"
#include "core/Clock.h"
#include "metrics/Scraper.h"

#include <QFile>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslServer>
#include <QSslSocket>
#include <QTest>
#include <QTimer>

#include <array>
#include <chrono>
#include <cmath>
#include <memory>

using namespace sd;
using namespace std::chrono_literals;
using sd::test::TestHttpServer;
using Failure = ScrapeOutcome::Failure;

namespace {

const QDateTime kStart = QDateTime::fromString(QStringLiteral("2026-03-01T12:00:00.000Z"), Qt::ISODate);

QByteArray nodeBody()
{
    QFile file(QStringLiteral(STATIONDECK_TEST_DATA "/metrics/node_exporter.text-0.0.4.txt"));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read the node_exporter capture");
    return file.readAll();
}

// A body of about `bytes` valid text-format samples.
QByteArray paddingBody(qsizetype bytes)
{
    const QByteArray line("padding_total{index=\"0123456789\"} 1\n");
    return line.repeated(bytes / line.size() + 1);
}

std::uint32_t crc32(const QByteArray& data)
{
    std::uint32_t crc = 0xFFFFFFFFu;
    for (const char c : data) {
        crc ^= std::uint8_t(c);
        for (int k = 0; k < 8; ++k)
            crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
    }
    return ~crc;
}

// gzip (RFC 1952) around the raw deflate stream inside qCompress's zlib stream.
QByteArray gzip(const QByteArray& data)
{
    const QByteArray zlib = qCompress(data, 9).mid(4); // drop Qt's length prefix
    QByteArray out("\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff", 10);
    out += zlib.mid(2, zlib.size() - 6); // without the zlib header and Adler-32
    const std::uint32_t crc = crc32(data);
    const auto size = std::uint32_t(data.size());
    for (int i = 0; i < 4; ++i)
        out += char((crc >> (8 * i)) & 0xFF);
    for (int i = 0; i < 4; ++i)
        out += char((size >> (8 * i)) & 0xFF);
    return out;
}

// A stand-in for the Session (tested on its own): hands out a fixed token, or says signed out.
class FakeTokens final : public AccessTokenSource
{
public:
    QByteArray token = "tok-secret-123";
    bool signedOut = false;
    int asked = 0;
    void accessToken(std::function<void(Result<QByteArray>)> done) override
    {
        ++asked;
        if (signedOut)
            return done(Error(QStringLiteral("not signed in"), QStringLiteral("signed_out")));
        done(token);
    }
};

struct Rig
{
    ManualClock clock{kStart};
    Scraper scraper{clock};
    QList<ScrapeOutcome> outcomes;
    int drained = 0;

    Rig()
    {
        QObject::connect(&scraper, &Scraper::scraped, &scraper, [this](const ScrapeOutcome& o) { outcomes.append(o); });
        QObject::connect(&scraper, &Scraper::drained, &scraper, [this] { ++drained; });
    }

    ScrapeOutcome outcomeOf(const QString& station) const
    {
        for (const ScrapeOutcome& o : outcomes) {
            if (o.target.station == station)
                return o;
        }
        return {};
    }

    // Scrapes these targets once and waits for all of them.
    bool scrapeOnce(const QList<ScrapeTarget>& targets, int waitMs = 20000)
    {
        outcomes.clear();
        drained = 0;
        scraper.setTargets(targets);
        scraper.scrapeNow();
        return QTest::qWaitFor([this] { return drained > 0; }, waitMs);
    }
};

ScrapeTarget at(const QString& station, const QUrl& url, const QString& site = QStringLiteral("ktm"))
{
    return ScrapeTarget{station, site, url};
}

} // namespace

class TestScraper : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void sendsWhatPrometheusSendsAndReadsTheBody()
    {
        TestHttpServer server;
        const QByteArray body = nodeBody();
        server.on("/metrics", [&](QTcpSocket* s, const auto&) { server.respond(s, 200, body); });
        Rig rig;
        QVERIFY(rig.scrapeOnce({at(QStringLiteral("ktm-01"), server.url(QStringLiteral("/metrics")))}));
        QCOMPARE(rig.outcomes.size(), 1);
        const ScrapeOutcome o = rig.outcomes.front();
        QVERIFY2(o.ok(), qPrintable(o.error.message()));
        QCOMPARE(o.httpStatus, 200);
        QCOMPARE(o.bodyBytes, body.size());
        QCOMPARE(o.startedAt, kStart);
        QVERIFY(o.durationSeconds > 0);
        QVERIFY(o.raw.hasNode());
        QVERIFY(o.raw.nodeCpuCount > 0);
        QVERIFY(o.raw.memTotalBytes > o.raw.memAvailableBytes);
        QVERIFY(o.error.message().isEmpty());

        const auto& headers = server.requests().front().headers;
        QCOMPARE(server.requests().front().method, QByteArray("GET"));
        QCOMPARE(
            headers.value("accept"),
            QByteArray("application/openmetrics-text;version=1.0.0;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1"));
        QCOMPARE(headers.value("user-agent"), QByteArray("Stationdeck/" STATIONDECK_VERSION));
        QVERIFY(headers.value("accept-encoding").contains("gzip"));
        QVERIFY(!headers.contains("authorization"));
        QVERIFY(!headers.contains("cookie"));
    }

    void gzipIsDecodedAndKeepAliveReusesTheConnection()
    {
        TestHttpServer server;
        const QByteArray body = nodeBody();
        const QByteArray packed = gzip(body);
        QVERIFY(packed.size() < body.size() / 4);
        server.on("/metrics", [&](QTcpSocket* s, const auto&) {
            server.respond(s, 200, packed, "text/plain; version=0.0.4", {"Content-Encoding: gzip"});
        });
        Rig rig;
        const ScrapeTarget t = at(QStringLiteral("ktm-01"), server.url(QStringLiteral("/metrics")));
        for (int round = 0; round < 3; ++round) {
            QVERIFY(rig.scrapeOnce({t}));
            QVERIFY2(rig.outcomes.value(0).ok(), qPrintable(rig.outcomes.value(0).error.message()));
            QCOMPARE(rig.outcomes.value(0).bodyBytes, body.size()); // counted decoded
            QVERIFY(rig.outcomes.value(0).raw.hasNode());
        }
        QCOMPARE(server.requests().size(), 3);
        QCOMPARE(server.connections(), 1);
    }

    void noCookieIsKept()
    {
        TestHttpServer server;
        server.on("/metrics", [&](QTcpSocket* s, const auto&) {
            server.respond(s, 200, "up 1\n", "text/plain", {"Set-Cookie: session=abc; Path=/"});
        });
        Rig rig;
        const ScrapeTarget t = at(QStringLiteral("ktm-01"), server.url(QStringLiteral("/metrics")));
        QVERIFY(rig.scrapeOnce({t}));
        QVERIFY(rig.scrapeOnce({t}));
        QCOMPARE(server.requests().size(), 2);
        QVERIFY(!server.requests().at(1).headers.contains("cookie"));
    }

    void capsConcurrentRequests()
    {
        TestHttpServer server;
        server.on("/metrics", [&](QTcpSocket* s, const auto&) {
            QPointer<QTcpSocket> socket(s);
            QTimer::singleShot(400, &server, [&server, socket] {
                if (QTcpSocket* alive = socket.data())
                    server.respond(alive, 200, "up 1\n");
            });
        });
        Rig rig;
        rig.scraper.setMaxConcurrent(3);
        int mostRunning = 0;
        QObject::connect(&rig.scraper, &Scraper::scraped, &rig.scraper,
                         [&] { mostRunning = std::max(mostRunning, rig.scraper.running()); });
        QList<ScrapeTarget> targets;
        for (int i = 0; i < 12; ++i)
            targets.append(at(QStringLiteral("ktm-%1").arg(i), server.url(QStringLiteral("/metrics?n=%1").arg(i))));
        QVERIFY(rig.scrapeOnce(targets));
        QCOMPARE(rig.outcomes.size(), 12);
        for (const ScrapeOutcome& o : std::as_const(rig.outcomes))
            QVERIFY2(o.ok(), qPrintable(o.error.message()));
        QCOMPARE(server.maxOutstanding(), 3);
        QVERIFY(mostRunning <= 3);
        QCOMPARE(rig.scraper.running(), 0);
        QCOMPARE(rig.scraper.waiting(), 0);
    }

    void aBusyOriginDoesNotTakeEverySlot()
    {
        TestHttpServer proxy; // a site proxy that hangs
        TestHttpServer station;
        proxy.on("/hang", [](QTcpSocket*, const auto&) {});
        station.on("/metrics", [&](QTcpSocket* s, const auto&) { station.respond(s, 200, "up 1\n"); });
        Rig rig;
        rig.scraper.setMaxConcurrent(8);
        rig.scraper.setTimeout(1500ms);
        QList<ScrapeTarget> targets;
        for (int i = 0; i < 10; ++i)
            targets.append(at(QStringLiteral("behind-%1").arg(i), proxy.url(QStringLiteral("/hang?n=%1").arg(i))));
        targets.append(at(QStringLiteral("direct"), station.url(QStringLiteral("/metrics"))));
        rig.scraper.setTargets(targets);
        rig.scraper.scrapeNow();
        QCOMPARE(rig.scraper.running(), 7); // 6 to the proxy (its limit), then the station's
        QCOMPARE(rig.scraper.waiting(), 4);
        QVERIFY(QTest::qWaitFor([&] { return !rig.outcomes.isEmpty(); }, 10000));
        QCOMPARE(rig.outcomes.front().target.station, QStringLiteral("direct"));
        QVERIFY(rig.outcomes.front().ok());
        QVERIFY(QTest::qWaitFor([&] { return rig.drained > 0; }, 20000));
        QCOMPARE(rig.outcomes.size(), 11);
        QCOMPARE(proxy.maxOutstanding(), 6);
    }

    void theTotalDeadlineStopsATrickle()
    {
        TestHttpServer server;
        server.on("/drip", [&](QTcpSocket* s, const auto&) {
            TestHttpServer::head(s, 200, "text/plain");
            auto* timer = new QTimer(s);
            QObject::connect(timer, &QTimer::timeout, s, [s] { s->write("#"); });
            timer->start(50); // never silent long enough for an inactivity timeout
        });
        Rig rig;
        rig.scraper.setTimeout(600ms);
        QVERIFY(rig.scrapeOnce({at(QStringLiteral("ktm-01"), server.url(QStringLiteral("/drip")))}));
        const ScrapeOutcome o = rig.outcomes.value(0);
        QCOMPARE(o.failure, Failure::Timeout);
        QVERIFY(o.isUnreachable());
        QVERIFY2(o.error.message().startsWith(QStringLiteral("ktm-01: %1 did not finish its answer within 600 ms (")
                                                  .arg(server.url(QStringLiteral("/drip")).toString())),
                 qPrintable(o.error.message()));
        QCOMPARE(o.httpStatus, 200);
    }

    void aHangingEndpointHoldsOneSlotOnlyUntilItsDeadline()
    {
        TestHttpServer server;
        server.on("/hang", [](QTcpSocket*, const auto&) {});
        server.on("/metrics", [&](QTcpSocket* s, const auto&) { server.respond(s, 200, "up 1\n"); });
        Rig rig;
        rig.scraper.setTimeout(500ms);
        rig.scraper.setMaxConcurrent(1);
        const ScrapeTarget hang = at(QStringLiteral("hang"), server.url(QStringLiteral("/hang")));
        const ScrapeTarget good = at(QStringLiteral("good"), server.url(QStringLiteral("/metrics")));
        rig.scraper.setTargets({hang});
        rig.scraper.scrapeNow(); // the hanging one takes the only slot
        rig.scraper.setTargets({hang, good});
        rig.scraper.scrapeNow(); // the good one waits for it
        QCOMPARE(rig.scraper.running(), 1);
        QCOMPARE(rig.scraper.waiting(), 1);
        QVERIFY(QTest::qWaitFor([&] { return rig.outcomes.size() == 2; }, 20000));
        QCOMPARE(rig.outcomes.at(0).target.station, QStringLiteral("hang")); // the good one had to wait
        QCOMPARE(rig.outcomes.at(0).failure, Failure::Timeout);
        QCOMPARE(rig.outcomes.at(0).error.message(),
                 QStringLiteral("hang: %1 did not answer within 500 ms")
                     .arg(server.url(QStringLiteral("/hang")).toString()));
        QVERIFY(rig.outcomes.at(1).ok());

        rig.scraper.setMaxConcurrent(2); // with a slot of its own, the good one does not wait
        rig.scraper.setTimeout(3s);
        QVERIFY(rig.scrapeOnce({at(QStringLiteral("hang"), server.url(QStringLiteral("/hang"))),
                                at(QStringLiteral("good"), server.url(QStringLiteral("/metrics")))}));
        QCOMPARE(rig.outcomes.at(0).target.station, QStringLiteral("good"));
        QVERIFY(rig.outcomes.at(0).ok());
        QVERIFY(rig.outcomes.at(0).durationSeconds < rig.outcomes.at(1).durationSeconds);
    }

    void bodyLimit()
    {
        TestHttpServer server;
        const QByteArray big = paddingBody(300 * 1024).left(300 * 1024);
        server.on("/announced", [&](QTcpSocket* s, const auto&) { server.respond(s, 200, big); });
        server.on("/streamed", [&](QTcpSocket* s, const auto&) {
            TestHttpServer::head(s, 200, "text/plain", {"Connection: close"});
            s->write(big);
            s->disconnectFromHost();
        });
        const QByteArray packed = gzip(paddingBody(4 * 1024 * 1024));
        server.on("/packed", [&](QTcpSocket* s, const auto&) {
            server.respond(s, 200, packed, "text/plain", {"Content-Encoding: gzip"});
        });
        QVERIFY(packed.size() < 100 * 1024);
        Rig rig;
        rig.scraper.setBodyLimit(100 * 1024);
        QVERIFY(rig.scrapeOnce({at(QStringLiteral("announced"), server.url(QStringLiteral("/announced"))),
                                at(QStringLiteral("streamed"), server.url(QStringLiteral("/streamed"))),
                                at(QStringLiteral("packed"), server.url(QStringLiteral("/packed")))}));
        const ScrapeOutcome announced = rig.outcomeOf(QStringLiteral("announced"));
        QCOMPARE(announced.failure, Failure::Body);
        QVERIFY2(announced.error.message().endsWith(QStringLiteral(" announced 300 KiB; the limit is 100 KiB")),
                 qPrintable(announced.error.message()));
        for (const QString& name : {QStringLiteral("streamed"), QStringLiteral("packed")}) {
            const ScrapeOutcome o = rig.outcomeOf(name);
            QCOMPARE(o.failure, Failure::Body);
            QCOMPARE(o.error.message(),
                     QStringLiteral("%1: %2 sent more than 100 KiB; the limit is 100 KiB")
                         .arg(name, server.url(QLatin1Char('/') + name).toString()));
        }
    }

    void failureSentences_data()
    {
        QTest::addColumn<QByteArray>("path");
        QTest::addColumn<int>("failure");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("predicate");
        QTest::newRow("500") << QByteArray("/500") << int(Failure::Http) << 500
                             << QStringLiteral("answered HTTP 500 Internal Server Error");
        QTest::newRow("404") << QByteArray("/404") << int(Failure::Http) << 404
                             << QStringLiteral("answered HTTP 404 Not Found");
        QTest::newRow("html by type") << QByteArray("/html") << int(Failure::Body) << 200
                                      << QStringLiteral("sent an HTML page, not metrics");
        QTest::newRow("html by body") << QByteArray("/html-as-text") << int(Failure::Body) << 200
                                      << QStringLiteral("sent an HTML page, not metrics");
        QTest::newRow("syntax") << QByteArray("/garbage") << int(Failure::Body) << 200
                                << QStringLiteral("is not a metrics exposition: 3:1: ");
        QTest::newRow("truncated") << QByteArray("/truncated") << int(Failure::Body) << 200
                                   << QStringLiteral("closed the connection after ");
        QTest::newRow("closed") << QByteArray("/close") << int(Failure::Transport) << 0
                                << QStringLiteral("closed the connection without answering");
        QTest::newRow("redirect loop") << QByteArray("/loop") << int(Failure::Http) << 0
                                       << QStringLiteral("redirected more than 5 times (a redirect loop)");
        QTest::newRow("corrupt gzip") << QByteArray("/badgzip") << int(Failure::Body) << 200
                                      << QStringLiteral("sent a compressed body that does not decode: ");
        QTest::newRow("gzip cut short") << QByteArray("/shortgzip") << int(Failure::Body) << 200
                                        << QStringLiteral("sent a compressed body that ends early");
        QTest::newRow("encoding not asked for")
            << QByteArray("/brotli") << int(Failure::Body) << 200
            << QStringLiteral("sent a body encoded as \"br\", which was not asked for");
        QTest::newRow("other origin") << QByteArray("/away") << int(Failure::Http) << 0
                                      << QStringLiteral("redirected to another origin");
    }

    void failureSentences()
    {
        QFETCH(QByteArray, path);
        QFETCH(int, failure);
        QFETCH(int, status);
        QFETCH(QString, predicate);
        TestHttpServer server;
        TestHttpServer elsewhere;
        server.on("/500", [&](QTcpSocket* s, const auto&) { server.respond(s, 500, "broken\n", "text/plain"); });
        server.on("/html", [&](QTcpSocket* s, const auto&) {
            server.respond(s, 200, "<html><body>sign in</body></html>", "text/html; charset=utf-8");
        });
        server.on("/html-as-text", [&](QTcpSocket* s, const auto&) {
            server.respond(s, 200, "\n  <!DOCTYPE html><html></html>", "text/plain");
        });
        server.on("/garbage", [&](QTcpSocket* s, const auto&) { server.respond(s, 200, "a 1\nb 2\n{{{ 3\n"); });
        server.on("/truncated", [&](QTcpSocket* s, const auto&) {
            TestHttpServer::head(s, 200, "text/plain", {"Content-Length: 1000"});
            s->write("up 1\n");
            s->disconnectFromHost();
        });
        server.on("/close", [](QTcpSocket* s, const auto&) { s->disconnectFromHost(); });
        server.on("/badgzip", [&](QTcpSocket* s, const auto&) {
            server.respond(s, 200, QByteArray("\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff", 10) + "not deflate at all",
                           "text/plain", {"Content-Encoding: gzip"});
        });
        server.on("/shortgzip", [&](QTcpSocket* s, const auto&) {
            const QByteArray packed = gzip(nodeBody());
            server.respond(s, 200, packed.left(packed.size() / 2), "text/plain", {"Content-Encoding: gzip"});
        });
        server.on("/brotli", [&](QTcpSocket* s, const auto&) {
            server.respond(s, 200, "\x0b\x02\x80", "text/plain", {"Content-Encoding: br"});
        });
        server.on("/loop", [&](QTcpSocket* s, const auto&) {
            server.respond(s, 302, "again\n", "text/plain", {"Location: /loop"});
        });
        server.on("/away", [&](QTcpSocket* s, const auto&) {
            server.respond(s, 302, "there\n", "text/plain",
                           {"Location: " + elsewhere.url(QStringLiteral("/metrics")).toEncoded()});
        });
        Rig rig;
        const QUrl url = server.url(QString::fromLatin1(path));
        QVERIFY(rig.scrapeOnce({at(QStringLiteral("ktm-01"), url)}));
        const ScrapeOutcome o = rig.outcomes.value(0);
        QCOMPARE(int(o.failure), failure);
        QCOMPARE(o.httpStatus, status);
        const QString expected = QStringLiteral("ktm-01: %1 %2").arg(url.toString(), predicate);
        QVERIFY2(o.error.message().startsWith(expected),
                 qPrintable(o.error.message() + QStringLiteral(" / ") + expected));
        QVERIFY(o.error.sentence().endsWith(QLatin1Char('.')));
        QVERIFY(elsewhere.requests().isEmpty());
    }

    void refusedConnection()
    {
        QTcpServer closed;
        QVERIFY(closed.listen(QHostAddress::LocalHost, 0));
        const QUrl url(QStringLiteral("http://127.0.0.1:%1/metrics").arg(closed.serverPort()));
        closed.close();
        Rig rig;
        QVERIFY(rig.scrapeOnce({at(QStringLiteral("ktm-01"), url)}));
        const ScrapeOutcome o = rig.outcomes.value(0);
        QCOMPARE(o.failure, Failure::Transport);
        QVERIFY(o.isUnreachable());
        QCOMPARE(o.error.message(), QStringLiteral("ktm-01: %1 refused the connection").arg(url.toString()));
        QCOMPARE(o.error.code(), QStringLiteral("transport"));
    }

    void sameOriginRedirectIsFollowed()
    {
        TestHttpServer server;
        server.on("/moved", [&](QTcpSocket* s, const auto&) {
            server.respond(s, 302, "", "text/plain", {"Location: /metrics"});
        });
        server.on("/metrics", [&](QTcpSocket* s, const auto&) { server.respond(s, 200, nodeBody()); });
        Rig rig;
        QVERIFY(rig.scrapeOnce({at(QStringLiteral("ktm-01"), server.url(QStringLiteral("/moved")))}));
        QVERIFY2(rig.outcomes.value(0).ok(), qPrintable(rig.outcomes.value(0).error.message()));
        QVERIFY(rig.outcomes.value(0).raw.hasNode());
    }

    void sentencesNameNoSecretOfTheUrl()
    {
        TestHttpServer server;
        server.on("/500", [&](QTcpSocket* s, const auto&) { server.respond(s, 500, "broken\n", "text/plain"); });
        QUrl url = server.url(QStringLiteral("/500"));
        url.setUserName(QStringLiteral("scraper"));
        url.setPassword(QStringLiteral("hunter2"));
        url.setQuery(QStringLiteral("token=sekrit"));
        Rig rig;
        QVERIFY(rig.scrapeOnce({at(QStringLiteral("ktm-01"), url)}));
        const QString message = rig.outcomes.value(0).error.message();
        QCOMPARE(message,
                 QStringLiteral("ktm-01: %1 answered HTTP 500 Internal Server Error")
                     .arg(server.url(QStringLiteral("/500")).toString()));
    }

    void bearerTokenOnlyForProtectedUrls()
    {
        TestHttpServer server;
        server.on("/protected/metrics", [&](QTcpSocket* s, const auto&) { server.respond(s, 200, "up 1\n"); });
        server.on("/open/metrics", [&](QTcpSocket* s, const auto&) { server.respond(s, 200, "up 1\n"); });
        FakeTokens tokens;
        BearerAuthenticator authenticator(tokens);
        auto policy = BearerPolicy::create({server.url(QStringLiteral("/protected")).toString()}, {});
        QVERIFY2(policy.ok(), qPrintable(policy.ok() ? QString() : policy.error().message()));
        authenticator.setPolicy(policy.value());
        Rig rig;
        rig.scraper.setAuthenticator(&authenticator);
        const QList<ScrapeTarget> targets
            = {at(QStringLiteral("prot"), server.url(QStringLiteral("/protected/metrics"))),
               at(QStringLiteral("open"), server.url(QStringLiteral("/open/metrics")))};
        QVERIFY(rig.scrapeOnce(targets));
        QVERIFY(rig.outcomeOf(QStringLiteral("prot")).ok());
        QVERIFY(rig.outcomeOf(QStringLiteral("open")).ok());
        QCOMPARE(server.requests().size(), 2);
        for (const auto& request : server.requests()) {
            if (request.path.startsWith("/protected"))
                QCOMPARE(request.headers.value("authorization"), QByteArray("Bearer tok-secret-123"));
            else
                QVERIFY(!request.headers.contains("authorization"));
        }
        QCOMPARE(tokens.asked, 1);

        tokens.signedOut = true;
        QVERIFY(rig.scrapeOnce(targets));
        const ScrapeOutcome refused = rig.outcomeOf(QStringLiteral("prot"));
        QCOMPARE(refused.failure, Failure::Refused);
        QVERIFY(!refused.isUnreachable());
        QVERIFY2(
            refused.error.message().startsWith(QStringLiteral("prot: %1 was not asked: sign in to reach ")
                                                   .arg(server.url(QStringLiteral("/protected/metrics")).toString())),
            qPrintable(refused.error.message()));
        QVERIFY(rig.outcomeOf(QStringLiteral("open")).ok());
        QCOMPARE(server.requests().size(), 3); // nothing was sent for the refused one
        for (const ScrapeOutcome& o : std::as_const(rig.outcomes))
            QVERIFY(!o.error.message().contains(QLatin1String("tok-secret")));
    }

    void plainHttpToAProtectedRemoteHostIsRefused()
    {
        FakeTokens tokens;
        BearerAuthenticator authenticator(tokens);
        authenticator.setPolicy(BearerPolicy::create({QStringLiteral("*.example.net")}, {}).value());
        Rig rig;
        rig.scraper.setAuthenticator(&authenticator);
        const QUrl url(QStringLiteral("http://st1.example.net:9100/metrics"));
        QVERIFY(rig.scrapeOnce({at(QStringLiteral("st1"), url)}));
        QCOMPARE(rig.outcomes.value(0).failure, Failure::Refused);
        QVERIFY(rig.outcomes.value(0).error.message().startsWith(
            QStringLiteral("st1: http://st1.example.net:9100/metrics was not asked: not sending the sign-in token")));
        QCOMPARE(tokens.asked, 0);
    }

    void failuresBackOffOnTheScheduleAndASuccessReturnsToThePhase()
    {
        TestHttpServer server;
        int answered = 0;
        server.on("/flaky", [&](QTcpSocket* s, const auto&) {
            ++answered;
            if (answered <= 3)
                server.respond(s, 500, "not yet\n", "text/plain");
            else
                server.respond(s, 200, "up 1\n");
        });
        Rig rig;
        const ScrapeTarget t = at(QStringLiteral("ktm-01"), server.url(QStringLiteral("/flaky")));
        rig.scraper.setTargets({t});
        rig.scraper.start();
        const ScrapeSchedule& schedule = rig.scraper.schedule();
        const qint64 phase = schedule.phaseOffset(t.url).count();
        QCOMPARE(schedule.dueAt(t)->toMSecsSinceEpoch() % 15000, phase);
        QCOMPARE(rig.outcomes.size(), 0); // nothing before its phase
        for (int round = 1; round <= 4; ++round) {
            rig.clock.set(*schedule.dueAt(t));
            rig.scraper.poll();
            QVERIFY(QTest::qWaitFor([&] { return rig.outcomes.size() == round; }, 20000));
            const qint64 wait = schedule.dueAt(t)->toMSecsSinceEpoch() - rig.clock.now().toMSecsSinceEpoch();
            if (round <= 3) {
                QCOMPARE(rig.outcomes.last().failure, Failure::Http);
                QCOMPARE(schedule.failures(t), round);
                QCOMPARE(wait, schedule.backoff(t.url.toEncoded(), round).count());
            } else {
                QVERIFY(rig.outcomes.last().ok());
                QCOMPARE(schedule.failures(t), 0);
                QCOMPARE(schedule.dueAt(t)->toMSecsSinceEpoch() % 15000, phase); // back on its phase
                QVERIFY(wait > 0 && wait <= 15000);
            }
        }
        QCOMPARE(answered, 4);
        rig.scraper.stop();
    }

    void linkDownLeavesOneProbe()
    {
        TestHttpServer server;
        server.on("/metrics", [&](QTcpSocket* s, const auto&) { server.respond(s, 200, "up 1\n"); });
        Rig rig;
        QList<ScrapeTarget> site;
        for (int i = 0; i < 4; ++i)
            site.append(at(QStringLiteral("ktm-%1").arg(i), server.url(QStringLiteral("/metrics?n=%1").arg(i))));
        rig.scraper.setTargets(site);
        rig.scraper.start();
        rig.scraper.setSiteLinkDown(QStringLiteral("ktm"), true);
        QVERIFY(rig.scraper.schedule().isSiteLinkDown(QStringLiteral("ktm")));
        rig.clock.advanceSecs(3600);
        rig.scraper.poll();
        QVERIFY(QTest::qWaitFor([&] { return rig.outcomes.size() == 1; }, 20000));
        QTest::qWait(50);
        QCOMPARE(rig.outcomes.size(), 1); // one probe only
        rig.scraper.setSiteLinkDown(QStringLiteral("ktm"), false);
        QVERIFY(QTest::qWaitFor([&] { return rig.outcomes.size() == 5; }, 20000)); // all at once
        rig.scraper.stop();
    }

    void stopCancelsWithoutOutcomes()
    {
        TestHttpServer server;
        server.on("/hang", [](QTcpSocket*, const auto&) {});
        Rig rig;
        rig.scraper.setTimeout(300ms);
        const ScrapeTarget t = at(QStringLiteral("hang"), server.url(QStringLiteral("/hang")));
        rig.scraper.setTargets({t});
        rig.scraper.start();
        rig.scraper.scrapeNow();
        QVERIFY(QTest::qWaitFor([&] { return server.requests().size() == 1; }, 20000));
        rig.scraper.stop();
        QVERIFY(!rig.scraper.isRunning());
        QCOMPARE(rig.scraper.running(), 0);
        QVERIFY(!rig.scraper.schedule().isInFlight(t));
        QVERIFY(rig.scraper.schedule().dueAt(t).has_value());
        QTest::qWait(600);
        QVERIFY(rig.outcomes.isEmpty());
    }

    void removedTargetsAreDroppedWithoutOutcomes()
    {
        TestHttpServer server;
        server.on("/hang", [](QTcpSocket*, const auto&) {});
        server.on("/metrics", [&](QTcpSocket* s, const auto&) { server.respond(s, 200, "up 1\n"); });
        Rig rig;
        rig.scraper.setTimeout(300ms);
        const ScrapeTarget gone = at(QStringLiteral("gone"), server.url(QStringLiteral("/hang")));
        const ScrapeTarget kept = at(QStringLiteral("kept"), server.url(QStringLiteral("/metrics")));
        rig.scraper.setTargets({gone});
        rig.scraper.scrapeNow();
        QVERIFY(QTest::qWaitFor([&] { return server.requests().size() == 1; }, 20000));
        rig.scraper.setTargets({kept});
        QCOMPARE(rig.scraper.running(), 0);
        rig.scraper.scrapeNow();
        QVERIFY(QTest::qWaitFor([&] { return rig.drained > 0; }, 20000));
        QTest::qWait(500);
        QCOMPARE(rig.outcomes.size(), 1);
        QCOMPARE(rig.outcomes.front().target, kept);
    }

    // https: a server in this process with the test-only certificate (tests/data/tls); trusted
    // when its certificate is added to the default configuration, refused otherwise.
    void httpsWithTheSystemsTrustStore()
    {
        if (!QSslSocket::supportsSsl())
            QSKIP("this Qt has no TLS backend");
        const QList<QSslCertificate> certificates
            = QSslCertificate::fromPath(QStringLiteral(STATIONDECK_TEST_DATA "/tls/station.crt"));
        QCOMPARE(certificates.size(), 1);
        QFile keyFile(QStringLiteral(STATIONDECK_TEST_DATA "/tls/station.key"));
        QVERIFY(keyFile.open(QIODevice::ReadOnly));
        const QSslKey key(&keyFile, QSsl::Ec);
        QVERIFY(!key.isNull());
        QSslServer server;
        QSslConfiguration serverConfig = QSslConfiguration::defaultConfiguration();
        serverConfig.setLocalCertificate(certificates.front());
        serverConfig.setPrivateKey(key);
        server.setSslConfiguration(serverConfig);
        QVERIFY(server.listen(QHostAddress::LocalHost, 0));
        int requests = 0;
        QObject::connect(&server, &QTcpServer::pendingConnectionAvailable, &server, [&] {
            while (auto* socket = qobject_cast<QSslSocket*>(server.nextPendingConnection())) {
                QObject::connect(socket, &QSslSocket::readyRead, socket, [socket, &requests] {
                    if (!socket->readAll().contains("\r\n\r\n"))
                        return;
                    ++requests;
                    socket->write("HTTP/1.1 200 OK\r\nContent-Type: text/plain; version=0.0.4\r\n"
                                  "Content-Length: 5\r\n\r\nup 1\n");
                });
                QObject::connect(socket, &QSslSocket::disconnected, socket, &QObject::deleteLater);
            }
        });
        const QUrl url(QStringLiteral("https://127.0.0.1:%1/metrics").arg(server.serverPort()));

        const QSslConfiguration original = QSslConfiguration::defaultConfiguration();
        QSslConfiguration trusting = original;
        trusting.addCaCertificates(certificates);
        QSslConfiguration::setDefaultConfiguration(trusting);
        {
            Rig rig;
            const bool scraped = rig.scrapeOnce({at(QStringLiteral("ktm-01"), url)})
                && rig.scrapeOnce({at(QStringLiteral("ktm-01"), url)});
            QSslConfiguration::setDefaultConfiguration(original);
            QVERIFY(scraped);
            QVERIFY2(rig.outcomes.value(0).ok(), qPrintable(rig.outcomes.value(0).error.message()));
            QCOMPARE(rig.outcomes.value(0).bodyBytes, 5);
            QCOMPARE(requests, 2);
        }
        QSslConfiguration::setDefaultConfiguration(original);
        Rig rig;
        QVERIFY(rig.scrapeOnce({at(QStringLiteral("ktm-01"), url)}));
        const ScrapeOutcome o = rig.outcomes.value(0);
        QCOMPARE(o.failure, Failure::Transport);
        QCOMPARE(o.error.message(), QStringLiteral("ktm-01: %1 failed the TLS handshake").arg(url.toString()));
        QCOMPARE(requests, 2);
    }

    void scrapeNowWithoutTargetsDrainsAtOnce()
    {
        Rig rig;
        rig.scraper.scrapeNow();
        QCOMPARE(rig.drained, 1);
    }
};

QTEST_GUILESS_MAIN(TestScraper)
#include "tst_scraper.moc"
