// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "auth/Roles.h"
#include "core/Result.h"

#include <QList>
#include <QPair>
#include <QStringList>
#include <QUrl>

class QSettings;

namespace sd {

// Where and how to sign in: one identity provider and the client Stationdeck is registered as.
// Kept in Settings (group "auth") and given on the command line; holds no secret.
struct AuthConfig
{
    QUrl issuer;
    QString clientId;
    QStringList scopes = defaultScopes();
    QList<QPair<QString, QString>> extraParameters; // added to the authorization request
    int timeoutSecs = 300; // how long to wait for the browser's answer
    RoleMapping roles = RoleMapping::defaults();
    QStringList protectedEndpoints; // see BearerPolicy
    QStringList insecureHosts; // hosts the user allowed to get the token over plain http

    static QStringList defaultScopes()
    {
        return {QStringLiteral("openid"), QStringLiteral("profile"), QStringLiteral("offline_access")};
    }

    bool isConfigured() const { return issuer.isValid() && !clientId.isEmpty(); }

    // Checks what a person typed: an absolute https issuer (http only for a loopback host), a
    // client id, "openid" among the scopes, extra parameters that do not override the flow's own
    // (response_type, client_id, redirect_uri, state, nonce, code_challenge…).
    Result<void> check() const;

    // "key=value" pairs separated by '&' or new lines, e.g. "prompt=consent&kc_idp_hint=corp".
    static Result<QList<QPair<QString, QString>>> parseExtraParameters(const QString& text);
    static QString formatExtraParameters(const QList<QPair<QString, QString>>& parameters);

    // In the settings' current group (AuthProfiles picks the group of a profile).
    static AuthConfig load(QSettings& settings);
    void save(QSettings& settings) const;
};

} // namespace sd
