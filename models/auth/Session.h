// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "auth/AccessTokenSource.h"
#include "auth/AuthConfig.h"
#include "auth/Identity.h"
#include "auth/SignInFlow.h"
#include "auth/TokenResponse.h"
#include "core/Result.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QTimer>

#include <functional>
#include <optional>

namespace sd {

class Clock;
class OidcClient;
class TokenStore;

// The signed-in user's session: identity and roles, the access token (in memory only) and the
// refresh token (in memory, and in the OS keychain through TokenStore — nowhere else).
//
//   SignedOut ──signIn()──> SigningIn ──ok──> SignedIn <──refresh ok── Offline
//       ^  ^                   │fail             │ network failure ──────^  │
//       │  └───────────────────┘                 │ invalid_grant / signOut() │ invalid_grant
//       └────────────────────────────────────────┴───────────────────────────┘
//   restore(): keychain → refresh → SignedIn (no browser), or SignedOut when there is nothing.
//
// accessToken() hands out the token while it is fresh and refreshes it otherwise: one refresh at
// a time, however many callers wait (a rotating refresh token must not be spent twice). A refresh
// is also scheduled ahead of expiry. A network failure keeps the session and retries with backoff
// ("offline — signed in until 14:05"); invalid_grant means the provider ended it: the keychain
// entry is deleted and the user is asked to sign in again.
class Session : public QObject, public AccessTokenSource
{
    Q_OBJECT
public:
    enum class State { SignedOut, Restoring, SigningIn, SignedIn, Offline };
    Q_ENUM(State)

    using AuditSink = std::function<void(const QString& action, const QString& subject, const QJsonObject& details)>;

    Session(OidcClient& client, TokenStore& store, const Clock& clock, QObject* parent = nullptr);

    void setConfig(const AuthConfig& config);
    const AuthConfig& config() const { return m_config; }
    void setAuditSink(AuditSink sink) { m_audit = std::move(sink); }

    void restore();
    void signIn();
    void cancelSignIn();
    void signOut();
    // Done with a fresh access token, or why there is none. Called at once when the kept token
    // is fresh; otherwise after the (single) refresh in flight.
    void accessToken(std::function<void(Result<QByteArray>)> done) override;

    State state() const { return m_state; }
    bool isSignedIn() const { return m_state == State::SignedIn || m_state == State::Offline; }
    const Identity& identity() const { return m_identity; }
    QDateTime accessExpiresAt() const { return m_accessExpiresAt; }
    // One line for the tool bar: "Signed in as Alice — token until 14:05", "Offline — signed in
    // until 14:05 (retrying in 40 s)", "Not signed in".
    QString statusText() const;
    // The access token's state for the account menu: "Access token until 14:05, renewed
    // automatically" (or "…; sign in again then" without a refresh token).
    QString tokenText() const;
    // Why the session will not outlive the app, when the keychain refused; else empty.
    const QString& keychainProblem() const { return m_keychainProblem; }
    const QUrl& authorizationUrl() const { return m_flow.authorizationUrl(); }
    bool isKeychainBusy() const { return m_keychainOps > 0; }

    // How long before expiry the token is refreshed, and the retry backoff (tests shorten them).
    void setRefreshLeadSecs(int secs) { m_leadSecs = secs; }
    void setRetryDelaysMs(int firstMs, int maxMs)
    {
        m_firstRetryMs = firstMs;
        m_maxRetryMs = maxMs;
    }

Q_SIGNALS:
    void stateChanged(sd::Session::State state);
    void browserNeeded(const QUrl& authorizationUrl);
    void signInProgress(const QString& sentence);
    void signInFinished(const sd::Result<void>& outcome);
    void restoreFinished(const sd::Result<void>& outcome);
    // After sign-out (or the provider ending the session): the provider's end-session page when
    // it advertises one (the app offers to open it), and a sentence about what was done.
    void signedOut(const QUrl& endSessionUrl, const QString& sentence);
    // The provider ended the session (invalid_grant, a bad refreshed id_token): the user should
    // be asked to sign in again. Follows signedOut().
    void signInNeeded(const QString& sentence);
    // Something the user should know about that is not a failure of their action.
    void notice(const QString& sentence);
    // Every keychain write and delete this session started has completed (a command-line tool
    // waits for this before it exits).
    void keychainIdle();

private:
    void onSignInFinished(const Result<SignInTokens>& outcome);
    void refreshNow();
    void onRefreshed(const Result<TokenResponse>& response);
    void acceptRefresh(const TokenResponse& response, const std::optional<IdTokenClaims>& claims);
    void endSession(const QString& sentence, bool byProvider);
    void flushWaiters(const Result<QByteArray>& outcome);
    void scheduleRefresh();
    void scheduleRetry(const Error& error);
    void persistRefreshToken();
    void removeStoredToken();
    void revokeAndEnd(const QByteArray& token, const QByteArray& hint);
    void keychainOpDone();
    void setIdentity(const QJsonObject& claims);
    void setState(State state);
    void audit(const QString& action, const QJsonObject& details);
    bool accessTokenFresh() const;
    QString storeKey() const;

    OidcClient& m_client;
    TokenStore& m_store;
    const Clock& m_clock;
    SignInFlow m_flow;
    AuthConfig m_config;
    AuditSink m_audit;
    State m_state = State::SignedOut;
    Identity m_identity;
    QJsonObject m_claims; // what the id_tokens and userinfo said, merged
    QByteArray m_accessToken;
    QByteArray m_refreshToken;
    QByteArray m_idToken; // kept for the end-session page's id_token_hint
    QDateTime m_accessExpiresAt;
    QList<std::function<void(Result<QByteArray>)>> m_waiters;
    bool m_refreshing = false;
    bool m_restoring = false;
    quint64 m_generation = 0; // bumped by sign-out: late answers for an ended session are dropped
    QTimer m_refreshTimer;
    QTimer m_retryTimer;
    int m_retryDelayMs = 0;
    int m_firstRetryMs = 5000;
    int m_maxRetryMs = 5 * 60 * 1000;
    int m_leadSecs = 60;
    int m_keychainOps = 0;
    QString m_lastNetworkError;
    QString m_keychainProblem;
};

} // namespace sd
