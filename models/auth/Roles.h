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
    // The last '=' separates, so a value may contain '=' and spaces; both sides are trimmed and
    // role names are case-insensitive. A value repeated with the same role is accepted, with
    // another role it is an error naming both lines. formatValues() sorts by value and
    // round-trips through parseValues() (for values without surrounding spaces, line breaks or
    // a leading '#', which the text cannot express).
    static Result<QHash<QString, Role>> parseValues(const QString& text);
    static QString formatValues(const QHash<QString, Role>& values);

    // The provider's role strings found in the claims (the first claim path that exists; its
    // value may be a string array or a single string), de-duplicated, in claim order.
    // A path exists when it ends on a string or an array (even an empty one); null, numbers,
    // booleans and objects do not, and the next path is tried. A single string is one value,
    // never split on spaces (group names such as "Stationdeck Operators" contain them).
    // Non-string array items and empty strings are ignored. "{client_id}" is substituted after
    // splitting, so a client id with dots ("api://stationdeck.example") is one key; a path with it
    // is skipped when clientId is empty. Where a key itself contains dots (Auth0's
    // "https://example.com/roles"), the longest matching key wins at each level.
    QStringList providerRoles(const QJsonObject& claims, const QString& clientId) const;

    // Viewer, plus every role a provider value maps to.
    Roles map(const QJsonObject& claims, const QString& clientId) const;
};

} // namespace sd
