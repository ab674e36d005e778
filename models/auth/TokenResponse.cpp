// SPDX-License-Identifier: GPL-3.0-or-later
#include "auth/TokenResponse.h"

#include "auth/UntrustedText.h"
#include "core/HtmlSniff.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>

namespace sd {

namespace {

constexpr qsizetype kMaxBody = 1024 * 1024;
// Longer than any token lifetime a provider means (68 years); above it the number is nonsense.
constexpr double kMaxExpiresIn = 2147483647.0;

QString shown(const QUrl& url)
{
    return url.toDisplayString(QUrl::RemoveUserInfo);
}

Error malformed(const QUrl& endpoint, const QString& what)
{
    return Error(QStringLiteral("the token endpoint %1 %2").arg(shown(endpoint), what), QStringLiteral("malformed"));
}

// An optional string member; absent and null are empty, anything else but a string is an error.
Result<QByteArray> optionalString(const QJsonObject& object, const QString& field, const QUrl& endpoint)
{
    const QJsonValue value = object.value(field);
    if (value.isUndefined() || value.isNull())
        return QByteArray();
    if (!value.isString())
        return malformed(endpoint, QStringLiteral("answered with a non-string value for \"%1\"").arg(field));
    return value.toString().toUtf8();
}

Result<TokenResponse> success(const QJsonObject& object, const QUrl& endpoint)
{
    TokenResponse response;
    // Never quote a token: only say which member is wrong.
    const QJsonValue access = object.value(QLatin1String("access_token"));
    if (access.isUndefined() || access.isNull())
        return malformed(endpoint, QStringLiteral("answered without an \"access_token\""));
    if (!access.isString() || access.toString().isEmpty())
        return malformed(endpoint, QStringLiteral("answered with an \"access_token\" that is not a non-empty string"));
    response.accessToken = access.toString().toUtf8();

    const QJsonValue type = object.value(QLatin1String("token_type"));
    if (!type.isString())
        return malformed(endpoint, QStringLiteral("answered without a \"token_type\" string"));
    if (type.toString().compare(QLatin1String("Bearer"), Qt::CaseInsensitive) != 0)
        return Error(QStringLiteral("the token endpoint %1 issued a token of type \"%2\"; Stationdeck uses only "
                                    "Bearer tokens")
                         .arg(shown(endpoint), UntrustedText::sanitize(type.toString(), 40)),
                     QStringLiteral("malformed"));

    const QJsonValue expiresIn = object.value(QLatin1String("expires_in"));
    if (!expiresIn.isUndefined() && !expiresIn.isNull()) {
        const double seconds = expiresIn.toDouble(-1);
        if (!expiresIn.isDouble() || !(seconds >= 1) || seconds > kMaxExpiresIn || std::floor(seconds) != seconds)
            return malformed(endpoint,
                             QStringLiteral("answered with an \"expires_in\" that is not a whole number of seconds "
                                            "greater than zero"));
        response.expiresIn = qint64(seconds);
    }

    auto refresh = optionalString(object, QStringLiteral("refresh_token"), endpoint);
    if (!refresh)
        return refresh.error();
    response.refreshToken = *refresh;
    auto id = optionalString(object, QStringLiteral("id_token"), endpoint);
    if (!id)
        return id.error();
    response.idToken = *id;
    auto scope = optionalString(object, QStringLiteral("scope"), endpoint);
    if (!scope)
        return scope.error();
    response.scope = QString::fromUtf8(*scope).split(QLatin1Char(' '), Qt::SkipEmptyParts);
    return response;
}

Error refusal(const QJsonObject& object, int status, const QUrl& endpoint)
{
    const QJsonValue error = object.value(QLatin1String("error"));
    const QString code = error.isString() ? UntrustedText::sanitize(error.toString(), 64) : QString();
    if (code.isEmpty())
        return malformed(endpoint, QStringLiteral("answered HTTP %1 without an OAuth \"error\"").arg(status));
    const QJsonValue description = object.value(QLatin1String("error_description"));
    const QString text = description.isString() ? UntrustedText::sanitize(description.toString(), 200) : QString();
    return Error(QStringLiteral("the identity provider refused the request at %1: %2%3")
                     .arg(shown(endpoint), code, text.isEmpty() ? QString() : QStringLiteral(" — ") + text),
                 code);
}

} // namespace

Result<TokenResponse> TokenResponse::parse(int status, const QByteArray& contentType, const QByteArray& body,
                                           const QUrl& endpoint)
{
    if (status == 0)
        return malformed(endpoint, QStringLiteral("sent no answer"));
    if (status == 429 || (status >= 500 && status <= 599))
        return Error(QStringLiteral("the token endpoint %1 is unavailable right now (HTTP %2); try again in a moment")
                         .arg(shown(endpoint))
                         .arg(status),
                     QStringLiteral("unavailable"));
    if (status != 200 && status != 400 && status != 401) {
        // RFC 6749 puts OAuth errors in 400 and 401, but some providers use other 4xx for them.
        if (status >= 400 && status <= 499 && body.size() <= kMaxBody) {
            const QJsonObject object = QJsonDocument::fromJson(body).object();
            if (object.value(QLatin1String("error")).isString())
                return refusal(object, status, endpoint);
        }
        return malformed(endpoint,
                         QStringLiteral("answered HTTP %1, which is neither a token nor an OAuth error "
                                        "(is the token endpoint URL right?)")
                             .arg(status));
    }
    if (body.trimmed().isEmpty())
        return malformed(endpoint, QStringLiteral("answered HTTP %1 with an empty answer").arg(status));
    if (body.size() > kMaxBody)
        return malformed(endpoint, QStringLiteral("answered with more than 1 MB; a token answer is never that large"));
    if (looksLikeHtml(contentType, body))
        return malformed(endpoint, QStringLiteral("answered with an HTML page, not JSON (is the issuer URL right?)"));
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return malformed(endpoint,
                         QStringLiteral("answered HTTP %1 with something that is not JSON (at byte %2: %3)")
                             .arg(status)
                             .arg(parseError.offset)
                             .arg(parseError.errorString()));
    if (!doc.isObject())
        return malformed(endpoint, QStringLiteral("answered HTTP %1 with JSON that is not an object").arg(status));
    // Some providers (GitHub) answer an OAuth error with 200: an error object without a token is a refusal.
    const QJsonObject object = doc.object();
    if (status == 200 && (object.contains(QLatin1String("access_token")) || !object.contains(QLatin1String("error"))))
        return success(object, endpoint);
    return refusal(object, status, endpoint);
}

} // namespace sd
