// SPDX-License-Identifier: GPL-3.0-or-later
#include "auth/IdTokenVerifier.h"

#include <QJsonArray>

#include <openssl/bn.h>
#include <openssl/ecdsa.h>
#include <openssl/evp.h>

#include <memory>

namespace sd {

namespace {

struct MdContextDeleter
{
    void operator()(EVP_MD_CTX* c) const { EVP_MD_CTX_free(c); }
};
struct EcdsaSigDeleter
{
    void operator()(ECDSA_SIG* s) const { ECDSA_SIG_free(s); }
};

const JsonWebKey::Type* expectedKeyType(const QString& algorithm)
{
    static const JsonWebKey::Type rsa = JsonWebKey::Type::Rsa;
    static const JsonWebKey::Type ec = JsonWebKey::Type::EcP256;
    if (algorithm == QLatin1String("RS256"))
        return &rsa;
    if (algorithm == QLatin1String("ES256"))
        return &ec;
    return nullptr;
}

Result<void> checkAlgorithm(const QString& algorithm)
{
    if (algorithm.isEmpty() || algorithm.compare(QLatin1String("none"), Qt::CaseInsensitive) == 0)
        return Error(QStringLiteral("the id_token is not signed (alg \"%1\"), which is never accepted").arg(algorithm));
    if (algorithm.startsWith(QLatin1String("HS")))
        return Error(QStringLiteral("the id_token is signed with a shared secret (%1), which a public client cannot "
                                    "verify and never accepts")
                         .arg(algorithm));
    if (!expectedKeyType(algorithm))
        return Error(QStringLiteral("the id_token is signed with %1; RS256 and ES256 are accepted").arg(algorithm));
    return {};
}

// JWS ES256 signatures are the raw 32-byte r and s; OpenSSL verifies DER.
Result<QByteArray> ecdsaDer(const QByteArray& raw)
{
    if (raw.size() != 64)
        return Error(QStringLiteral("the id_token's ES256 signature is %1 bytes, not 64").arg(raw.size()));
    std::unique_ptr<ECDSA_SIG, EcdsaSigDeleter> sig(ECDSA_SIG_new());
    BIGNUM* r = BN_bin2bn(reinterpret_cast<const unsigned char*>(raw.constData()), 32, nullptr);
    BIGNUM* s = BN_bin2bn(reinterpret_cast<const unsigned char*>(raw.constData()) + 32, 32, nullptr);
    if (!sig || !r || !s || ECDSA_SIG_set0(sig.get(), r, s) != 1) {
        BN_free(r);
        BN_free(s);
        return Error(QStringLiteral("the id_token's ES256 signature could not be read"));
    }
    unsigned char* der = nullptr;
    const int length = i2d_ECDSA_SIG(sig.get(), &der);
    if (length <= 0)
        return Error(QStringLiteral("the id_token's ES256 signature could not be read"));
    QByteArray out(reinterpret_cast<const char*>(der), length);
    OPENSSL_free(der);
    return out;
}

QDateTime instant(const QJsonValue& value)
{
    if (!value.isDouble())
        return {};
    return QDateTime::fromSecsSinceEpoch(qint64(value.toDouble())).toUTC();
}

Result<void> checkAudience(const QJsonObject& claims, const QString& clientId)
{
    const QJsonValue aud = claims.value(QLatin1String("aud"));
    QStringList audiences;
    if (aud.isString()) {
        audiences.append(aud.toString());
    } else if (aud.isArray()) {
        for (const QJsonValue& entry : aud.toArray())
            audiences.append(entry.toString());
    }
    if (!audiences.contains(clientId))
        return Error(
            QStringLiteral("the id_token was issued for %1, not for this client (%2)")
                .arg(audiences.isEmpty() ? QStringLiteral("no audience") : audiences.join(QStringLiteral(", ")),
                     clientId));
    const QString azp = claims.value(QLatin1String("azp")).toString();
    if (claims.contains(QLatin1String("azp")) && azp != clientId)
        return Error(QStringLiteral("the id_token was authorized for another client (azp \"%1\")").arg(azp));
    if (audiences.size() > 1 && !claims.contains(QLatin1String("azp")))
        return Error(QStringLiteral("the id_token has several audiences and no \"azp\" naming this client"));
    return {};
}

Result<void> checkTimes(const QJsonObject& claims, const QDateTime& now, qint64 leeway)
{
    const QDateTime expires = instant(claims.value(QLatin1String("exp")));
    const QDateTime issued = instant(claims.value(QLatin1String("iat")));
    if (!expires.isValid())
        return Error(QStringLiteral("the id_token has no expiry (\"exp\")"));
    if (!issued.isValid())
        return Error(QStringLiteral("the id_token has no issue time (\"iat\")"));
    if (now > expires.addSecs(leeway))
        return Error(QStringLiteral("the id_token expired at %1 (this computer's clock says %2)")
                         .arg(expires.toString(Qt::ISODate), now.toString(Qt::ISODate)));
    if (issued > now.addSecs(leeway))
        return Error(QStringLiteral("the id_token was issued in the future, at %1 (this computer's clock says %2)")
                         .arg(issued.toString(Qt::ISODate), now.toString(Qt::ISODate)));
    return {};
}

} // namespace

bool IdTokenVerifier::needsKeyRefresh(const CompactJws& token, const JsonWebKeySet& keys)
{
    return !token.keyId().isEmpty() && !keys.find(token.keyId());
}

Result<void> IdTokenVerifier::checkSignature(const CompactJws& token, const JsonWebKey& key)
{
    const QString algorithm = token.algorithm();
    if (auto allowed = checkAlgorithm(algorithm); !allowed)
        return allowed;
    if (*expectedKeyType(algorithm) != key.type())
        return Error(
            QStringLiteral("the id_token says %1 but key \"%2\" is of another type").arg(algorithm, key.keyId()));
    if (!key.algorithm().isEmpty() && key.algorithm() != algorithm)
        return Error(QStringLiteral("the id_token says %1 but key \"%2\" is for %3")
                         .arg(algorithm, key.keyId(), key.algorithm()));
    QByteArray signature = token.signature();
    if (key.type() == JsonWebKey::Type::EcP256) {
        auto der = ecdsaDer(signature);
        if (!der)
            return der.error();
        signature = *der;
    }
    std::unique_ptr<EVP_MD_CTX, MdContextDeleter> context(EVP_MD_CTX_new());
    const QByteArray& input = token.signingInput();
    const bool valid = context && EVP_DigestVerifyInit(context.get(), nullptr, EVP_sha256(), nullptr, key.key()) == 1
        && EVP_DigestVerify(context.get(), reinterpret_cast<const unsigned char*>(signature.constData()),
                            size_t(signature.size()), reinterpret_cast<const unsigned char*>(input.constData()),
                            size_t(input.size()))
            == 1;
    if (!valid)
        return Error(QStringLiteral("the id_token's signature does not match key \"%1\"").arg(key.keyId()));
    return {};
}

Result<IdTokenClaims> IdTokenVerifier::verify(const CompactJws& token, const JsonWebKeySet& keys,
                                              const IdTokenExpectations& expected, const QDateTime& nowUtc)
{
    if (auto allowed = checkAlgorithm(token.algorithm()); !allowed)
        return allowed.error();
    const JsonWebKey* key = nullptr;
    if (token.keyId().isEmpty()) {
        // No "kid": acceptable only when exactly one published key fits the algorithm.
        for (const JsonWebKey& candidate : keys.keys()) {
            if (candidate.type() == *expectedKeyType(token.algorithm())) {
                if (key)
                    return Error(QStringLiteral("the id_token names no key (\"kid\") and the provider has several"));
                key = &candidate;
            }
        }
    } else {
        key = keys.find(token.keyId());
    }
    if (!key)
        return Error(QStringLiteral("the id_token is signed with key \"%1\", which the provider does not publish")
                         .arg(token.keyId()));
    if (auto signed_ = checkSignature(token, *key); !signed_)
        return signed_.error();

    const QJsonObject& claims = token.payload();
    const QString issuer = claims.value(QLatin1String("iss")).toString();
    if (issuer != expected.issuer)
        return Error(QStringLiteral("the id_token comes from issuer \"%1\", not \"%2\"").arg(issuer, expected.issuer));
    if (auto audience = checkAudience(claims, expected.clientId); !audience)
        return audience.error();
    if (auto times = checkTimes(claims, nowUtc, expected.leewaySeconds); !times)
        return times.error();
    if (!expected.nonce.isEmpty() && claims.value(QLatin1String("nonce")).toString() != expected.nonce)
        return Error(QStringLiteral("the id_token's nonce does not match this sign-in attempt"));
    IdTokenClaims result;
    result.subject = claims.value(QLatin1String("sub")).toString();
    if (result.subject.isEmpty())
        return Error(QStringLiteral("the id_token names no subject (\"sub\")"));
    result.name = claims.value(QLatin1String("name")).toString();
    result.email = claims.value(QLatin1String("email")).toString();
    result.issuedAt = instant(claims.value(QLatin1String("iat")));
    result.expiresAt = instant(claims.value(QLatin1String("exp")));
    result.all = claims;
    return result;
}

} // namespace sd
