// SPDX-License-Identifier: GPL-3.0-or-later
#include "auth/Session.h"

#include "auth/OidcClient.h"
#include "auth/TokenStore.h"
#include "core/Clock.h"
#include "core/Logging.h"

#include <QJsonArray>
#include <QLocale>
#include <QScopeGuard>
#include <QUrlQuery>

#include <algorithm>

namespace sd {

namespace {

// A token is handed out only while it has this long left: a request that starts with it must not
// meet an expired token at the other end.
constexpr qint64 kFreshMarginSecs = 30;

QString hhmm(const QDateTime& utc)
{
    return utc.toLocalTime().toString(QStringLiteral("HH:mm"));
}

} // namespace

Session::Session(OidcClient& client, TokenStore& store, const Clock& clock, QObject* parent)
    : QObject(parent)
    , m_client(client)
    , m_store(store)
    , m_clock(clock)
    , m_flow(client, clock)
{
    m_refreshTimer.setSingleShot(true);
    m_retryTimer.setSingleShot(true);
    connect(&m_refreshTimer, &QTimer::timeout, this, &Session::refreshNow);
    connect(&m_retryTimer, &QTimer::timeout, this, &Session::refreshNow);
    connect(&m_flow, &SignInFlow::authorizationUrlReady, this, &Session::browserNeeded);
    connect(&m_flow, &SignInFlow::progress, this, &Session::signInProgress);
    connect(&m_flow, &SignInFlow::finished, this, &Session::onSignInFinished);
}

void Session::setConfig(const AuthConfig& config)
{
    const bool sameProvider = config.issuer == m_config.issuer && config.clientId == m_config.clientId;
    // Ended under the old settings, so that the old provider's keychain entry is the one deleted.
    if (!sameProvider && isSignedIn())
        endSession(tr("Signed out: the sign-in settings changed."), false);
    m_config = config;
    m_client.setProvider(config.issuer, config.clientId);
    if (m_identity.isValid()) // a new role mapping applies at once
        setIdentity(QJsonObject());
}

QString Session::storeKey() const
{
    return TokenStore::entryKey(m_config.issuer, m_config.clientId);
}

void Session::setState(State state)
{
    if (state == m_state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

void Session::audit(const QString& action, const QJsonObject& details)
{
    if (m_audit)
        m_audit(action, m_config.issuer.toDisplayString(QUrl::RemoveUserInfo), details);
}

bool Session::accessTokenFresh() const
{
    if (m_accessToken.isEmpty())
        return false;
    if (!m_accessExpiresAt.isValid())
        return true; // the provider did not say: used until a resource server refuses it
    return m_clock.now().secsTo(m_accessExpiresAt) > kFreshMarginSecs;
}

// --- sign-in -----------------------------------------------------------------------------------

void Session::signIn()
{
    if (m_state == State::SigningIn)
        return;
    if (Result<void> ok = m_config.check(); !ok) {
        const Error error = ok.error().withContext(tr("the sign-in settings are incomplete"));
        Q_EMIT signInFinished(error);
        return;
    }
    if (isSignedIn())
        endSession(QString(), false); // a new sign-in replaces the old session
    setState(State::SigningIn);
    m_flow.start(m_config);
}

void Session::cancelSignIn()
{
    m_flow.cancel();
}

void Session::onSignInFinished(const Result<SignInTokens>& outcome)
{
    if (!outcome) {
        setState(State::SignedOut);
        if (outcome.error().code() != QLatin1String("cancelled"))
            audit(QStringLiteral("auth.sign-in-failed"), {{QStringLiteral("reason"), outcome.error().sentence()}});
        Q_EMIT signInFinished(outcome.error());
        return;
    }
    const SignInTokens& tokens = outcome.value();
    m_accessToken = tokens.accessToken;
    m_accessExpiresAt = tokens.accessExpiresAt;
    m_refreshToken = tokens.refreshToken;
    m_identity = Identity();
    m_claims = QJsonObject();
    setIdentity(tokens.claims.all);
    m_retryDelayMs = 0;
    m_keychainProblem.clear();
    setState(State::SignedIn);
    scheduleRefresh();
    audit(QStringLiteral("auth.sign-in"),
          {{QStringLiteral("subject"), m_identity.subject},
           {QStringLiteral("name"), m_identity.displayName()},
           {QStringLiteral("roles"), QJsonArray::fromStringList(roleNames(m_identity.roles))},
           {QStringLiteral("refreshToken"), !m_refreshToken.isEmpty()}});
    if (m_refreshToken.isEmpty())
        Q_EMIT notice(tr("The identity provider issued no refresh token (offline_access was not granted): you "
                         "will need to sign in again when Stationdeck restarts or the token expires."));
    persistRefreshToken();
    Q_EMIT signInFinished(Result<void>());
}

void Session::setIdentity(const QJsonObject& claims)
{
    // Claims from a later id_token or userinfo add to what is known; the subject never changes.
    QJsonObject& merged = m_claims;
    for (auto it = claims.begin(); it != claims.end(); ++it)
        merged.insert(it.key(), it.value());
    m_identity.subject = merged.value(QLatin1String("sub")).toString();
    m_identity.name = merged.value(QLatin1String("name")).toString();
    if (m_identity.name.isEmpty())
        m_identity.name = merged.value(QLatin1String("preferred_username")).toString();
    m_identity.email = merged.value(QLatin1String("email")).toString();
    m_identity.providerRoles = m_config.roles.providerRoles(merged, m_config.clientId);
    m_identity.roles = m_config.roles.map(merged, m_config.clientId);
}

void Session::persistRefreshToken()
{
    if (m_refreshToken.isEmpty())
        return;
    const quint64 generation = m_generation;
    ++m_keychainOps;
    m_store.write(storeKey(), m_refreshToken, [this, generation](Result<void> written) {
        const auto done = qScopeGuard([this] { keychainOpDone(); });
        if (generation != m_generation)
            return;
        if (!written) {
            m_keychainProblem = written.error().sentence();
            qCWarning(lcAuth) << "keeping the session in memory only:" << written.error().message();
            Q_EMIT notice(m_keychainProblem);
        } else {
            m_keychainProblem.clear();
        }
    });
}

void Session::removeStoredToken()
{
    ++m_keychainOps;
    m_store.remove(storeKey(), [this](Result<void> removed) {
        if (!removed)
            qCWarning(lcAuth) << "could not delete the keychain entry:" << removed.error().message();
        keychainOpDone();
    });
}

void Session::keychainOpDone()
{
    if (--m_keychainOps == 0)
        Q_EMIT keychainIdle();
}

// --- restore -----------------------------------------------------------------------------------

void Session::restore()
{
    if (!m_config.isConfigured() || isSignedIn() || m_state == State::SigningIn || m_restoring) {
        Q_EMIT restoreFinished(isSignedIn() ? Result<void>()
                                            : Result<void>(Error(tr("not signed in"), QStringLiteral("signed_out"))));
        return;
    }
    m_restoring = true;
    setState(State::Restoring);
    const quint64 generation = m_generation;
    m_store.read(storeKey(), [this, generation](Result<std::optional<QByteArray>> stored) {
        if (generation != m_generation)
            return;
        if (!stored || !stored->has_value()) {
            m_restoring = false;
            setState(State::SignedOut);
            if (!stored) {
                m_keychainProblem = stored.error().sentence();
                Q_EMIT notice(m_keychainProblem);
            }
            Q_EMIT restoreFinished(stored ? Error(tr("not signed in"), QStringLiteral("signed_out")) : stored.error());
            return;
        }
        m_refreshToken = **stored;
        refreshNow();
    });
}

// --- tokens and refresh ------------------------------------------------------------------------

void Session::accessToken(std::function<void(Result<QByteArray>)> done)
{
    if (isSignedIn() && accessTokenFresh())
        return done(m_accessToken);
    if (m_refreshToken.isEmpty() || !(isSignedIn() || m_restoring))
        return done(Error(tr("not signed in: sign in to reach protected endpoints"), QStringLiteral("signed_out")));
    m_waiters.append(std::move(done));
    refreshNow();
}

void Session::refreshNow()
{
    if (m_refreshing || m_refreshToken.isEmpty())
        return;
    m_refreshing = true;
    m_refreshTimer.stop();
    m_retryTimer.stop();
    const quint64 generation = m_generation;
    // Another Stationdeck process (the console and the CLI share the keychain entry) may have
    // rotated the refresh token since this one read it: spending the old one would make the
    // provider revoke the whole sign-in. So the keychain's copy wins when it differs.
    m_store.read(storeKey(), [this, generation](Result<std::optional<QByteArray>> stored) {
        if (generation != m_generation)
            return;
        if (stored && stored->has_value() && !(*stored)->isEmpty() && **stored != m_refreshToken) {
            qCInfo(lcAuth) << "another process rotated the refresh token; using the keychain's";
            m_refreshToken = **stored;
        }
        qCDebug(lcAuth) << "refreshing the access token";
        m_client.refresh(m_refreshToken, [this, generation](Result<TokenResponse> response) {
            if (generation != m_generation)
                return;
            onRefreshed(response);
        });
    });
}

void Session::onRefreshed(const Result<TokenResponse>& response)
{
    if (!response) {
        m_refreshing = false;
        const QString code = response.error().code();
        if (code == QLatin1String("invalid_grant") || code == QLatin1String("invalid_client")
            || code == QLatin1String("unauthorized_client")) {
            audit(QStringLiteral("auth.session-ended"), {{QStringLiteral("reason"), response.error().sentence()}});
            endSession(tr("Your sign-in has ended (%1). Sign in again.").arg(response.error().message()), true);
            return;
        }
        scheduleRetry(response.error());
        return;
    }
    const TokenResponse tokens = response.value();
    if (tokens.idToken.isEmpty())
        return acceptRefresh(tokens, std::nullopt);
    // OpenID Connect Core §12.2: a refreshed id_token is checked like the first, without a nonce,
    // and must name the same subject.
    const quint64 generation = m_generation;
    m_client.verifyIdToken(
        tokens.idToken, IdTokenExpectations(), m_clock.now(), [this, generation, tokens](Result<IdTokenClaims> claims) {
            if (generation != m_generation)
                return;
            if (!claims) {
                m_refreshing = false;
                audit(QStringLiteral("auth.refresh-failed"), {{QStringLiteral("reason"), claims.error().sentence()}});
                endSession(tr("Signed out: %1").arg(claims.error().sentence()), true);
                return;
            }
            if (m_identity.isValid() && claims->subject != m_identity.subject) {
                m_refreshing = false;
                endSession(tr("Signed out: the identity provider answered for another user."), true);
                return;
            }
            acceptRefresh(tokens, claims.value());
        });
}

void Session::acceptRefresh(const TokenResponse& response, const std::optional<IdTokenClaims>& claims)
{
    m_refreshing = false;
    const bool wasRestoring = m_restoring;
    const bool wasOffline = m_state == State::Offline;
    m_restoring = false;
    m_accessToken = response.accessToken;
    m_accessExpiresAt = response.expiresIn > 0 ? m_clock.now().addSecs(response.expiresIn) : QDateTime();
    if (!response.idToken.isEmpty())
        m_idToken = response.idToken;
    const bool rotated = !response.refreshToken.isEmpty() && response.refreshToken != m_refreshToken;
    if (rotated)
        m_refreshToken = response.refreshToken;
    m_retryDelayMs = 0;
    m_lastNetworkError.clear();
    if (claims)
        setIdentity(claims->all);
    audit(QStringLiteral("auth.refresh"),
          {{QStringLiteral("rotated"), rotated},
           {QStringLiteral("restored"), wasRestoring},
           {QStringLiteral("recovered"), wasOffline}});
    if (rotated)
        persistRefreshToken(); // the old one no longer works: the keychain must hold the new one
    auto finish = [this, wasRestoring] {
        setState(State::SignedIn);
        scheduleRefresh();
        flushWaiters(m_accessToken);
        if (wasRestoring)
            Q_EMIT restoreFinished(Result<void>());
    };
    if (m_identity.isValid())
        return finish();
    // Restored without an id_token: ask the userinfo endpoint who this is.
    const quint64 generation = m_generation;
    m_client.userinfo(m_accessToken, [this, generation, finish](Result<QJsonObject> info) {
        if (generation != m_generation)
            return;
        if (info && !info->value(QLatin1String("sub")).toString().isEmpty())
            setIdentity(info.value());
        else
            qCInfo(lcAuth) << "no identity after restore:"
                           << (info ? QStringLiteral("no sub") : info.error().message());
        finish();
    });
}

void Session::flushWaiters(const Result<QByteArray>& outcome)
{
    const auto waiters = std::exchange(m_waiters, {});
    for (const auto& waiter : waiters)
        waiter(outcome);
}

void Session::scheduleRefresh()
{
    m_refreshTimer.stop();
    if (!m_accessExpiresAt.isValid() || m_refreshToken.isEmpty())
        return;
    const qint64 lifetime = m_clock.now().secsTo(m_accessExpiresAt);
    const qint64 lead = std::min<qint64>(m_leadSecs, lifetime / 5);
    const qint64 inSecs = std::max<qint64>(1, lifetime - lead);
    m_refreshTimer.start(static_cast<int>(std::min<qint64>(inSecs, 24 * 3600) * 1000));
}

void Session::scheduleRetry(const Error& error)
{
    m_lastNetworkError = error.sentence();
    m_retryDelayMs = m_retryDelayMs == 0 ? m_firstRetryMs : std::min(m_retryDelayMs * 2, m_maxRetryMs);
    m_retryTimer.start(m_retryDelayMs);
    qCInfo(lcAuth) << "token refresh failed; retrying in" << m_retryDelayMs / 1000 << "s:" << error.message();
    audit(QStringLiteral("auth.refresh-failed"),
          {{QStringLiteral("reason"), m_lastNetworkError}, {QStringLiteral("retryInSeconds"), m_retryDelayMs / 1000}});
    const bool restoring = std::exchange(m_restoring, false);
    setState(State::Offline);
    // Callers get the token while it still works; after that they learn why there is none.
    if (accessTokenFresh())
        flushWaiters(m_accessToken);
    else
        flushWaiters(Error(tr("offline: %1").arg(error.message()), QStringLiteral("network")));
    if (restoring)
        Q_EMIT restoreFinished(Error(error.message(), QStringLiteral("network")));
}

// --- sign-out ----------------------------------------------------------------------------------

void Session::signOut()
{
    if (m_state == State::SigningIn)
        m_flow.cancel();
    if (!m_refreshToken.isEmpty())
        return revokeAndEnd(m_refreshToken, "refresh_token");
    if (!m_accessToken.isEmpty())
        return revokeAndEnd(m_accessToken, "access_token");
    if (!m_config.isConfigured())
        return endSession(tr("Signed out."), false);
    // Not restored (a command-line logout): revoke what the keychain holds, then delete it.
    ++m_keychainOps;
    m_store.read(storeKey(), [this](Result<std::optional<QByteArray>> stored) {
        const auto done = qScopeGuard([this] { keychainOpDone(); });
        if (stored && stored->has_value())
            return revokeAndEnd(**stored, "refresh_token");
        endSession(stored ? tr("Signed out (no sign-in was stored).") : tr("Signed out."), false);
    });
}

void Session::revokeAndEnd(const QByteArray& token, const QByteArray& hint)
{
    // Revoke first, forget locally whatever the provider says: signing out must always work.
    const quint64 generation = ++m_generation;
    m_refreshTimer.stop();
    m_retryTimer.stop();
    m_client.revoke(token, hint, [this, generation](Result<bool> revoked) {
        if (generation != m_generation)
            return;
        QString sentence;
        if (!revoked)
            sentence = tr("Signed out here, but the identity provider could not be told (%1).")
                           .arg(revoked.error().message());
        else if (*revoked)
            sentence = tr("Signed out; the identity provider revoked the sign-in.");
        else
            sentence = tr("Signed out (the identity provider offers no revocation).");
        audit(QStringLiteral("auth.sign-out"), {{QStringLiteral("revoked"), revoked && *revoked}});
        endSession(sentence, false);
    });
}

void Session::endSession(const QString& sentence, bool byProvider)
{
    ++m_generation;
    m_refreshTimer.stop();
    m_retryTimer.stop();
    m_refreshing = false;
    const bool wasRestoring = std::exchange(m_restoring, false);
    QUrl endSessionUrl;
    if (!byProvider && m_client.metadata() && !m_client.metadata()->endSessionEndpoint.isEmpty()) {
        endSessionUrl = m_client.metadata()->endSessionEndpoint;
        QUrlQuery query(endSessionUrl);
        query.addQueryItem(QStringLiteral("client_id"),
                           QString::fromLatin1(QUrl::toPercentEncoding(m_config.clientId)));
        if (!m_idToken.isEmpty())
            query.addQueryItem(QStringLiteral("id_token_hint"), QString::fromLatin1(m_idToken));
        endSessionUrl.setQuery(query);
    }
    m_accessToken.clear();
    m_refreshToken.clear();
    m_idToken.clear();
    m_accessExpiresAt = QDateTime();
    m_identity = Identity();
    m_claims = QJsonObject();
    m_lastNetworkError.clear();
    removeStoredToken();
    flushWaiters(Error(tr("not signed in: sign in to reach protected endpoints"), QStringLiteral("signed_out")));
    setState(State::SignedOut);
    if (wasRestoring)
        Q_EMIT restoreFinished(Error(sentence, QStringLiteral("signed_out")));
    if (!sentence.isEmpty())
        Q_EMIT signedOut(endSessionUrl, sentence);
    if (byProvider)
        Q_EMIT signInNeeded(sentence);
}

QString Session::tokenText() const
{
    if (!isSignedIn() || !m_accessExpiresAt.isValid())
        return {};
    return m_refreshToken.isEmpty() ? tr("Access token until %1; sign in again then").arg(hhmm(m_accessExpiresAt))
                                    : tr("Access token until %1, renewed automatically").arg(hhmm(m_accessExpiresAt));
}

// --- status ------------------------------------------------------------------------------------

QString Session::statusText() const
{
    switch (m_state) {
    case State::SignedOut:
        return tr("Not signed in");
    case State::Restoring:
        return tr("Restoring the sign-in…");
    case State::SigningIn:
        return tr("Signing in…");
    case State::SignedIn:
        return m_accessExpiresAt.isValid()
            ? tr("Signed in as %1 — token until %2").arg(m_identity.displayName(), hhmm(m_accessExpiresAt))
            : tr("Signed in as %1").arg(m_identity.displayName());
    case State::Offline: {
        const int retryIn = m_retryTimer.isActive() ? m_retryTimer.remainingTime() / 1000 : 0;
        if (accessTokenFresh())
            return tr("Offline — signed in until %1 (retrying in %2 s)").arg(hhmm(m_accessExpiresAt)).arg(retryIn);
        return tr("Offline — the sign-in is kept; retrying in %1 s").arg(retryIn);
    }
    }
    return {};
}

} // namespace sd
