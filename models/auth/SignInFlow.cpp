// SPDX-License-Identifier: GPL-3.0-or-later
#include "auth/SignInFlow.h"

#include "auth/OidcClient.h"
#include "core/Clock.h"
#include "core/Logging.h"

#include <QUrlQuery>

namespace sd {

SignInFlow::SignInFlow(OidcClient& client, const Clock& clock, QObject* parent)
    : QObject(parent)
    , m_client(client)
    , m_clock(clock)
{
    connect(&m_receiver, &LoopbackReceiver::finished, this, &SignInFlow::onCode);
}

void SignInFlow::start(const AuthConfig& config)
{
    if (m_running)
        cancel();
    if (Result<void> ok = config.check(); !ok)
        return fail(ok.error());
    m_running = true;
    const quint64 attempt = ++m_attempt;
    m_client.setProvider(config.issuer, config.clientId);
    Q_EMIT progress(tr("Contacting the identity provider…"));
    m_client.discover([this, attempt, config](Result<ProviderMetadata> metadata) {
        if (attempt != m_attempt || !m_running)
            return;
        if (!metadata)
            return fail(metadata.error());
        onDiscovered(config);
    });
}

void SignInFlow::onDiscovered(const AuthConfig& config)
{
    const ProviderMetadata& metadata = *m_client.metadata();
    if (!metadata.codeChallengeMethods.isEmpty() && !metadata.codeChallengeMethods.contains(QLatin1String("S256")))
        return fail(Error(tr("the identity provider does not offer PKCE with S256, which Stationdeck requires")));
    m_pkce = Pkce::generate();
    m_state = Pkce::randomToken();
    m_nonce = Pkce::randomToken();
    Result<QUrl> redirect = m_receiver.listen(m_state, config.timeoutSecs * 1000);
    if (!redirect)
        return fail(redirect.error());
    m_redirectUri = redirect.value();

    QUrlQuery query(metadata.authorizationEndpoint);
    auto add = [&query](const QString& key, const QString& value) {
        query.addQueryItem(QString::fromLatin1(QUrl::toPercentEncoding(key)),
                           QString::fromLatin1(QUrl::toPercentEncoding(value)));
    };
    add(QStringLiteral("response_type"), QStringLiteral("code"));
    add(QStringLiteral("client_id"), config.clientId);
    add(QStringLiteral("redirect_uri"), m_redirectUri.toString(QUrl::FullyEncoded));
    add(QStringLiteral("scope"), config.scopes.join(QLatin1Char(' ')));
    add(QStringLiteral("state"), QString::fromLatin1(m_state));
    add(QStringLiteral("nonce"), QString::fromLatin1(m_nonce));
    add(QStringLiteral("code_challenge"), QString::fromLatin1(m_pkce.challenge()));
    add(QStringLiteral("code_challenge_method"), QString::fromLatin1(Pkce::method()));
    bool hasPrompt = false;
    for (const auto& [key, value] : config.extraParameters) {
        hasPrompt = hasPrompt || key == QLatin1String("prompt");
        add(key, value);
    }
    // Many providers (oidc-provider among them) issue a refresh token for offline_access only
    // after an explicit consent.
    if (config.scopes.contains(QLatin1String("offline_access")) && !hasPrompt)
        add(QStringLiteral("prompt"), QStringLiteral("consent"));
    m_authorizationUrl = metadata.authorizationEndpoint;
    m_authorizationUrl.setQuery(query);
    qCInfo(lcAuth) << "waiting for the browser's answer on" << m_redirectUri.toDisplayString();
    Q_EMIT progress(tr("Waiting for you to sign in with your browser…"));
    Q_EMIT authorizationUrlReady(m_authorizationUrl);
}

void SignInFlow::onCode(const Result<QByteArray>& code)
{
    if (!m_running)
        return;
    if (!code)
        return fail(code.error());
    const quint64 attempt = m_attempt;
    Q_EMIT progress(tr("Completing the sign-in…"));
    m_client.exchangeCode(
        code.value(), m_redirectUri, m_pkce.verifier(), [this, attempt](Result<TokenResponse> tokens) {
            if (attempt != m_attempt || !m_running)
                return;
            if (!tokens)
                return fail(tokens.error());
            if (tokens->idToken.isEmpty())
                return fail(Error(tr("the identity provider sent no id_token (is \"openid\" among the scopes?)")));
            IdTokenExpectations expected;
            expected.nonce = QString::fromLatin1(m_nonce);
            const QDateTime now = m_clock.now();
            const TokenResponse response = tokens.value();
            m_client.verifyIdToken(response.idToken, expected, now,
                                   [this, attempt, response, now](Result<IdTokenClaims> claims) {
                                       if (attempt != m_attempt || !m_running)
                                           return;
                                       if (!claims)
                                           return fail(claims.error().withContext(tr("the sign-in was refused")));
                                       SignInTokens out;
                                       out.accessToken = response.accessToken;
                                       out.refreshToken = response.refreshToken;
                                       if (response.expiresIn > 0)
                                           out.accessExpiresAt = now.addSecs(response.expiresIn);
                                       out.claims = claims.value();
                                       m_running = false;
                                       qCInfo(lcAuth) << "signed in; refresh token"
                                                      << (out.refreshToken.isEmpty() ? "not issued" : "issued");
                                       Q_EMIT finished(out);
                                   });
        });
}

void SignInFlow::cancel()
{
    if (!m_running)
        return;
    fail(Error(tr("the sign-in was cancelled"), QStringLiteral("cancelled")));
}

void SignInFlow::fail(const Error& error)
{
    m_running = false;
    ++m_attempt;
    m_receiver.cancel();
    m_pkce = Pkce();
    m_state.clear();
    m_nonce.clear();
    qCInfo(lcAuth) << "sign-in failed:" << error.message();
    Q_EMIT finished(error);
}

} // namespace sd
