// SPDX-License-Identifier: GPL-3.0-or-later
#include "auth/AuthConfig.h"

#include "auth/ProviderMetadata.h"

#include <QSettings>

namespace sd {

namespace {

// The authorization request's own parameters: an extra parameter must not replace one of them.
bool isReserved(const QString& key)
{
    static const QStringList reserved = {
        QStringLiteral("response_type"),  QStringLiteral("client_id"),
        QStringLiteral("redirect_uri"),   QStringLiteral("scope"),
        QStringLiteral("state"),          QStringLiteral("nonce"),
        QStringLiteral("code_challenge"), QStringLiteral("code_challenge_method"),
        QStringLiteral("response_mode"),  QStringLiteral("request"),
        QStringLiteral("request_uri"),
    };
    return reserved.contains(key);
}

} // namespace

Result<void> AuthConfig::check() const
{
    if (issuer.isEmpty())
        return Error(QStringLiteral("the issuer URL is empty"));
    if (!issuer.isValid() || issuer.isRelative() || issuer.host().isEmpty())
        return Error(QStringLiteral("the issuer \"%1\" is not an absolute URL").arg(issuer.toDisplayString()));
    if (issuer.hasQuery() || issuer.hasFragment())
        return Error(
            QStringLiteral("the issuer \"%1\" must not have a query or fragment").arg(issuer.toDisplayString()));
    if (issuer.scheme() != QLatin1String("https")
        && !(issuer.scheme() == QLatin1String("http") && ProviderMetadata::isLoopback(issuer)))
        return Error(QStringLiteral("the issuer \"%1\" must use https (plain http is allowed only to this computer)")
                         .arg(issuer.toDisplayString()));
    if (clientId.trimmed().isEmpty())
        return Error(QStringLiteral("the client id is empty"));
    if (!scopes.contains(QLatin1String("openid")))
        return Error(QStringLiteral("the scopes must include \"openid\""));
    for (const QString& scope : scopes) {
        for (const QChar c : scope) {
            if (c.unicode() < 0x21 || c.unicode() > 0x7e || c == QLatin1Char('"') || c == QLatin1Char('\\'))
                return Error(QStringLiteral("the scope \"%1\" has a character scopes cannot have").arg(scope));
        }
    }
    for (const auto& [key, value] : extraParameters) {
        if (isReserved(key))
            return Error(QStringLiteral("the extra parameter \"%1\" is set by Stationdeck itself").arg(key));
    }
    if (timeoutSecs < 10 || timeoutSecs > 3600)
        return Error(
            QStringLiteral("the sign-in timeout must be between 10 and 3600 seconds, not %1").arg(timeoutSecs));
    return {};
}

Result<QList<QPair<QString, QString>>> AuthConfig::parseExtraParameters(const QString& text)
{
    QList<QPair<QString, QString>> out;
    QString normalised = text;
    normalised.replace(QLatin1Char('\n'), QLatin1Char('&'));
    const QStringList parts = normalised.split(QLatin1Char('&'), Qt::SkipEmptyParts);
    for (const QString& raw : parts) {
        const QString part = raw.trimmed();
        if (part.isEmpty())
            continue;
        const qsizetype eq = part.indexOf(QLatin1Char('='));
        if (eq <= 0)
            return Error(QStringLiteral("the extra parameter \"%1\" is not key=value").arg(part));
        const QString key = part.left(eq).trimmed();
        const QString value = part.mid(eq + 1).trimmed();
        if (isReserved(key))
            return Error(QStringLiteral("the extra parameter \"%1\" is set by Stationdeck itself").arg(key));
        out.append({key, value});
    }
    return out;
}

QString AuthConfig::formatExtraParameters(const QList<QPair<QString, QString>>& parameters)
{
    QStringList parts;
    for (const auto& [key, value] : parameters)
        parts.append(key + QLatin1Char('=') + value);
    return parts.join(QLatin1Char('&'));
}

AuthConfig AuthConfig::load(QSettings& settings)
{
    AuthConfig config;
    config.issuer = QUrl(settings.value(QStringLiteral("issuer")).toString());
    config.clientId = settings.value(QStringLiteral("clientId")).toString();
    const QString scopes = settings.value(QStringLiteral("scopes")).toString();
    if (!scopes.trimmed().isEmpty())
        config.scopes = scopes.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    if (auto extra = parseExtraParameters(settings.value(QStringLiteral("extraParameters")).toString()))
        config.extraParameters = extra.value();
    config.timeoutSecs = settings.value(QStringLiteral("timeoutSecs"), config.timeoutSecs).toInt();
    const QStringList claims = settings.value(QStringLiteral("roleClaims")).toStringList();
    if (!claims.isEmpty())
        config.roles.claimPaths = claims;
    if (settings.contains(QStringLiteral("roleMapping"))) {
        if (auto values = RoleMapping::parseValues(settings.value(QStringLiteral("roleMapping")).toString()))
            config.roles.values = values.value();
    }
    config.protectedEndpoints = settings.value(QStringLiteral("protectedEndpoints")).toStringList();
    config.insecureHosts = settings.value(QStringLiteral("insecureHosts")).toStringList();
    return config;
}

void AuthConfig::save(QSettings& settings) const
{
    settings.setValue(QStringLiteral("issuer"), issuer.toString());
    settings.setValue(QStringLiteral("clientId"), clientId);
    settings.setValue(QStringLiteral("scopes"), scopes.join(QLatin1Char(' ')));
    settings.setValue(QStringLiteral("extraParameters"), formatExtraParameters(extraParameters));
    settings.setValue(QStringLiteral("timeoutSecs"), timeoutSecs);
    settings.setValue(QStringLiteral("roleClaims"), roles.claimPaths);
    settings.setValue(QStringLiteral("roleMapping"), RoleMapping::formatValues(roles.values));
    settings.setValue(QStringLiteral("protectedEndpoints"), protectedEndpoints);
    settings.setValue(QStringLiteral("insecureHosts"), insecureHosts);
}

} // namespace sd
