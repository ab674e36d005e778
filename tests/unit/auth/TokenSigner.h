// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Test-only: makes real RSA and P-256 keys with OpenSSL, publishes them as a JWKS, and signs
// tokens with them, so that IdTokenVerifier is checked against genuine signatures.

#include <QByteArray>
#include <QJsonObject>
#include <QString>

#include <memory>

using EVP_PKEY = struct evp_pkey_st;

class TokenSigner
{
public:
    enum class Kind { Rsa, Ec };

    TokenSigner(Kind kind, QString keyId);
    ~TokenSigner();

    QJsonObject publicJwk() const;
    // header.payload.signature; alg RS256 or ES256 unless the header says otherwise.
    QByteArray sign(const QJsonObject& payload, QJsonObject header = {}) const;
    static QByteArray unsigned_(const QJsonObject& payload); // alg "none"
    static QByteArray hmac(const QJsonObject& payload, const QByteArray& secret, const QString& keyId);

private:
    Kind m_kind;
    QString m_keyId;
    EVP_PKEY* m_key = nullptr;
};
