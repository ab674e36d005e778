// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/Result.h"

#include <QHash>
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace sd {

// Stationdeck's own roles. Every signed-in user is a viewer; operator and approver come from the
// identity provider's claims through a RoleMapping. Later issues gate rollout actions on them.
enum class Role { Viewer = 1, Operator = 2, Approver = 4 };
Q_DECLARE_FLAGS(Roles, Role)
Q_DECLARE_OPERATORS_FOR_FLAGS(Roles)

QString roleName(Role role); // "viewer", "operator", "approver"
QStringList roleNames(Roles roles); // in the order viewer, operator, approver

// How provider roles/groups become Stationdeck roles.
struct RoleMapping
{
    // Where the provider's roles are: claim paths tried in order, the first that exists wins.
    // A dot walks into objects; "{client_id}" is replaced by the client id. Defaults:
    // roles, groups, realm_access.roles, resource_access.{client_id}.roles.
    QStringList claimPaths;
    // Provider value (exact, case-sensitive) → Stationdeck role. Defaults map "viewer",
    // "operator", "approver" and "stationdeck-viewer", "stationdeck-operator",
    // "stationdeck-approver" to themselves.
    QHash<QString, Role> values;

    static RoleMapping defaults();

    // Settings text, one rule per line: "<provider value> = viewer|operator|approver".
    // Blank lines and lines starting with '#' are skipped. Errors say "line N: …".
    static Result<QHash<QString, Role>> parseValues(const QString& text);
    static QString formatValues(const QHash<QString, Role>& values);

    // The provider's role strings found in the claims (the first claim path that exists; its
    // value may be a string array or a single string), de-duplicated, in claim order.
    QStringList providerRoles(const QJsonObject& claims, const QString& clientId) const;

    // Viewer, plus every role a provider value maps to.
    Roles map(const QJsonObject& claims, const QString& clientId) const;
};

} // namespace sd
