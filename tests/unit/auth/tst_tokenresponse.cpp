// SPDX-License-Identifier: GPL-3.0-or-later
// TokenResponse over the token endpoint answers captured from oidc-provider 9 (successes with
// placeholder tokens, and its real OAuth errors; see tests/data/oidc/README.md) and over answers a
// misbehaving provider or a proxy gives. No error message may ever contain a token.
#include "auth/TokenResponse.h"

#include <QDir>
#include <QFile>
#include <QTest>

using namespace sd;

namespace {

const QUrl kEndpoint(QStringLiteral("https://sso.example.org/realms/ops/protocol/openid-connect/token"));
// Every body below that carries a token carries these; no message may contain them.
const QByteArray kAccess = "eyJhbGciOiJSUzI1NiJ9.SECRET-ACCESS-TOKEN.c2lnbmF0dXJl";
const QByteArray kRefresh = "SECRET-REFRESH-TOKEN-8f3a";
const QByteArray kId = "eyJhbGciOiJFUzI1NiJ9.SECRET-ID-TOKEN.c2ln";

struct HttpAnswer
{
    int status = 0;
    QByteArray contentType;
    QByteArray body;
};

// A captured answer: "HTTP/1.1 400 Bad Request", "Content-Type: …", blank line, body.
HttpAnswer captured(const QString& name)
{
    QFile file(QStringLiteral(STATIONDECK_TEST_DATA "/oidc/token/") + name + QStringLiteral(".http"));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(file.fileName()));
    const QByteArray text = file.readAll();
    const qsizetype headEnd = text.indexOf("\r\n\r\n");
    HttpAnswer answer;
    const QList<QByteArray> lines = text.left(headEnd).split('\n');
    answer.status = lines.first().split(' ').value(1).toInt();
    for (const QByteArray& line : lines) {
        if (line.toLower().startsWith("content-type:"))
            answer.contentType = line.mid(13).trimmed();
    }
    answer.body = text.mid(headEnd + 4);
    return answer;
}

QByteArray ok(const QByteArray& members)
{
    return "{\"access_token\":\"" + kAccess + "\",\"token_type\":\"Bearer\"" + (members.isEmpty() ? "" : ",") + members
        + "}";
}

const QByteArray kJson = "application/json;charset=UTF-8";

} // namespace

class TestTokenResponse : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void capturedAnswers_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("code"); // empty: success
        QTest::addColumn<QString>("message");
        const QString at = kEndpoint.toString();
        QTest::newRow("authorization code redeemed") << QStringLiteral("ok-code") << QString() << QString();
        QTest::newRow("refresh") << QStringLiteral("ok-refresh") << QString() << QString();
        QTest::newRow("bogus code")
            << QStringLiteral("error-invalid_grant-bogus-code") << QStringLiteral("invalid_grant")
            << QStringLiteral("the identity provider refused the request at %1: invalid_grant — grant request is "
                              "invalid")
                   .arg(at);
        QTest::newRow("code used twice") << QStringLiteral("error-invalid_grant-code-reused")
                                         << QStringLiteral("invalid_grant") << QStringLiteral("invalid_grant —");
        QTest::newRow("wrong PKCE verifier") << QStringLiteral("error-invalid_grant-pkce")
                                             << QStringLiteral("invalid_grant") << QStringLiteral("invalid_grant —");
        QTest::newRow("bogus refresh token") << QStringLiteral("error-invalid_grant-bogus-refresh")
                                             << QStringLiteral("invalid_grant") << QStringLiteral("invalid_grant —");
        QTest::newRow("missing code") << QStringLiteral("error-invalid_request-missing-code")
                                      << QStringLiteral("invalid_request")
                                      << QStringLiteral("invalid_request — missing required parameter 'code'");
        QTest::newRow("password grant") << QStringLiteral("error-unsupported_grant_type")
                                        << QStringLiteral("unsupported_grant_type")
                                        << QStringLiteral("unsupported_grant_type — unsupported grant_type requested");
        QTest::newRow("unknown client (401)")
            << QStringLiteral("error-invalid_client") << QStringLiteral("invalid_client")
            << QStringLiteral("invalid_client — client authentication failed");
        QTest::newRow("GET on the token endpoint (404 text/plain)")
            << QStringLiteral("get-on-token-endpoint") << QStringLiteral("malformed")
            << QStringLiteral("the token endpoint %1 answered HTTP 404").arg(at);
    }
    void capturedAnswers()
    {
        QFETCH(QString, file);
        QFETCH(QString, code);
        QFETCH(QString, message);
        const HttpAnswer answer = captured(file);
        const auto response = TokenResponse::parse(answer.status, answer.contentType, answer.body, kEndpoint);
        if (code.isEmpty()) {
            QVERIFY2(response.ok(), qPrintable(response.ok() ? QString() : response.error().message()));
            QCOMPARE(response->accessToken, QByteArray("PLACEHOLDER-ACCESS-TOKEN"));
            QCOMPARE(response->refreshToken, QByteArray("PLACEHOLDER-REFRESH-TOKEN"));
            QCOMPARE(response->idToken, QByteArray("PLACEHOLDER-ID-TOKEN"));
            QCOMPARE(response->expiresIn, qint64(3600));
            QCOMPARE(response->scope, QString::fromLatin1("openid offline_access profile").split(QLatin1Char(' ')));
            return;
        }
        QVERIFY(!response.ok());
        QCOMPARE(response.error().code(), code);
        QVERIFY2(response.error().message().contains(message), qPrintable(response.error().message()));
    }

    void everyCapturedAnswerIsARow()
    {
        const QStringList files = QDir(QStringLiteral(STATIONDECK_TEST_DATA "/oidc/token"))
                                      .entryList({QStringLiteral("*.http")}, QDir::Files);
        QCOMPARE(files.size(), 10);
    }

    void accepts_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QByteArray>("refresh");
        QTest::addColumn<QByteArray>("id");
        QTest::addColumn<qint64>("expiresIn");
        QTest::addColumn<QStringList>("scope");
        QTest::newRow("everything") << ok("\"expires_in\":300,\"refresh_token\":\"" + kRefresh + "\",\"id_token\":\""
                                          + kId + "\",\"scope\":\"openid  profile\"")
                                    << kRefresh << kId << qint64(300)
                                    << QStringList{QStringLiteral("openid"), QStringLiteral("profile")};
        QTest::newRow("no refresh token, no id token")
            << ok("\"expires_in\":3600") << QByteArray() << QByteArray() << qint64(3600) << QStringList();
        QTest::newRow("refresh without id token (a refresh may omit it)")
            << ok("\"refresh_token\":\"" + kRefresh + "\"") << kRefresh << QByteArray() << qint64(-1) << QStringList();
        QTest::newRow("nulls are absent") << ok("\"refresh_token\":null,\"id_token\":null,\"expires_in\":null")
                                          << QByteArray() << QByteArray() << qint64(-1) << QStringList();
        QTest::newRow("token_type bearer in lower case")
            << QByteArray("{\"access_token\":\"" + kAccess + "\",\"token_type\":\"bearer\",\"expires_in\":60}")
            << QByteArray() << QByteArray() << qint64(60) << QStringList();
        QTest::newRow("token_type BEARER")
            << QByteArray("{\"token_type\":\"BEARER\",\"access_token\":\"" + kAccess + "\"}") << QByteArray()
            << QByteArray() << qint64(-1) << QStringList();
        QTest::newRow("expires_in written as 3.6e3")
            << ok("\"expires_in\":3.6e3") << QByteArray() << QByteArray() << qint64(3600) << QStringList();
        QTest::newRow("unknown members ignored")
            << ok("\"not-before-policy\":0,\"session_state\":\"x\",\"refresh_expires_in\":1800") << QByteArray()
            << QByteArray() << qint64(-1) << QStringList();
        QTest::newRow("leading whitespace and BOM-less UTF-8 scope")
            << QByteArray("\n  ") + ok("\"scope\":\"openid stationdeck:operate\"") << QByteArray() << QByteArray()
            << qint64(-1) << QStringList{QStringLiteral("openid"), QStringLiteral("stationdeck:operate")};
    }
    void accepts()
    {
        QFETCH(QByteArray, body);
        const auto response = TokenResponse::parse(200, kJson, body, kEndpoint);
        QVERIFY2(response.ok(), qPrintable(response.ok() ? QString() : response.error().message()));
        QCOMPARE(response->accessToken, kAccess);
        QTEST(response->refreshToken, "refresh");
        QTEST(response->idToken, "id");
        QTEST(response->expiresIn, "expiresIn");
        QTEST(response->scope, "scope");
    }

    void refuses_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("contentType");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QStringList>("parts");

        const QString at = kEndpoint.toString();
        const QByteArray tokens = "\"refresh_token\":\"" + kRefresh + "\",\"id_token\":\"" + kId + "\"";
        QTest::newRow("token_type mac") << 200 << kJson
                                        << QByteArray("{\"access_token\":\"" + kAccess
                                                      + "\",\"token_type\":\"mac\",\"mac_key\":\"k\"," + tokens + "}")
                                        << QStringLiteral("malformed")
                                        << QStringList{at, QStringLiteral("issued a token of type \"mac\""),
                                                       QStringLiteral("only Bearer")};
        QTest::newRow("token_type DPoP") << 200 << kJson
                                         << QByteArray("{\"access_token\":\"" + kAccess + "\",\"token_type\":\"DPoP\"}")
                                         << QStringLiteral("malformed") << QStringList{QStringLiteral("\"DPoP\"")};
        QTest::newRow("token_type missing")
            << 200 << kJson << QByteArray("{\"access_token\":\"" + kAccess + "\"," + tokens + "}")
            << QStringLiteral("malformed") << QStringList{QStringLiteral("without a \"token_type\"")};
        QTest::newRow("token_type that is the token itself")
            << 200 << kJson << QByteArray("{\"access_token\":\"" + kAccess + "\",\"token_type\":1}")
            << QStringLiteral("malformed") << QStringList{QStringLiteral("without a \"token_type\" string")};
        QTest::newRow("expires_in negative")
            << 200 << kJson << ok("\"expires_in\":-3600," + tokens) << QStringLiteral("malformed")
            << QStringList{QStringLiteral("\"expires_in\" that is not a whole number "
                                          "of seconds greater than zero")};
        QTest::newRow("expires_in zero") << 200 << kJson << ok("\"expires_in\":0," + tokens)
                                         << QStringLiteral("malformed") << QStringList{QStringLiteral("expires_in")};
        QTest::newRow("expires_in string (as Azure AD v1 sent it)")
            << 200 << kJson << ok("\"expires_in\":\"3599\"," + tokens) << QStringLiteral("malformed")
            << QStringList{QStringLiteral("expires_in")};
        QTest::newRow("expires_in fraction") << 200 << kJson << ok("\"expires_in\":0.5") << QStringLiteral("malformed")
                                             << QStringList{QStringLiteral("expires_in")};
        QTest::newRow("expires_in absurd") << 200 << kJson << ok("\"expires_in\":1e300") << QStringLiteral("malformed")
                                           << QStringList{QStringLiteral("expires_in")};
        QTest::newRow("expires_in true") << 200 << kJson << ok("\"expires_in\":true") << QStringLiteral("malformed")
                                         << QStringList{QStringLiteral("expires_in")};
        QTest::newRow("access_token missing")
            << 200 << kJson << QByteArray("{\"token_type\":\"Bearer\"," + tokens + "}") << QStringLiteral("malformed")
            << QStringList{QStringLiteral("without an \"access_token\"")};
        QTest::newRow("access_token empty")
            << 200 << kJson << QByteArray("{\"access_token\":\"\",\"token_type\":\"Bearer\"}")
            << QStringLiteral("malformed") << QStringList{QStringLiteral("not a non-empty string")};
        QTest::newRow("access_token an object")
            << 200 << kJson
            << QByteArray("{\"access_token\":{\"value\":\"" + kAccess + "\"},\"token_type\":\"Bearer\"}")
            << QStringLiteral("malformed") << QStringList{QStringLiteral("\"access_token\"")};
        QTest::newRow("refresh_token a number")
            << 200 << kJson << ok("\"refresh_token\":12345") << QStringLiteral("malformed")
            << QStringList{QStringLiteral("non-string value for \"refresh_token\"")};
        QTest::newRow("id_token a list") << 200 << kJson << ok("\"id_token\":[\"" + kId + "\"]")
                                         << QStringLiteral("malformed")
                                         << QStringList{QStringLiteral("non-string value for \"id_token\"")};
        QTest::newRow("scope a list") << 200 << kJson << ok("\"scope\":[\"openid\"]") << QStringLiteral("malformed")
                                      << QStringList{QStringLiteral("\"scope\"")};

        QTest::newRow("400 invalid_grant")
            << 400 << kJson << QByteArray("{\"error\":\"invalid_grant\",\"error_description\":\"Token is not active\"}")
            << QStringLiteral("invalid_grant")
            << QStringList{QStringLiteral("the identity provider refused the request at %1: invalid_grant — Token is "
                                          "not active")
                               .arg(at)};
        QTest::newRow("400 invalid_grant without a description")
            << 400 << kJson << QByteArray("{\"error\":\"invalid_grant\"}") << QStringLiteral("invalid_grant")
            << QStringList{QStringLiteral("refused the request at %1: invalid_grant").arg(at)};
        QTest::newRow("400 description with control characters and bidi overrides")
            << 400 << kJson
            << QByteArray(
                   "{\"error\":\"invalid_grant\",\"error_description\":\"Session\\r\\nX-Injected: 1\\u0007\\u001b"
                   "[31m expired\\u202egnp.exe\\u0000\"}")
            << QStringLiteral("invalid_grant")
            << QStringList{QStringLiteral("invalid_grant — Session X-Injected: 1 [31m expired gnp.exe")};
        QTest::newRow("400 description of 10 KB")
            << 400 << kJson
            << QByteArray("{\"error\":\"invalid_grant\",\"error_description\":\"" + QByteArray(10 * 1024, 'A') + "\"}")
            << QStringLiteral("invalid_grant")
            << QStringList{QStringLiteral("invalid_grant — ") + QString(199, QLatin1Char('A')) + QChar(0x2026)};
        QTest::newRow("400 error with control characters")
            << 400 << kJson << QByteArray("{\"error\":\"invalid_grant\\n\\u0000evil\"}")
            << QStringLiteral("invalid_grant evil") << QStringList{QStringLiteral(": invalid_grant evil")};
        QTest::newRow("400 without error")
            << 400 << kJson << QByteArray("{\"message\":\"bad\"}") << QStringLiteral("malformed")
            << QStringList{QStringLiteral("answered HTTP 400 without an OAuth \"error\"")};
        QTest::newRow("400 error a number")
            << 400 << kJson << QByteArray("{\"error\":400}") << QStringLiteral("malformed")
            << QStringList{QStringLiteral("without an OAuth \"error\"")};
        QTest::newRow("401 invalid_client")
            << 401 << kJson << QByteArray("{\"error\":\"invalid_client\"}") << QStringLiteral("invalid_client")
            << QStringList{QStringLiteral(": invalid_client")};
        QTest::newRow("200 with an error and no token (GitHub)")
            << 200 << QByteArray("application/json; charset=utf-8")
            << QByteArray("{\"error\":\"bad_verification_code\",\"error_description\":\"The code passed is incorrect "
                          "or expired.\",\"error_uri\":\"https://docs.github.com/apps\"}")
            << QStringLiteral("bad_verification_code")
            << QStringList{QStringLiteral("bad_verification_code — The code passed is incorrect or expired.")};

        QTest::newRow("500") << 500 << kJson << QByteArray("{\"error\":\"server_error\"}")
                             << QStringLiteral("unavailable")
                             << QStringList{at, QStringLiteral("unavailable right now (HTTP 500)")};
        QTest::newRow("502 from a proxy, HTML")
            << 502 << QByteArray("text/html") << QByteArray("<html><body>Bad Gateway</body></html>")
            << QStringLiteral("unavailable") << QStringList{QStringLiteral("502")};
        QTest::newRow("503 empty") << 503 << QByteArray() << QByteArray() << QStringLiteral("unavailable")
                                   << QStringList{QStringLiteral("503")};
        QTest::newRow("429") << 429 << kJson << QByteArray("{\"error\":\"slow_down\"}") << QStringLiteral("unavailable")
                             << QStringList{QStringLiteral("HTTP 429"), QStringLiteral("try again")};

        QTest::newRow("0: nothing came back") << 0 << QByteArray() << QByteArray() << QStringLiteral("malformed")
                                              << QStringList{at, QStringLiteral("sent no answer")};
        QTest::newRow("200 empty") << 200 << kJson << QByteArray() << QStringLiteral("malformed")
                                   << QStringList{QStringLiteral("answered HTTP 200 with an empty answer")};
        QTest::newRow("200 whitespace") << 200 << kJson << QByteArray(" \r\n") << QStringLiteral("malformed")
                                        << QStringList{QStringLiteral("an empty answer")};
        QTest::newRow("200 HTML page (text/html)")
            << 200 << QByteArray("text/html; charset=utf-8")
            << QByteArray("<!DOCTYPE html><html><head><title>Sign in</title></head><body>" + kAccess + "</body></html>")
            << QStringLiteral("malformed")
            << QStringList{QStringLiteral("the token endpoint %1 answered with an HTML page, not JSON (is the issuer "
                                          "URL right?)")
                               .arg(at)};
        QTest::newRow("200 HTML page sent as JSON")
            << 200 << kJson << QByteArray("\xEF\xBB\xBF\n<html><body>Welcome</body></html>")
            << QStringLiteral("malformed") << QStringList{QStringLiteral("an HTML page")};
        QTest::newRow("200 JSON labelled text/html")
            << 200 << QByteArray("Text/HTML") << ok(tokens) << QStringLiteral("malformed")
            << QStringList{QStringLiteral("an HTML page")};
        QTest::newRow("400 HTML error page")
            << 400 << QByteArray("text/html") << QByteArray("<html><h1>400 Bad Request</h1></html>")
            << QStringLiteral("malformed") << QStringList{QStringLiteral("HTML page")};
        QTest::newRow("200 not JSON") << 200 << QByteArray("text/plain")
                                      << QByteArray("access_token=" + kAccess + "&token_type=bearer")
                                      << QStringLiteral("malformed")
                                      << QStringList{QStringLiteral("answered HTTP 200 with something that is not "
                                                                    "JSON (at byte")};
        QTest::newRow("200 truncated JSON") << 200 << kJson << ok(tokens).left(40) << QStringLiteral("malformed")
                                            << QStringList{QStringLiteral("not JSON")};
        QTest::newRow("200 JSON array") << 200 << kJson << QByteArray("[" + ok(tokens) + "]")
                                        << QStringLiteral("malformed")
                                        << QStringList{QStringLiteral("JSON that is not an object")};
        QTest::newRow("200 JSON string (not JSON to QJsonDocument)")
            << 200 << kJson << QByteArray("\"" + kAccess + "\"") << QStringLiteral("malformed")
            << QStringList{QStringLiteral("not JSON")};
        QByteArray huge = ok(tokens);
        huge.insert(1, "\"padding\":\"" + QByteArray(1024 * 1024, 'x') + "\",");
        QTest::newRow("200 larger than 1 MB")
            << 200 << kJson << huge << QStringLiteral("malformed") << QStringList{QStringLiteral("more than 1 MB")};
        QTest::newRow("302 to a login page")
            << 302 << QByteArray("text/html") << QByteArray() << QStringLiteral("malformed")
            << QStringList{QStringLiteral("answered HTTP 302")};
        QTest::newRow("403 with an OAuth error")
            << 403 << kJson << QByteArray("{\"error\":\"access_denied\"}") << QStringLiteral("access_denied")
            << QStringList{QStringLiteral("refused the request at %1: access_denied").arg(at)};
        QTest::newRow("404 HTML page") << 404 << QByteArray("text/html") << QByteArray("<html>Not Found</html>")
                                       << QStringLiteral("malformed")
                                       << QStringList{QStringLiteral("answered HTTP 404"),
                                                      QStringLiteral("is the token endpoint URL right?")};
        QTest::newRow("405 JSON without error")
            << 405 << kJson << QByteArray("{\"message\":\"" + kAccess + "\"}") << QStringLiteral("malformed")
            << QStringList{QStringLiteral("answered HTTP 405")};
        QTest::newRow("201") << 201 << kJson << ok(tokens) << QStringLiteral("malformed")
                             << QStringList{QStringLiteral("answered HTTP 201")};
    }
    void refuses()
    {
        QFETCH(int, status);
        QFETCH(QByteArray, contentType);
        QFETCH(QByteArray, body);
        QFETCH(QString, code);
        QFETCH(QStringList, parts);
        const auto response = TokenResponse::parse(status, contentType, body, kEndpoint);
        QVERIFY(!response.ok());
        const QString message = response.error().message();
        QCOMPARE(response.error().code(), code);
        for (const QString& part : parts)
            QVERIFY2(message.contains(part), qPrintable(message));
        // No token, and nothing that could end the line or reorder it.
        for (const QByteArray& secret : {kAccess, kRefresh, kId}) {
            QVERIFY2(!message.contains(QString::fromLatin1(secret)), qPrintable(message));
            QVERIFY2(!message.contains(QStringLiteral("SECRET")), qPrintable(message));
        }
        for (const QChar c : message) {
            QVERIFY2(c.category() != QChar::Other_Control && c.category() != QChar::Other_Format, qPrintable(message));
        }
        QVERIFY2(message.size() < 400, qPrintable(message));
    }
};

QTEST_GUILESS_MAIN(TestTokenResponse)
#include "tst_tokenresponse.moc"
