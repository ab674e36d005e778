// SPDX-License-Identifier: GPL-3.0-or-later
#include "auth/OidcClient.h"

#include "auth/CompactJws.h"
#include "core/Logging.h"

#include <QJsonDocument>
#include <QPointer>

namespace sd {

namespace {

QString where(const QUrl& url)
{
    return url.toDisplayString(QUrl::RemoveUserInfo | QUrl::RemoveQuery | QUrl::RemoveFragment);
}

// A GET answer that must be a JSON document of at most a megabyte.
Result<QByteArray> jsonBody(const HttpReply& reply, const QUrl& url, const QString& what)
{
    if (reply.status != 200)
        return Error(
            QStringLiteral("%1 answered HTTP %2 instead of the %3").arg(where(url)).arg(reply.status).arg(what),
            reply.status >= 500 || reply.status == 429 ? QStringLiteral("unavailable") : QStringLiteral("malformed"));
    if (reply.contentType.startsWith("text/html") || reply.body.trimmed().startsWith('<'))
        return Error(QStringLiteral("%1 answered with an HTML page instead of the %2 (is the issuer URL right?)")
                         .arg(where(url), what),
                     QStringLiteral("malformed"));
    return reply.body;
}

} // namespace

OidcClient::OidcClient(QNetworkAccessManager& network, QObject* parent)
    : QObject(parent)
    , m_http(network, this)
{ }

void OidcClient::setProvider(const QUrl& issuer, const QString& clientId)
{
    if (issuer == m_issuer && clientId == m_clientId)
        return;
    m_http.abortAll();
    m_issuer = issuer;
    m_clientId = clientId;
    m_metadata.reset();
    m_keys.reset();
    ++m_generation;
}

void OidcClient::discover(Done<ProviderMetadata> done)
{
    if (m_metadata)
        return done(*m_metadata);
    const QUrl url = ProviderMetadata::discoveryUrl(m_issuer);
    const quint64 generation = m_generation;
    m_http.get(url, {}, [this, url, generation, done = std::move(done)](Result<HttpReply> reply) {
        if (generation != m_generation)
            return;
        if (!reply)
            return done(reply.error());
        Result<QByteArray> body = jsonBody(*reply, url, QStringLiteral("discovery document"));
        if (!body)
            return done(body.error());
        Result<ProviderMetadata> metadata = ProviderMetadata::parse(*body, m_issuer, url);
        if (!metadata)
            return done(metadata.error());
        m_metadata = metadata.value();
        qCInfo(lcAuth) << "discovered" << where(m_issuer);
        done(std::move(metadata));
    });
}

void OidcClient::fetchKeys(Done<JsonWebKeySet> done)
{
    discover([this, done = std::move(done)](Result<ProviderMetadata> metadata) {
        if (!metadata)
            return done(metadata.error());
        const QUrl url = metadata->jwksUri;
        const quint64 generation = m_generation;
        m_http.get(url, {}, [this, url, generation, done](Result<HttpReply> reply) {
            if (generation != m_generation)
                return;
            if (!reply)
                return done(reply.error());
            Result<QByteArray> body = jsonBody(*reply, url, QStringLiteral("key set"));
            if (!body)
                return done(body.error());
            Result<JsonWebKeySet> keys = JsonWebKeySet::fromJson(*body);
            if (!keys)
                return done(keys.error().withContext(QStringLiteral("the provider's keys at %1").arg(where(url))));
            m_keys = keys.value();
            done(std::move(keys));
        });
    });
}

void OidcClient::verifyIdToken(const QByteArray& idToken, IdTokenExpectations expected, const QDateTime& nowUtc,
                               Done<IdTokenClaims> done)
{
    Result<CompactJws> jws = CompactJws::parse(idToken);
    if (!jws)
        return done(jws.error().withContext(QStringLiteral("the id_token")));
    expected.issuer = m_issuer.toString();
    if (m_metadata)
        expected.issuer = m_metadata->issuer.toString();
    expected.clientId = m_clientId;
    auto judge = [jws = jws.value(), expected, nowUtc, done](const JsonWebKeySet& keys) {
        done(IdTokenVerifier::verify(jws, keys, expected, nowUtc));
    };
    if (m_keys && !IdTokenVerifier::needsKeyRefresh(*jws, *m_keys))
        return judge(*m_keys);
    // No keys yet, or a key id we have not seen: fetch the set (once) and judge with what comes back.
    fetchKeys([judge, done](Result<JsonWebKeySet> keys) {
        if (!keys)
            return done(keys.error());
        judge(*keys);
    });
}

void OidcClient::tokenRequest(const AuthHttp::Form& form, Done<TokenResponse> done)
{
    discover([this, form, done = std::move(done)](Result<ProviderMetadata> metadata) {
        if (!metadata)
            return done(metadata.error());
        const QUrl url = metadata->tokenEndpoint;
        const quint64 generation = m_generation;
        m_http.postForm(url, form, [this, url, generation, done](Result<HttpReply> reply) {
            if (generation != m_generation)
                return;
            if (!reply)
                return done(reply.error());
            done(TokenResponse::parse(reply->status, reply->contentType, reply->body, url));
        });
    });
}

void OidcClient::exchangeCode(const QByteArray& code, const QUrl& redirectUri, const QByteArray& verifier,
                              Done<TokenResponse> done)
{
    const AuthHttp::Form form = {
        {"grant_type", "authorization_code"},
        {"code", code},
        {"redirect_uri", redirectUri.toString(QUrl::FullyEncoded).toUtf8()},
        {"client_id", m_clientId.toUtf8()},
        {"code_verifier", verifier},
    };
    tokenRequest(form, std::move(done));
}

void OidcClient::refresh(const QByteArray& refreshToken, Done<TokenResponse> done)
{
    const AuthHttp::Form form = {
        {"grant_type", "refresh_token"},
        {"refresh_token", refreshToken},
        {"client_id", m_clientId.toUtf8()},
    };
    tokenRequest(form, std::move(done));
}

void OidcClient::revoke(const QByteArray& token, const QByteArray& typeHint, Done<bool> done)
{
    discover([this, token, typeHint, done = std::move(done)](Result<ProviderMetadata> metadata) {
        if (!metadata)
            return done(metadata.error());
        if (metadata->revocationEndpoint.isEmpty())
            return done(false);
        const QUrl url = metadata->revocationEndpoint;
        const AuthHttp::Form form
            = {{"token", token}, {"token_type_hint", typeHint}, {"client_id", m_clientId.toUtf8()}};
        m_http.postForm(url, form, [url, done](Result<HttpReply> reply) {
            if (!reply)
                return done(reply.error());
            // RFC 7009 §2.2: 200 whether or not the token was valid.
            if (reply->status != 200)
                return done(Error(QStringLiteral("the identity provider's revocation endpoint %1 answered HTTP %2")
                                      .arg(where(url))
                                      .arg(reply->status)));
            done(true);
        });
    });
}

void OidcClient::userinfo(const QByteArray& accessToken, Done<QJsonObject> done)
{
    discover([this, accessToken, done = std::move(done)](Result<ProviderMetadata> metadata) {
        if (!metadata)
            return done(metadata.error());
        if (metadata->userinfoEndpoint.isEmpty())
            return done(QJsonObject());
        const QUrl url = metadata->userinfoEndpoint;
        m_http.get(url, accessToken, [url, done](Result<HttpReply> reply) {
            if (!reply)
                return done(reply.error());
            Result<QByteArray> body = jsonBody(*reply, url, QStringLiteral("user information"));
            if (!body)
                return done(body.error());
            const QJsonDocument doc = QJsonDocument::fromJson(*body);
            if (!doc.isObject())
                return done(Error(QStringLiteral("the user information at %1 is not a JSON object").arg(where(url))));
            done(doc.object());
        });
    });
}

} // namespace sd
