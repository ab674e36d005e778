// SPDX-License-Identifier: GPL-3.0-or-later
// IdTokenVerifier against tokens signed with real OpenSSL keys: what is accepted, and every
// forgery or mismatch refused with a sentence that says which check failed.
#include "TokenSigner.h"
#include "auth/Base64Url.h"
#include "auth/IdTokenVerifier.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace sd;

namespace {

const QDateTime kNow = QDateTime::fromString(QStringLiteral("2026-11-30T20:00:00Z"), Qt::ISODate);
const QString kIssuer = QStringLiteral("http://127.0.0.1:4000");
const QString kClient = QStringLiteral("stationdeck");
const QString kNonce = QStringLiteral("n-0S6_WzA2Mj");

QJsonObject claims()
{
    return {{QStringLiteral("iss"), kIssuer},
            {QStringLiteral("aud"), kClient},
            {QStringLiteral("sub"), QStringLiteral("alice")},
            {QStringLiteral("name"), QStringLiteral("Alice Operator")},
            {QStringLiteral("email"), QStringLiteral("alice@example.org")},
            {QStringLiteral("nonce"), kNonce},
            {QStringLiteral("iat"), kNow.toSecsSinceEpoch() - 10},
            {QStringLiteral("exp"), kNow.toSecsSinceEpoch() + 300}};
}

QJsonObject with(QJsonObject object, const QString& key, const QJsonValue& value)
{
    if (value.isUndefined())
        object.remove(key);
    else
        object.insert(key, value);
    return object;
}

} // namespace

class TestIdTokenVerifier : public QObject
{
    Q_OBJECT

private:
    TokenSigner m_rsa{TokenSigner::Kind::Rsa, QStringLiteral("rsa-1")};
    TokenSigner m_ec{TokenSigner::Kind::Ec, QStringLiteral("ec-1")};
    TokenSigner m_stranger{TokenSigner::Kind::Rsa, QStringLiteral("rsa-1")}; // same kid, other key
    JsonWebKeySet m_keys;

    Result<IdTokenClaims> verify(const QByteArray& token, const QDateTime& now = kNow)
    {
        auto jws = CompactJws::parse(token);
        if (!jws)
            return jws.error();
        return IdTokenVerifier::verify(*jws, m_keys, {kIssuer, kClient, kNonce, 60}, now);
    }

private Q_SLOTS:
    void initTestCase()
    {
        const QJsonObject jwks{{QStringLiteral("keys"),
                                QJsonArray{m_rsa.publicJwk(), m_ec.publicJwk(),
                                           QJsonObject{{QStringLiteral("kty"), QStringLiteral("oct")},
                                                       {QStringLiteral("kid"), QStringLiteral("shared")},
                                                       {QStringLiteral("k"), QStringLiteral("c2VjcmV0")}}}}};
        auto keys = JsonWebKeySet::fromJson(QJsonDocument(jwks).toJson());
        QVERIFY(keys.ok());
        m_keys = *keys;
        QCOMPARE(m_keys.keys().size(), 2);
        QCOMPARE(m_keys.skipped().size(), 1); // the symmetric key is never used
    }

    void acceptsRs256AndEs256()
    {
        for (const TokenSigner* signer : {&m_rsa, &m_ec}) {
            const auto verified = verify(signer->sign(claims()));
            QVERIFY2(verified.ok(), qPrintable(verified.ok() ? QString() : verified.error().message()));
            QCOMPARE(verified->subject, QStringLiteral("alice"));
            QCOMPARE(verified->name, QStringLiteral("Alice Operator"));
            QCOMPARE(verified->email, QStringLiteral("alice@example.org"));
            QCOMPARE(verified->expiresAt, kNow.addSecs(300));
        }
    }

    void leewayCoversSmallClockSkew()
    {
        QVERIFY(verify(m_rsa.sign(claims()), kNow.addSecs(300 + 59)).ok());
        QVERIFY(verify(m_rsa.sign(with(claims(), QStringLiteral("iat"), kNow.toSecsSinceEpoch() + 50))).ok());
    }

    void refuses_data()
    {
        QTest::addColumn<QByteArray>("token");
        QTest::addColumn<QString>("message");
        const QJsonObject c = claims();
        QTest::newRow("alg none") << TokenSigner::unsigned_(
            c) << QStringLiteral("the id_token is not signed (alg \"none\"), which is never accepted");
        // The classic confusion: an HMAC keyed with the provider's public RSA modulus.
        QTest::newRow("HS256 with the public key as secret")
            << TokenSigner::hmac(c, m_rsa.publicJwk().value(QStringLiteral("n")).toString().toLatin1(),
                                 QStringLiteral("rsa-1"))
            << QStringLiteral("the id_token is signed with a shared secret (HS256)");
        QTest::newRow("HS256 with the published oct key")
            << TokenSigner::hmac(c, "secret", QStringLiteral("shared"))
            << QStringLiteral("the id_token is signed with a shared secret (HS256)");
        QTest::newRow("signed by another key with the same kid")
            << m_stranger.sign(c) << QStringLiteral("the id_token's signature does not match key \"rsa-1\"");
        QByteArray tampered = m_rsa.sign(c);
        const QList<QByteArray> parts = tampered.split('.');
        tampered = parts.at(0) + '.'
            + Base64Url::encode(QJsonDocument(with(c, QStringLiteral("sub"), QStringLiteral("mallory")))
                                    .toJson(QJsonDocument::Compact))
            + '.' + parts.at(2);
        QTest::newRow("payload changed after signing")
            << tampered << QStringLiteral("the id_token's signature does not match key \"rsa-1\"");
        QTest::newRow("ES256 header on an RSA key")
            << m_ec.sign(c, {{QStringLiteral("kid"), QStringLiteral("rsa-1")}})
            << QStringLiteral("the id_token says ES256 but key \"rsa-1\" is of another type");
        QTest::newRow("unknown kid") << m_rsa.sign(c, {{QStringLiteral("kid"), QStringLiteral("rsa-2")}})
                                     << QStringLiteral("key \"rsa-2\", which the provider does not publish");
        QTest::newRow("PS256") << m_rsa.sign(c, {{QStringLiteral("alg"), QStringLiteral("PS256")}})
                               << QStringLiteral("RS256 and ES256 are accepted");
        QTest::newRow("wrong issuer") << m_rsa.sign(with(c, QStringLiteral("iss"), QStringLiteral("http://evil")))
                                      << QStringLiteral("the id_token comes from issuer \"http://evil\", not");
        QTest::newRow("wrong audience") << m_rsa.sign(with(c, QStringLiteral("aud"), QStringLiteral("other-app")))
                                        << QStringLiteral("issued for other-app, not for this client (stationdeck)");
        QTest::newRow("several audiences, no azp")
            << m_rsa.sign(with(c, QStringLiteral("aud"), QJsonArray{kClient, QStringLiteral("other")}))
            << QStringLiteral("several audiences and no \"azp\"");
        QTest::newRow("azp of another client") << m_rsa.sign(with(c, QStringLiteral("azp"), QStringLiteral("other")))
                                               << QStringLiteral("authorized for another client (azp \"other\")");
        QTest::newRow("expired") << m_rsa.sign(with(c, QStringLiteral("exp"), kNow.toSecsSinceEpoch() - 61))
                                 << QStringLiteral("the id_token expired at 2026-11-30T19:58:59Z");
        QTest::newRow("no exp") << m_rsa.sign(with(c, QStringLiteral("exp"), QJsonValue::Undefined))
                                << QStringLiteral("no expiry");
        QTest::newRow("issued in the future")
            << m_rsa.sign(with(c, QStringLiteral("iat"), kNow.toSecsSinceEpoch() + 120))
            << QStringLiteral("issued in the future");
        QTest::newRow("wrong nonce") << m_ec.sign(with(c, QStringLiteral("nonce"), QStringLiteral("replayed")))
                                     << QStringLiteral("nonce does not match this sign-in attempt");
        QTest::newRow("no nonce") << m_ec.sign(with(c, QStringLiteral("nonce"), QJsonValue::Undefined))
                                  << QStringLiteral("nonce does not match this sign-in attempt");
        QTest::newRow("no subject") << m_ec.sign(with(c, QStringLiteral("sub"), QJsonValue::Undefined))
                                    << QStringLiteral("names no subject");
        QTest::newRow("two parts") << QByteArray("eyJhbGciOiJSUzI1NiJ9.e30")
                                   << QStringLiteral("the token has 2 parts; a signed JWT has 3");
        QTest::newRow("header not base64url")
            << QByteArray("ey+J.e30.AA") << QStringLiteral("its header is malformed: it is not base64url text");
        QTest::newRow("payload not JSON")
            << QByteArray("eyJhbGciOiJSUzI1NiJ9.bm9wZQ.AA") << QStringLiteral("its payload is not a JSON object");
        QTest::newRow("oversized") << QByteArray(70 * 1024, 'a') << QStringLiteral("larger than 64 KiB");
    }
    void refuses()
    {
        QFETCH(QByteArray, token);
        QFETCH(QString, message);
        const auto verified = verify(token);
        QVERIFY(!verified.ok());
        QVERIFY2(verified.error().message().contains(message), qPrintable(verified.error().message()));
    }

    void unknownKidAsksForFreshKeys()
    {
        const auto jws = CompactJws::parse(m_rsa.sign(claims(), {{QStringLiteral("kid"), QStringLiteral("rsa-2")}}));
        QVERIFY(jws.ok());
        QVERIFY(IdTokenVerifier::needsKeyRefresh(*jws, m_keys));
        QVERIFY(!IdTokenVerifier::needsKeyRefresh(*CompactJws::parse(m_rsa.sign(claims())), m_keys));
    }

    void keySets_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<int>("usable");
        QTest::addColumn<QString>("skippedOrError");
        QTest::newRow("not JSON") << QByteArray("<html>") << -1 << QStringLiteral("the key set is not JSON");
        QTest::newRow("no keys") << QByteArray("{}") << -1 << QStringLiteral("has no \"keys\" list");
        QTest::newRow("private key published")
            << QJsonDocument(
                   QJsonObject{{QStringLiteral("keys"),
                                QJsonArray{with(m_rsa.publicJwk(), QStringLiteral("d"), QStringLiteral("AQ"))}}})
                   .toJson()
            << 0 << QStringLiteral("key \"rsa-1\" contains a private key");
        QTest::newRow("encryption key") << QJsonDocument(
                                               QJsonObject{{QStringLiteral("keys"),
                                                            QJsonArray{with(m_ec.publicJwk(), QStringLiteral("use"),
                                                                            QStringLiteral("enc"))}}})
                                               .toJson()
                                        << 0 << QStringLiteral("key \"ec-1\" is not a signing key (use \"enc\")");
        QTest::newRow("other curve") << QJsonDocument(
                                            QJsonObject{{QStringLiteral("keys"),
                                                         QJsonArray{with(m_ec.publicJwk(), QStringLiteral("crv"),
                                                                         QStringLiteral("P-384"))}}})
                                            .toJson()
                                     << 0 << QStringLiteral("curve \"P-384\" is not supported");
        QTest::newRow("short RSA key")
            << QJsonDocument(
                   QJsonObject{{QStringLiteral("keys"),
                                QJsonArray{with(m_rsa.publicJwk(), QStringLiteral("n"), QStringLiteral("AQAB"))}}})
                   .toJson()
            << 0 << QStringLiteral("its RSA modulus has 24 bits; at least 2048 are required");
    }
    void keySets()
    {
        QFETCH(QByteArray, json);
        QFETCH(int, usable);
        QFETCH(QString, skippedOrError);
        const auto keys = JsonWebKeySet::fromJson(json);
        if (usable < 0) {
            QVERIFY(!keys.ok());
            QVERIFY2(keys.error().message().contains(skippedOrError), qPrintable(keys.error().message()));
            return;
        }
        QVERIFY(keys.ok());
        QCOMPARE(keys->keys().size(), usable);
        QVERIFY2(keys->skipped().join(QLatin1Char('|')).contains(skippedOrError),
                 qPrintable(keys->skipped().join(QLatin1Char('|'))));
    }
};

QTEST_GUILESS_MAIN(TestIdTokenVerifier)
#include "tst_idtokenverifier.moc"
