// SPDX-License-Identifier: GPL-3.0-or-later
#include "auth/ProviderMetadata.h"

#include "auth/UntrustedText.h"

#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace sd {

namespace {

constexpr qsizetype kMaxDocument = 1024 * 1024;

QString shown(const QUrl& url)
{
    return url.toDisplayString(QUrl::RemoveUserInfo);
}

// A string from the document, fit for a sentence.
QString quoted(const QString& text)
{
    return QLatin1Char('"') + UntrustedText::sanitize(text, 120) + QLatin1Char('"');
}

Error malformed(const QUrl& source, const QString& what)
{
    return Error(QStringLiteral("the discovery document %1 %2").arg(shown(source), what), QStringLiteral("malformed"));
}

// Checks one endpoint: an absolute http(s) URL without a fragment, https unless it points at a
// loopback host. `required` endpoints must be present; optional ones may be missing or null.
Result<QUrl> endpoint(const QJsonObject& document, const QString& field, bool required, const QUrl& source)
{
    const QJsonValue value = document.value(field);
    if (value.isUndefined() || value.isNull()) {
        if (required)
            return malformed(source, QStringLiteral("has no \"%1\"").arg(field));
        return QUrl();
    }
    if (!value.isString())
        return malformed(source, QStringLiteral("has a \"%1\" that is not a string").arg(field));
    const QString text = value.toString();
    const QUrl url(text, QUrl::StrictMode);
    if (!url.isValid() || url.isRelative() || url.host().isEmpty()
        || (url.scheme() != QLatin1String("https") && url.scheme() != QLatin1String("http")))
        return malformed(
            source, QStringLiteral("has a \"%1\" that is not an absolute http(s) URL: %2").arg(field, quoted(text)));
    if (url.hasFragment())
        return malformed(source,
                         QStringLiteral("has a \"%1\" with a fragment (#…), which an endpoint may not have: %2")
                             .arg(field, quoted(text)));
    if (url.scheme() == QLatin1String("http") && !ProviderMetadata::isLoopback(url))
        return Error(QStringLiteral("the discovery document %1 sends \"%2\" over plain http (%3); only https is "
                                    "allowed, except to this computer (127.0.0.1, ::1, localhost)")
                         .arg(shown(source), field, shown(url)),
                     QStringLiteral("insecure_endpoint"));
    return url;
}

} // namespace

QUrl ProviderMetadata::discoveryUrl(const QUrl& issuer)
{
    QUrl url = issuer.adjusted(QUrl::RemoveQuery | QUrl::RemoveFragment);
    QString path = url.path(QUrl::FullyEncoded);
    while (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    url.setPath(path + QStringLiteral("/.well-known/openid-configuration"), QUrl::TolerantMode);
    return url;
}

bool ProviderMetadata::isLoopback(const QUrl& url)
{
    if (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https"))
        return false;
    const QString host = url.host();
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        return true;
    QHostAddress address;
    return address.setAddress(host) && address.isLoopback();
}

Result<ProviderMetadata> ProviderMetadata::parse(const QByteArray& json, const QUrl& expectedIssuer, const QUrl& source)
{
    if (json.size() > kMaxDocument)
        return malformed(source, QStringLiteral("is larger than 1 MB; a discovery document is never that large"));
    if (json.trimmed().isEmpty())
        return malformed(source, QStringLiteral("is empty"));
    if (json.trimmed().startsWith('<'))
        return malformed(source, QStringLiteral("is an HTML page, not JSON (is the issuer URL right?)"));
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return malformed(
            source,
            QStringLiteral("is not JSON (at byte %1: %2)").arg(parseError.offset).arg(parseError.errorString()));
    if (!doc.isObject())
        return malformed(source, QStringLiteral("is JSON but not an object"));
    const QJsonObject document = doc.object();

    // The issuer first: a document for another issuer says nothing about this one.
    const QJsonValue issuerValue = document.value(QLatin1String("issuer"));
    if (!issuerValue.isString())
        return malformed(source, QStringLiteral("has no \"issuer\" string"));
    const QString issuer = issuerValue.toString();
    const QString expected = expectedIssuer.toString();
    if (issuer != expected) {
        QString hint;
        if (issuer + QLatin1Char('/') == expected)
            hint = QStringLiteral("; remove the trailing slash from the configured issuer");
        else if (expected + QLatin1Char('/') == issuer)
            hint = QStringLiteral("; add a trailing slash to the configured issuer");
        return Error(QStringLiteral("the discovery document %1 is for the issuer %2, not for the configured issuer "
                                    "\"%3\"; the two must be identical%4")
                         .arg(shown(source), quoted(issuer), UntrustedText::sanitize(expected, 200), hint),
                     QStringLiteral("issuer_mismatch"));
    }

    ProviderMetadata metadata;
    struct Field
    {
        const char* name;
        QUrl ProviderMetadata::*member;
        bool required;
    };
    static constexpr Field kFields[] = {
        {"issuer", &ProviderMetadata::issuer, true},
        {"authorization_endpoint", &ProviderMetadata::authorizationEndpoint, true},
        {"token_endpoint", &ProviderMetadata::tokenEndpoint, true},
        {"jwks_uri", &ProviderMetadata::jwksUri, true},
        {"userinfo_endpoint", &ProviderMetadata::userinfoEndpoint, false},
        {"revocation_endpoint", &ProviderMetadata::revocationEndpoint, false},
        {"end_session_endpoint", &ProviderMetadata::endSessionEndpoint, false},
    };
    for (const Field& field : kFields) {
        auto url = endpoint(document, QLatin1String(field.name), field.required, source);
        if (!url)
            return url.error();
        metadata.*field.member = *url;
    }
    if (metadata.issuer.hasQuery())
        return malformed(source, QStringLiteral("has an \"issuer\" with a query (?…), which an issuer may not have"));

    const QJsonValue methods = document.value(QLatin1String("code_challenge_methods_supported"));
    if (!methods.isUndefined() && !methods.isNull()) {
        if (!methods.isArray())
            return malformed(source, QStringLiteral("has a \"code_challenge_methods_supported\" that is not a list"));
        for (const QJsonValue& method : methods.toArray()) {
            if (!method.isString())
                return malformed(
                    source, QStringLiteral("has a \"code_challenge_methods_supported\" entry that is not a string"));
            metadata.codeChallengeMethods.append(method.toString());
        }
        if (!metadata.codeChallengeMethods.contains(QLatin1String("S256"))) {
            const QString offered = metadata.codeChallengeMethods.isEmpty()
                ? QStringLiteral("none")
                : UntrustedText::sanitize(metadata.codeChallengeMethods.join(QLatin1String(", ")), 120);
            return Error(QStringLiteral("the provider described by %1 does not offer PKCE with S256 (its "
                                        "code_challenge_methods_supported lists %2); Stationdeck needs S256")
                             .arg(shown(source), offered),
                         QStringLiteral("pkce_unsupported"));
        }
    }
    return metadata;
}

} // namespace sd
