// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/Result.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

#include <memory>

using EVP_PKEY = struct evp_pkey_st;

namespace sd {

// One public signing key from a provider's JWKS (RFC 7517): RSA (n, e) or EC P-256 (x, y), held
// as an OpenSSL key. Private parts and symmetric ("oct") keys are refused.
class JsonWebKey
{
public:
    enum class Type { Rsa, EcP256 };

    static Result<JsonWebKey> fromJson(const QJsonObject& jwk);

    const QString& keyId() const { return m_keyId; }
    Type type() const { return m_type; }
    const QString& algorithm() const { return m_algorithm; } // may be empty
    EVP_PKEY* key() const { return m_key.get(); }

private:
    QString m_keyId;
    Type m_type = Type::Rsa;
    QString m_algorithm;
    std::shared_ptr<EVP_PKEY> m_key;
};

} // namespace sd
