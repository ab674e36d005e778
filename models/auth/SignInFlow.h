// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "auth/AuthConfig.h"
#include "auth/IdTokenVerifier.h"
#include "auth/LoopbackReceiver.h"
#include "auth/Pkce.h"
#include "core/Result.h"

#include <QDateTime>
#include <QObject>
#include <QUrl>

namespace sd {

class Clock;
class OidcClient;

// What one successful sign-in yields. Holds secrets: never log it.
struct SignInTokens
{
    QByteArray accessToken;
    QByteArray refreshToken; // empty when the provider issued none (no offline_access)
    QDateTime accessExpiresAt; // UTC; invalid when the provider did not say
    IdTokenClaims claims;
};

// One attempt at the authorization code flow with PKCE for a native app (RFC 8252, RFC 7636,
// RFC 9700), on Qt Network alone:
//
//   start() ─ discovery (issuer must match) ─ LoopbackReceiver on 127.0.0.1:<ephemeral>/callback
//      └─ authorizationUrlReady(url): the app opens the system browser (or shows the link)
//   browser ── user signs in at the provider ── 302 to http://127.0.0.1:<port>/callback?code&state
//   LoopbackReceiver checks state ── code ── token endpoint (code + code_verifier)
//      └─ id_token verified (signature against JWKS, iss, aud/azp, exp/iat, nonce) ── finished()
//
// A fresh verifier, state and nonce per attempt. Qt NetworkAuth is not used: Qt 6.4's
// QOAuth2AuthorizationCodeFlow has no PKCE, its QOAuthHttpServerReplyHandler listens on every
// interface unless told otherwise and answers any path, and it neither verifies an id_token nor
// checks the nonce; the pieces it would save are the small ones.
class SignInFlow : public QObject
{
    Q_OBJECT
public:
    SignInFlow(OidcClient& client, const Clock& clock, QObject* parent = nullptr);

    void start(const AuthConfig& config);
    void cancel(); // finished() with "the sign-in was cancelled"
    bool isRunning() const { return m_running; }
    const QUrl& authorizationUrl() const { return m_authorizationUrl; }

Q_SIGNALS:
    void authorizationUrlReady(const QUrl& url);
    void progress(const QString& sentence);
    void finished(const sd::Result<sd::SignInTokens>& outcome);

private:
    void onDiscovered(const AuthConfig& config);
    void onCode(const Result<QByteArray>& code);
    void fail(const Error& error);

    OidcClient& m_client;
    const Clock& m_clock;
    LoopbackReceiver m_receiver;
    Pkce m_pkce;
    QByteArray m_state;
    QByteArray m_nonce;
    QUrl m_redirectUri;
    QUrl m_authorizationUrl;
    bool m_running = false;
    quint64 m_attempt = 0; // answers for an older attempt are dropped
};

} // namespace sd
