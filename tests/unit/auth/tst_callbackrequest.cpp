// SPDX-License-Identifier: GPL-3.0-or-later
// CallbackRequest over request heads as browsers send them (targets captured from oidc-provider 9's
// redirects, header sets as Chromium and Firefox send them; see tests/data/oidc/README.md) and
// over what anything else that reaches 127.0.0.1 may send.
#include "auth/CallbackRequest.h"

#include <QFile>
#include <QTest>

using namespace sd;

using Kind = CallbackRequest::Kind;
Q_DECLARE_METATYPE(CallbackRequest::Kind)

namespace {

QByteArray captured(const QString& name)
{
    QFile file(QStringLiteral(STATIONDECK_TEST_DATA "/oidc/callback/") + name + QStringLiteral(".http"));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(file.fileName()));
    return file.readAll();
}

QByteArray get(const QByteArray& target)
{
    return "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1:53127\r\nAccept: */*";
}

} // namespace

class TestCallbackRequest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parse_data()
    {
        QTest::addColumn<QByteArray>("head");
        QTest::addColumn<Kind>("kind");
        QTest::addColumn<QString>("state");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("error");
        QTest::addColumn<QString>("description");
        QTest::addColumn<QString>("issuer");
        const QString none;

        QTest::newRow("Chromium: code (captured target)")
            << captured(QStringLiteral("chromium-code")) << Kind::Callback << QStringLiteral("st-captured-1")
            << QStringLiteral("PLACEHOLDER-CODE") << none << none << QStringLiteral("http://127.0.0.1:4000");
        QTest::newRow("Firefox: access_denied, '+' for spaces (captured target)")
            << captured(QStringLiteral("firefox-access_denied")) << Kind::Callback << QStringLiteral("st-captured-3")
            << none << QStringLiteral("access_denied") << QStringLiteral("End-User aborted interaction")
            << QStringLiteral("http://127.0.0.1:4000");
        QTest::newRow("Chromium: the favicon request that follows")
            << captured(QStringLiteral("chromium-favicon")) << Kind::WrongPath << none << none << none << none << none;
        QTest::newRow("Keycloak-style code with dots and dashes")
            << get("/callback?state=Qm9x&session_state=5f1e-77&iss=https%3A%2F%2Fsso.example.org%2Frealms%2Fops&code="
                   "8c1a5f2e-1b2c-4d3e.9f8a7b6c-5d4e-3f2a.1b2c3d4e")
            << Kind::Callback << QStringLiteral("Qm9x")
            << QStringLiteral("8c1a5f2e-1b2c-4d3e.9f8a7b6c-5d4e-3f2a.1b2c3d4e") << none << none
            << QStringLiteral("https://sso.example.org/realms/ops");
        QTest::newRow("percent-encoding")
            << get("/callback?code=abc%2Fdef%3D%3D&state=s%2Bt%20u") << Kind::Callback << QStringLiteral("s+t u")
            << QStringLiteral("abc/def==") << none << none << none;
        QTest::newRow("'+' is a space, %2B a plus")
            << get("/callback?error=access_denied&error_description=User+said+no%2Bmaybe&state=s") << Kind::Callback
            << QStringLiteral("s") << none << QStringLiteral("access_denied") << QStringLiteral("User said no+maybe")
            << none;
        QTest::newRow("UTF-8 in the description")
            << get("/callback?error=access_denied&error_description=Zugriff%20verweigert%20%E2%80%93%20%C3%BC&state=s")
            << Kind::Callback << QStringLiteral("s") << none << QStringLiteral("access_denied")
            << QStringLiteral("Zugriff verweigert – ü") << none;
        QTest::newRow("parameters without '=' or value")
            << get("/callback?code&state=&x") << Kind::Callback << none << none << none << none << none;
        QTest::newRow("unknown and repeated other parameters are fine")
            << get("/callback?code=c&state=s&session_state=a&session_state=b&&") << Kind::Callback
            << QStringLiteral("s") << QStringLiteral("c") << none << none << none;
        QTest::newRow("names are case-sensitive") << get("/callback?Code=x&STATE=y&code=c&state=s") << Kind::Callback
                                                  << QStringLiteral("s") << QStringLiteral("c") << none << none << none;
        QTest::newRow("absolute-form target") << get("http://127.0.0.1:1234/callback?code=c&state=s") << Kind::Callback
                                              << QStringLiteral("s") << QStringLiteral("c") << none << none << none;
        QTest::newRow("fragment ignored") << get("/callback?code=c&state=s#code=evil") << Kind::Callback
                                          << QStringLiteral("s") << QStringLiteral("c") << none << none << none;
        QTest::newRow("HTTP/1.0, request line only")
            << QByteArray("GET /callback?code=c&state=s HTTP/1.0") << Kind::Callback << QStringLiteral("s")
            << QStringLiteral("c") << none << none << none;
        QTest::newRow("encoded NUL stays in the value (compared, never shown)")
            << get("/callback?code=c%00d&state=s") << Kind::Callback << QStringLiteral("s")
            << QString::fromLatin1("c\0d", 3) << none << none << none;
        const QByteArray longCode(6000, 'x');
        QTest::newRow("very long code") << get("/callback?state=s&code=" + longCode) << Kind::Callback
                                        << QStringLiteral("s") << QString::fromLatin1(longCode) << none << none << none;

        QTest::newRow("duplicate state") << get("/callback?code=c&state=s&state=forged") << Kind::Ambiguous << none
                                         << none << none << none << none;
        QTest::newRow("duplicate state, one empty")
            << get("/callback?state=&code=c&state=s") << Kind::Ambiguous << none << none << none << none << none;
        QTest::newRow("duplicate code") << get("/callback?code=c&state=s&code=d") << Kind::Ambiguous << none << none
                                        << none << none << none;
        QTest::newRow("duplicate error") << get("/callback?state=s&error=a&error=b") << Kind::Ambiguous << none << none
                                         << none << none << none;
        QTest::newRow("duplicate state, one percent-encoded name")
            << get("/callback?state=s&%73tate=t&code=c") << Kind::Ambiguous << none << none << none << none << none;

        QTest::newRow("lowercase method") << QByteArray("get /callback?code=c&state=s HTTP/1.1\r\nHost: x")
                                          << Kind::BadMethod << none << none << none << none << none;
        QTest::newRow("POST") << QByteArray("POST /callback?code=c&state=s HTTP/1.1\r\nContent-Length: 0")
                              << Kind::BadMethod << none << none << none << none << none;
        QTest::newRow("HEAD") << QByteArray("HEAD /callback HTTP/1.1") << Kind::BadMethod << none << none << none
                              << none << none;
        QTest::newRow("CONNECT") << QByteArray("CONNECT 127.0.0.1:443 HTTP/1.1") << Kind::BadMethod << none << none
                                 << none << none << none;

        QTest::newRow("missing HTTP version")
            << QByteArray("GET /callback?code=c&state=s") << Kind::NotHttp << none << none << none << none << none;
        QTest::newRow("HTTP/2 preface") << QByteArray("PRI * HTTP/2.0") << Kind::NotHttp << none << none << none << none
                                        << none;
        QTest::newRow("two spaces") << QByteArray("GET  /callback?code=c&state=s HTTP/1.1") << Kind::NotHttp << none
                                    << none << none << none << none;
        QTest::newRow("TLS hello") << QByteArray("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03", 11) << Kind::NotHttp
                                   << none << none << none << none << none;
        QTest::newRow("empty") << QByteArray() << Kind::NotHttp << none << none << none << none << none;
        QTest::newRow("leading empty line") << QByteArray("\r\nGET /callback?code=c&state=s HTTP/1.1") << Kind::NotHttp
                                            << none << none << none << none << none;
        QTest::newRow("embedded NUL in the request line") << QByteArray("GET /callback?code=c\0&state=s HTTP/1.1", 38)
                                                          << Kind::NotHttp << none << none << none << none << none;
        QTest::newRow("very long request line")
            << get("/callback?x=" + QByteArray(100000, 'a') + "&code=c&state=s") << Kind::Callback
            << QStringLiteral("s") << QStringLiteral("c") << none << none << none;
        QTest::newRow("very long garbage")
            << QByteArray(100000, '\xff') << Kind::NotHttp << none << none << none << none << none;

        QTest::newRow("other path") << get("/callbacks?code=c&state=s") << Kind::WrongPath << none << none << none
                                    << none << none;
        QTest::newRow("trailing slash") << get("/callback/?code=c&state=s") << Kind::WrongPath << none << none << none
                                        << none << none;
        QTest::newRow("dot segments") << get("/x/../callback?code=c&state=s") << Kind::WrongPath << none << none << none
                                      << none << none;
        QTest::newRow("space-less garbage target")
            << get("/callback?code=<script>&state=s") << Kind::WrongPath << none << none << none << none << none;
        QTest::newRow("raw UTF-8 in the target")
            << get("/callback?code=\xc3\xbc&state=s") << Kind::NotHttp << none << none << none << none << none;
        QTest::newRow("asterisk") << QByteArray("GET * HTTP/1.1") << Kind::WrongPath << none << none << none << none
                                  << none;
    }
    void parse()
    {
        QFETCH(QByteArray, head);
        const CallbackRequest request = CallbackRequest::parse(head);
        QTEST(request.kind(), "kind");
        QTEST(request.state(), "state");
        QTEST(request.code(), "code");
        QTEST(request.error(), "error");
        QTEST(request.errorDescription(), "description");
        QTEST(request.issuer(), "issuer");
    }

    void ambiguousNamesTheParameter()
    {
        const auto request = CallbackRequest::parse(get("/callback?code=c&state=a&state=b"));
        QCOMPARE(request.kind(), Kind::Ambiguous);
        QCOMPARE(request.repeatedParameter(), QStringLiteral("state"));
        QCOMPARE(request.method(), QByteArray("GET"));
        QCOMPARE(request.path(), QStringLiteral("/callback"));
    }

    void methodAndPathOfOtherRequests()
    {
        const auto post = CallbackRequest::parse("POST /token HTTP/1.1");
        QCOMPARE(post.kind(), Kind::BadMethod);
        QCOMPARE(post.method(), QByteArray("POST"));
        const auto favicon = CallbackRequest::parse(captured(QStringLiteral("chromium-favicon")));
        QCOMPARE(favicon.path(), QStringLiteral("/favicon.ico"));
    }
};

QTEST_GUILESS_MAIN(TestCallbackRequest)
#include "tst_callbackrequest.moc"
