// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "auth/CompactJws.h"
#include "auth/JsonWebKeySet.h"
#include "core/Result.h"

#include <QDateTime>
#include <QJsonObject>
#include <QString>

namespace sd {

// What an id_token must say to be accepted (OpenID Connect Core §3.1.3.7).
struct IdTokenExpectations
{
    QString issuer; // exactly the discovered issuer
    QString clientId; // must be in "aud"; "azp", when present, must be it
    QString nonce; // the nonce sent with this attempt's authorization request
    qint64 leewaySeconds = 60;
};

struct IdTokenClaims
{
    QString subject;
    QString name;
    QString email;
    QDateTime issuedAt;
    QDateTime expiresAt;
    QJsonObject all;
};

// Checks an id_token: the algorithm (RS256 or ES256 only: "none" and shared-secret HMAC are
// refused), the signature against the provider's key with OpenSSL, then iss, aud, azp, exp and
// iat (with leeway, against the caller's clock), nonce and sub. Errors say which check failed.
class IdTokenVerifier
{
public:
    // True when the token names a key the set does not have: the caller fetches the JWKS again,
    // once, before verifying (the provider may have rotated its keys).
    static bool needsKeyRefresh(const CompactJws& token, const JsonWebKeySet& keys);

    static Result<IdTokenClaims> verify(const CompactJws& token, const JsonWebKeySet& keys,
                                        const IdTokenExpectations& expected, const QDateTime& nowUtc);

    static Result<void> checkSignature(const CompactJws& token, const JsonWebKey& key);
};

} // namespace sd
