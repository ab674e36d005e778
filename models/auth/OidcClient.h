// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "auth/AuthHttp.h"
#include "auth/IdTokenVerifier.h"
#include "auth/JsonWebKeySet.h"
#include "auth/ProviderMetadata.h"
#include "auth/TokenResponse.h"
#include "core/Result.h"

#include <QJsonObject>
#include <QObject>
#include <QUrl>

#include <functional>
#include <optional>

class QNetworkAccessManager;

namespace sd {

// One OpenID provider's endpoints, as a client registered with it (a public native client: no
// secret). Discovery and the provider's keys are fetched on first use and kept; an id_token signed
// with a key the kept set lacks fetches the keys again, once, before it is judged.
class OidcClient : public QObject
{
    Q_OBJECT
public:
    template <typename T> using Done = std::function<void(Result<T>)>;

    explicit OidcClient(QNetworkAccessManager& network, QObject* parent = nullptr);

    // Forgets what was discovered when the issuer or client changes.
    void setProvider(const QUrl& issuer, const QString& clientId);
    const QUrl& issuer() const { return m_issuer; }
    const QString& clientId() const { return m_clientId; }
    const std::optional<ProviderMetadata>& metadata() const { return m_metadata; }
    AuthHttp& http() { return m_http; }

    void discover(Done<ProviderMetadata> done);
    void exchangeCode(const QByteArray& code, const QUrl& redirectUri, const QByteArray& verifier,
                      Done<TokenResponse> done);
    void refresh(const QByteArray& refreshToken, Done<TokenResponse> done);
    // RFC 7009. Succeeds without a request when the provider advertises no revocation endpoint.
    void revoke(const QByteArray& token, const QByteArray& typeHint, Done<bool> done);
    void userinfo(const QByteArray& accessToken, Done<QJsonObject> done);
    // Checks an id_token against this provider's keys and `expected` (issuer and client id are
    // filled in here).
    void verifyIdToken(const QByteArray& idToken, IdTokenExpectations expected, const QDateTime& nowUtc,
                       Done<IdTokenClaims> done);

    // Drops the kept keys (tests; a provider that rotated them).
    void forgetKeys() { m_keys.reset(); }

private:
    void fetchKeys(Done<JsonWebKeySet> done);
    void tokenRequest(const AuthHttp::Form& form, Done<TokenResponse> done);

    AuthHttp m_http;
    QUrl m_issuer;
    QString m_clientId;
    std::optional<ProviderMetadata> m_metadata;
    std::optional<JsonWebKeySet> m_keys;
    quint64 m_generation = 0; // bumped by setProvider: answers for an older provider are dropped
};

} // namespace sd
