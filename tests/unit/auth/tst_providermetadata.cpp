// SPDX-License-Identifier: GPL-3.0-or-later
// ProviderMetadata over real discovery documents (captured from oidc-provider 9; Keycloak, Entra
// and Google shaped by hand, see tests/data/oidc/README.md) and over each of them broken in one
// way: what is accepted, and every refusal as a sentence naming the document and the field.
#include "auth/ProviderMetadata.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace sd;

namespace {

QByteArray discovery(const QString& name)
{
    QFile file(QStringLiteral(STATIONDECK_TEST_DATA "/oidc/discovery/") + name + QStringLiteral(".json"));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(file.fileName()));
    return file.readAll();
}

QJsonObject keycloak()
{
    return QJsonDocument::fromJson(discovery(QStringLiteral("keycloak-26"))).object();
}

// The Keycloak document with one member replaced (or removed, for an undefined value).
QByteArray keycloakWith(const QString& key, const QJsonValue& value)
{
    QJsonObject object = keycloak();
    if (value.isUndefined())
        object.remove(key);
    else
        object.insert(key, value);
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

const QString kKeycloak = QStringLiteral("https://sso.example.org/realms/ops");
const QUrl kKeycloakSource(QStringLiteral("https://sso.example.org/realms/ops/.well-known/openid-configuration"));

} // namespace

class TestProviderMetadata : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void acceptsRealDocuments_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("issuer");
        QTest::addColumn<QString>("tokenEndpoint");
        QTest::addColumn<QString>("jwksUri");
        QTest::addColumn<QString>("revocationEndpoint");
        QTest::addColumn<QString>("endSessionEndpoint");
        QTest::addColumn<QStringList>("methods");

        QTest::newRow("oidc-provider 9 on 127.0.0.1 (captured, plain http to loopback)")
            << QStringLiteral("oidc-provider-9") << QStringLiteral("http://127.0.0.1:4000")
            << QStringLiteral("http://127.0.0.1:4000/token") << QStringLiteral("http://127.0.0.1:4000/jwks")
            << QStringLiteral("http://127.0.0.1:4000/token/revocation")
            << QStringLiteral("http://127.0.0.1:4000/session/end") << QStringList{QStringLiteral("S256")};
        QTest::newRow("Keycloak realm (plain and S256)")
            << QStringLiteral("keycloak-26") << kKeycloak
            << kKeycloak + QStringLiteral("/protocol/openid-connect/token")
            << kKeycloak + QStringLiteral("/protocol/openid-connect/certs")
            << kKeycloak + QStringLiteral("/protocol/openid-connect/revoke")
            << kKeycloak + QStringLiteral("/protocol/openid-connect/logout")
            << QStringList{QStringLiteral("plain"), QStringLiteral("S256")};
        const QString tenant = QStringLiteral("https://login.microsoftonline.com/9188040d-6c67-4c5b-b112-36a304b66dad");
        QTest::newRow("Entra ID tenant (no code_challenge_methods_supported, no revocation)")
            << QStringLiteral("entra-tenant") << tenant + QStringLiteral("/v2.0")
            << tenant + QStringLiteral("/oauth2/v2.0/token") << tenant + QStringLiteral("/discovery/v2.0/keys")
            << QString() << tenant + QStringLiteral("/oauth2/v2.0/logout") << QStringList();
        QTest::newRow("Google (issuer without a path)")
            << QStringLiteral("google") << QStringLiteral("https://accounts.google.com")
            << QStringLiteral("https://oauth2.googleapis.com/token")
            << QStringLiteral("https://www.googleapis.com/oauth2/v3/certs")
            << QStringLiteral("https://oauth2.googleapis.com/revoke") << QString()
            << QStringList{QStringLiteral("plain"), QStringLiteral("S256")};
    }
    void acceptsRealDocuments()
    {
        QFETCH(QString, file);
        QFETCH(QString, issuer);
        const QUrl issuerUrl(issuer);
        const auto metadata
            = ProviderMetadata::parse(discovery(file), issuerUrl, ProviderMetadata::discoveryUrl(issuerUrl));
        QVERIFY2(metadata.ok(), qPrintable(metadata.ok() ? QString() : metadata.error().message()));
        QCOMPARE(metadata->issuer, issuerUrl);
        QTEST(metadata->tokenEndpoint.toString(), "tokenEndpoint");
        QTEST(metadata->jwksUri.toString(), "jwksUri");
        QTEST(metadata->revocationEndpoint.toString(), "revocationEndpoint");
        QTEST(metadata->endSessionEndpoint.toString(), "endSessionEndpoint");
        QTEST(metadata->codeChallengeMethods, "methods");
        QVERIFY(metadata->authorizationEndpoint.isValid() && !metadata->authorizationEndpoint.isRelative());
        QVERIFY(!metadata->userinfoEndpoint.isEmpty());
    }

    void refuses_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("issuer");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QStringList>("parts"); // each must appear in the message

        const QString source = kKeycloakSource.toString();
        QTest::newRow("issuer mismatch: configured with a trailing slash")
            << discovery(QStringLiteral("keycloak-26")) << kKeycloak + QStringLiteral("/")
            << QStringLiteral("issuer_mismatch")
            << QStringList{source, QStringLiteral("\"https://sso.example.org/realms/ops\""),
                           QStringLiteral("\"https://sso.example.org/realms/ops/\""),
                           QStringLiteral("remove the trailing slash from the configured issuer")};
        QTest::newRow("issuer mismatch: discovered with a trailing slash")
            << keycloakWith(QStringLiteral("issuer"), QString(kKeycloak + QStringLiteral("/"))) << kKeycloak
            << QStringLiteral("issuer_mismatch")
            << QStringList{QStringLiteral("add a trailing slash to the configured issuer")};
        QTest::newRow("issuer mismatch: another realm")
            << keycloakWith(QStringLiteral("issuer"), QStringLiteral("https://sso.example.org/realms/master"))
            << kKeycloak << QStringLiteral("issuer_mismatch")
            << QStringList{QStringLiteral("is for the issuer \"https://sso.example.org/realms/master\""),
                           QStringLiteral("not for the configured issuer \"https://sso.example.org/realms/ops\""),
                           QStringLiteral("must be identical")};
        QTest::newRow("issuer mismatch: Entra's multi-tenant 'common' document")
            << discovery(QStringLiteral("entra-common"))
            << QStringLiteral("https://login.microsoftonline.com/common/v2.0") << QStringLiteral("issuer_mismatch")
            << QStringList{QStringLiteral("\"https://login.microsoftonline.com/{tenantid}/v2.0\""),
                           QStringLiteral("\"https://login.microsoftonline.com/common/v2.0\"")};
        QTest::newRow("issuer mismatch: control characters in the discovered issuer are not echoed")
            << keycloakWith(QStringLiteral("issuer"), QStringLiteral("https://evil\r\n\x1b[2Jexample")) << kKeycloak
            << QStringLiteral("issuer_mismatch") << QStringList{QStringLiteral("\"https://evil [2Jexample\"")};
        QTest::newRow("no issuer") << keycloakWith(QStringLiteral("issuer"), QJsonValue::Undefined) << kKeycloak
                                   << QStringLiteral("malformed") << QStringList{QStringLiteral("has no \"issuer\"")};
        QTest::newRow("issuer is a number")
            << keycloakWith(QStringLiteral("issuer"), 42) << kKeycloak << QStringLiteral("malformed")
            << QStringList{QStringLiteral("has no \"issuer\" string")};
        QTest::newRow("missing token_endpoint")
            << keycloakWith(QStringLiteral("token_endpoint"), QJsonValue::Undefined) << kKeycloak
            << QStringLiteral("malformed") << QStringList{source, QStringLiteral("has no \"token_endpoint\"")};
        QTest::newRow("token_endpoint null")
            << keycloakWith(QStringLiteral("token_endpoint"), QJsonValue::Null) << kKeycloak
            << QStringLiteral("malformed") << QStringList{QStringLiteral("has no \"token_endpoint\"")};
        QTest::newRow("missing jwks_uri")
            << keycloakWith(QStringLiteral("jwks_uri"), QJsonValue::Undefined) << kKeycloak
            << QStringLiteral("malformed") << QStringList{QStringLiteral("has no \"jwks_uri\"")};
        QTest::newRow("missing authorization_endpoint")
            << keycloakWith(QStringLiteral("authorization_endpoint"), QJsonValue::Undefined) << kKeycloak
            << QStringLiteral("malformed") << QStringList{QStringLiteral("has no \"authorization_endpoint\"")};
        QTest::newRow("relative token_endpoint")
            << keycloakWith(QStringLiteral("token_endpoint"), QStringLiteral("/protocol/openid-connect/token"))
            << kKeycloak << QStringLiteral("malformed")
            << QStringList{QStringLiteral("\"token_endpoint\" that is not an absolute http(s) URL"),
                           QStringLiteral("\"/protocol/openid-connect/token\"")};
        QTest::newRow("token_endpoint is a list")
            << keycloakWith(QStringLiteral("token_endpoint"), QJsonArray{QStringLiteral("https://a/token")})
            << kKeycloak << QStringLiteral("malformed")
            << QStringList{QStringLiteral("\"token_endpoint\" that is not a string")};
        QTest::newRow("token_endpoint with another scheme")
            << keycloakWith(QStringLiteral("token_endpoint"), QStringLiteral("ftp://sso.example.org/token"))
            << kKeycloak << QStringLiteral("malformed") << QStringList{QStringLiteral("not an absolute http(s) URL")};
        QTest::newRow("token_endpoint with a fragment")
            << keycloakWith(QStringLiteral("token_endpoint"), QStringLiteral("https://sso.example.org/token#x"))
            << kKeycloak << QStringLiteral("malformed")
            << QStringList{QStringLiteral("\"token_endpoint\" with a fragment")};
        QTest::newRow("http token_endpoint to another host")
            << keycloakWith(QStringLiteral("token_endpoint"), QStringLiteral("http://sso.example.org/token"))
            << kKeycloak << QStringLiteral("insecure_endpoint")
            << QStringList{source, QStringLiteral("sends \"token_endpoint\" over plain http"),
                           QStringLiteral("(http://sso.example.org/token)")};
        QTest::newRow("http jwks_uri to a private address")
            << keycloakWith(QStringLiteral("jwks_uri"), QStringLiteral("http://10.0.0.7/certs")) << kKeycloak
            << QStringLiteral("insecure_endpoint") << QStringList{QStringLiteral("\"jwks_uri\"")};
        QTest::newRow("http to a name that merely starts with 127.0.0.1")
            << keycloakWith(QStringLiteral("token_endpoint"), QStringLiteral("http://127.0.0.1.nip.io/token"))
            << kKeycloak << QStringLiteral("insecure_endpoint") << QStringList{QStringLiteral("127.0.0.1.nip.io")};
        QTest::newRow("http optional end_session_endpoint is refused too")
            << keycloakWith(QStringLiteral("end_session_endpoint"), QStringLiteral("http://sso.example.org/logout"))
            << kKeycloak << QStringLiteral("insecure_endpoint")
            << QStringList{QStringLiteral("\"end_session_endpoint\"")};
        QTest::newRow("http revocation_endpoint (would carry refresh tokens)")
            << keycloakWith(QStringLiteral("revocation_endpoint"), QStringLiteral("http://sso.example.org/revoke"))
            << kKeycloak << QStringLiteral("insecure_endpoint")
            << QStringList{QStringLiteral("\"revocation_endpoint\"")};
        QTest::newRow("code_challenge_methods_supported without S256")
            << keycloakWith(QStringLiteral("code_challenge_methods_supported"), QJsonArray{QStringLiteral("plain")})
            << kKeycloak << QStringLiteral("pkce_unsupported")
            << QStringList{source, QStringLiteral("lists plain"), QStringLiteral("Stationdeck needs S256")};
        QTest::newRow("code_challenge_methods_supported empty")
            << keycloakWith(QStringLiteral("code_challenge_methods_supported"), QJsonArray{}) << kKeycloak
            << QStringLiteral("pkce_unsupported") << QStringList{QStringLiteral("lists none")};
        QTest::newRow("code_challenge_methods_supported with s256 in lower case")
            << keycloakWith(QStringLiteral("code_challenge_methods_supported"), QJsonArray{QStringLiteral("s256")})
            << kKeycloak << QStringLiteral("pkce_unsupported") << QStringList{QStringLiteral("lists s256")};
        QTest::newRow("code_challenge_methods_supported is a string")
            << keycloakWith(QStringLiteral("code_challenge_methods_supported"), QStringLiteral("S256")) << kKeycloak
            << QStringLiteral("malformed") << QStringList{QStringLiteral("is not a list")};
        QTest::newRow("code_challenge_methods_supported with a number")
            << keycloakWith(QStringLiteral("code_challenge_methods_supported"), QJsonArray{QStringLiteral("S256"), 1})
            << kKeycloak << QStringLiteral("malformed") << QStringList{QStringLiteral("entry that is not a string")};
        QTest::newRow("issuer with a query")
            << keycloakWith(QStringLiteral("issuer"), QString(kKeycloak + QStringLiteral("?tenant=x")))
            << kKeycloak + QStringLiteral("?tenant=x") << QStringLiteral("malformed")
            << QStringList{QStringLiteral("\"issuer\" with a query")};
        QTest::newRow("not JSON") << QByteArray("issuer: https://sso.example.org/realms/ops\n") << kKeycloak
                                  << QStringLiteral("malformed")
                                  << QStringList{source, QStringLiteral("is not JSON (at byte")};
        QTest::newRow("truncated JSON") << discovery(QStringLiteral("keycloak-26")).left(500) << kKeycloak
                                        << QStringLiteral("malformed") << QStringList{QStringLiteral("is not JSON")};
        QTest::newRow("JSON array") << QByteArray("[{\"issuer\":\"https://sso.example.org/realms/ops\"}]") << kKeycloak
                                    << QStringLiteral("malformed")
                                    << QStringList{QStringLiteral("is JSON but not an object")};
        QTest::newRow("JSON string (not JSON to QJsonDocument)")
            << QByteArray("\"https://sso.example.org/realms/ops\"") << kKeycloak << QStringLiteral("malformed")
            << QStringList{QStringLiteral("is not JSON")}; // Qt: objects and arrays only
        QTest::newRow("HTML login page")
            << QByteArray("\n  <!DOCTYPE html><html><head><title>Sign in to ops</title></head></html>") << kKeycloak
            << QStringLiteral("malformed")
            << QStringList{QStringLiteral("is an HTML page, not JSON (is the issuer URL right?)")};
        QTest::newRow("empty") << QByteArray(" \n") << kKeycloak << QStringLiteral("malformed")
                               << QStringList{QStringLiteral("is empty")};
        QByteArray huge = discovery(QStringLiteral("keycloak-26"));
        huge.insert(1, "\"padding\":\"" + QByteArray(1024 * 1024, 'x') + "\",");
        QTest::newRow("larger than 1 MB")
            << huge << kKeycloak << QStringLiteral("malformed") << QStringList{QStringLiteral("larger than 1 MB")};
    }
    void refuses()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, issuer);
        QFETCH(QString, code);
        QFETCH(QStringList, parts);
        const auto metadata = ProviderMetadata::parse(json, QUrl(issuer), kKeycloakSource);
        QVERIFY(!metadata.ok());
        const QString message = metadata.error().message();
        for (const QString& part : parts)
            QVERIFY2(message.contains(part), qPrintable(message));
        QCOMPARE(metadata.error().code(), code);
        for (const QChar c : message)
            QVERIFY2(c.category() != QChar::Other_Control, qPrintable(message));
        QVERIFY2(message.size() < 600, qPrintable(message));
    }

    void acceptsHttpOnlyToLoopback_data()
    {
        QTest::addColumn<QString>("base"); // issuer and every endpoint under it
        QTest::newRow("127.0.0.1") << QStringLiteral("http://127.0.0.1:8080/realms/a");
        QTest::newRow("127.0.0.0/8") << QStringLiteral("http://127.45.6.7/realms/a");
        QTest::newRow("localhost") << QStringLiteral("http://localhost:8080/realms/a");
        QTest::newRow("::1") << QStringLiteral("http://[::1]:8080/realms/a");
        QTest::newRow("https anywhere") << QStringLiteral("https://login.example.net:8443/realms/a");
    }
    void acceptsHttpOnlyToLoopback()
    {
        QFETCH(QString, base);
        QByteArray json = discovery(QStringLiteral("keycloak-26"));
        json.replace(kKeycloak.toUtf8(), base.toUtf8());
        const auto metadata = ProviderMetadata::parse(json, QUrl(base), ProviderMetadata::discoveryUrl(QUrl(base)));
        QVERIFY2(metadata.ok(), qPrintable(metadata.ok() ? QString() : metadata.error().message()));
        QCOMPARE(metadata->tokenEndpoint.toString(), base + QStringLiteral("/protocol/openid-connect/token"));
    }

    void isLoopback_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<bool>("loopback");
        QTest::newRow("127.0.0.1") << QStringLiteral("http://127.0.0.1:4000/token") << true;
        QTest::newRow("127.255.255.254") << QStringLiteral("http://127.255.255.254/") << true;
        QTest::newRow("localhost") << QStringLiteral("http://localhost/") << true;
        QTest::newRow("LOCALHOST") << QStringLiteral("http://LOCALHOST:1/") << true;
        QTest::newRow("::1") << QStringLiteral("http://[::1]:4000/") << true;
        QTest::newRow("https to 127.0.0.1") << QStringLiteral("https://127.0.0.1/") << true;
        QTest::newRow("128.0.0.1") << QStringLiteral("http://128.0.0.1/") << false;
        QTest::newRow("0.0.0.0") << QStringLiteral("http://0.0.0.0/") << false;
        QTest::newRow("::") << QStringLiteral("http://[::]/") << false;
        QTest::newRow("10.0.0.1") << QStringLiteral("http://10.0.0.1/") << false;
        QTest::newRow("localhost.example.org") << QStringLiteral("http://localhost.example.org/") << false;
        QTest::newRow("127.0.0.1.nip.io") << QStringLiteral("http://127.0.0.1.nip.io/") << false;
        QTest::newRow("user info that looks like a host")
            << QStringLiteral("http://127.0.0.1@sso.example.org/") << false;
        QTest::newRow("ftp to 127.0.0.1") << QStringLiteral("ftp://127.0.0.1/") << false;
        QTest::newRow("no scheme") << QStringLiteral("//127.0.0.1/") << false;
    }
    void isLoopback()
    {
        QFETCH(QString, url);
        QTEST(ProviderMetadata::isLoopback(QUrl(url)), "loopback");
    }

    void discoveryUrl_data()
    {
        QTest::addColumn<QString>("issuer");
        QTest::addColumn<QString>("expected");
        QTest::newRow("host only") << QStringLiteral("https://accounts.google.com")
                                   << QStringLiteral("https://accounts.google.com/.well-known/openid-configuration");
        QTest::newRow("host and slash") << QStringLiteral("https://accounts.google.com/")
                                        << QStringLiteral(
                                               "https://accounts.google.com/.well-known/openid-configuration");
        QTest::newRow("path") << kKeycloak << kKeycloak + QStringLiteral("/.well-known/openid-configuration");
        QTest::newRow("path and slash (not doubled)")
            << kKeycloak + QStringLiteral("/") << kKeycloak + QStringLiteral("/.well-known/openid-configuration");
        QTest::newRow("port and loopback") << QStringLiteral("http://127.0.0.1:4000")
                                           << QStringLiteral("http://127.0.0.1:4000/.well-known/openid-configuration");
        QTest::newRow("Entra v2.0") << QStringLiteral("https://login.microsoftonline.com/9188040d/v2.0")
                                    << QStringLiteral("https://login.microsoftonline.com/9188040d/v2.0/.well-known/"
                                                      "openid-configuration");
        QTest::newRow("percent-encoded path kept")
            << QStringLiteral("https://sso.example.org/realms/ops%20team/")
            << QStringLiteral("https://sso.example.org/realms/ops%20team/.well-known/openid-configuration");
    }
    void discoveryUrl()
    {
        QFETCH(QString, issuer);
        QTEST(ProviderMetadata::discoveryUrl(QUrl(issuer)).toString(QUrl::FullyEncoded), "expected");
    }
};

QTEST_GUILESS_MAIN(TestProviderMetadata)
#include "tst_providermetadata.moc"
