// SPDX-License-Identifier: GPL-3.0-or-later
#include "TokenSigner.h"

#include "auth/Base64Url.h"

#include <QJsonDocument>
#include <QMessageAuthenticationCode>

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ecdsa.h>
#include <openssl/evp.h>

using sd::Base64Url;

namespace {

QByteArray part(const QJsonObject& object)
{
    return Base64Url::encode(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

QByteArray bignum(const EVP_PKEY* key, const char* name, int width = 0)
{
    BIGNUM* value = nullptr;
    if (EVP_PKEY_get_bn_param(key, name, &value) != 1)
        qFatal("no %s in the test key", name);
    QByteArray bytes(width > 0 ? width : BN_num_bytes(value), '\0');
    BN_bn2binpad(value, reinterpret_cast<unsigned char*>(bytes.data()), int(bytes.size()));
    BN_free(value);
    return Base64Url::encode(bytes);
}

} // namespace

TokenSigner::TokenSigner(Kind kind, QString keyId)
    : m_kind(kind)
    , m_keyId(std::move(keyId))
{
    m_key = kind == Kind::Rsa ? EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", size_t(2048))
                              : EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256");
    if (!m_key)
        qFatal("OpenSSL could not make a test key");
}

TokenSigner::~TokenSigner()
{
    EVP_PKEY_free(m_key);
}

QJsonObject TokenSigner::publicJwk() const
{
    if (m_kind == Kind::Rsa)
        return {{QStringLiteral("kty"), QStringLiteral("RSA")},
                {QStringLiteral("kid"), m_keyId},
                {QStringLiteral("use"), QStringLiteral("sig")},
                {QStringLiteral("alg"), QStringLiteral("RS256")},
                {QStringLiteral("n"), QString::fromLatin1(bignum(m_key, OSSL_PKEY_PARAM_RSA_N))},
                {QStringLiteral("e"), QString::fromLatin1(bignum(m_key, OSSL_PKEY_PARAM_RSA_E))}};
    return {{QStringLiteral("kty"), QStringLiteral("EC")},
            {QStringLiteral("kid"), m_keyId},
            {QStringLiteral("crv"), QStringLiteral("P-256")},
            {QStringLiteral("x"), QString::fromLatin1(bignum(m_key, OSSL_PKEY_PARAM_EC_PUB_X, 32))},
            {QStringLiteral("y"), QString::fromLatin1(bignum(m_key, OSSL_PKEY_PARAM_EC_PUB_Y, 32))}};
}

QByteArray TokenSigner::sign(const QJsonObject& payload, QJsonObject header) const
{
    if (!header.contains(QStringLiteral("alg")))
        header.insert(QStringLiteral("alg"), m_kind == Kind::Rsa ? QStringLiteral("RS256") : QStringLiteral("ES256"));
    if (!header.contains(QStringLiteral("kid")))
        header.insert(QStringLiteral("kid"), m_keyId);
    header.insert(QStringLiteral("typ"), QStringLiteral("JWT"));
    const QByteArray input = part(header) + '.' + part(payload);
    EVP_MD_CTX* context = EVP_MD_CTX_new();
    size_t length = 0;
    EVP_DigestSignInit(context, nullptr, EVP_sha256(), nullptr, m_key);
    EVP_DigestSign(context, nullptr, &length, reinterpret_cast<const unsigned char*>(input.constData()),
                   size_t(input.size()));
    QByteArray signature(qsizetype(length), '\0');
    EVP_DigestSign(context, reinterpret_cast<unsigned char*>(signature.data()), &length,
                   reinterpret_cast<const unsigned char*>(input.constData()), size_t(input.size()));
    EVP_MD_CTX_free(context);
    signature.resize(qsizetype(length));
    if (m_kind == Kind::Ec) {
        // DER to the raw r || s that JWS uses.
        const unsigned char* der = reinterpret_cast<const unsigned char*>(signature.constData());
        ECDSA_SIG* sig = d2i_ECDSA_SIG(nullptr, &der, long(signature.size()));
        QByteArray raw(64, '\0');
        BN_bn2binpad(ECDSA_SIG_get0_r(sig), reinterpret_cast<unsigned char*>(raw.data()), 32);
        BN_bn2binpad(ECDSA_SIG_get0_s(sig), reinterpret_cast<unsigned char*>(raw.data()) + 32, 32);
        ECDSA_SIG_free(sig);
        signature = raw;
    }
    return input + '.' + Base64Url::encode(signature);
}

QByteArray TokenSigner::unsigned_(const QJsonObject& payload)
{
    return part({{QStringLiteral("alg"), QStringLiteral("none")}}) + '.' + part(payload) + '.';
}

QByteArray TokenSigner::hmac(const QJsonObject& payload, const QByteArray& secret, const QString& keyId)
{
    const QByteArray input = part({{QStringLiteral("alg"), QStringLiteral("HS256")}, {QStringLiteral("kid"), keyId}})
        + '.' + part(payload);
    return input + '.' + Base64Url::encode(QMessageAuthenticationCode::hash(input, secret, QCryptographicHash::Sha256));
}
