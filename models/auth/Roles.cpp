// SPDX-License-Identifier: GPL-3.0-or-later
#include "auth/Roles.h"

#include <QJsonArray>
#include <QJsonValue>
#include <QSet>

#include <algorithm>
#include <optional>

namespace sd {

namespace {

constexpr Role kAllRoles[] = {Role::Viewer, Role::Operator, Role::Approver};

std::optional<Role> roleFromName(const QString& name)
{
    for (const Role role : kAllRoles) {
        if (name.compare(roleName(role), Qt::CaseInsensitive) == 0)
            return role;
    }
    return std::nullopt;
}

// A claim path "exists" when it ends on a string or an array (an empty array counts: the provider
// said "no roles"). Null, numbers, booleans and objects do not, and the next path is tried.
bool usable(const QJsonValue& value)
{
    return value.isString() || value.isArray();
}

// Walks `segments[from..]` into `object`. A key may itself contain dots (Auth0's namespaced claims
// such as "https://example.com/roles"), so at every level the longest run of segments that names
// an existing key is tried first, then shorter ones.
std::optional<QJsonValue> walk(const QJsonObject& object, const QStringList& segments, qsizetype from)
{
    for (qsizetype end = segments.size(); end > from; --end) {
        const QString key = segments.mid(from, end - from).join(QLatin1Char('.'));
        const auto it = object.constFind(key);
        if (it == object.constEnd())
            continue;
        const QJsonValue value = it.value();
        if (end == segments.size()) {
            if (usable(value))
                return value;
        } else if (value.isObject()) {
            if (std::optional<QJsonValue> found = walk(value.toObject(), segments, end))
                return found;
        }
    }
    return std::nullopt;
}

} // namespace

QString roleName(Role role)
{
    switch (role) {
    case Role::Viewer:
        return QStringLiteral("viewer");
    case Role::Operator:
        return QStringLiteral("operator");
    case Role::Approver:
        return QStringLiteral("approver");
    }
    return {};
}

QStringList roleNames(Roles roles)
{
    QStringList names;
    for (const Role role : kAllRoles) {
        if (roles.testFlag(role))
            names.append(roleName(role));
    }
    return names;
}

RoleMapping RoleMapping::defaults()
{
    RoleMapping mapping;
    mapping.claimPaths = {QStringLiteral("roles"), QStringLiteral("groups"), QStringLiteral("realm_access.roles"),
                          QStringLiteral("resource_access.{client_id}.roles")};
    for (const Role role : kAllRoles) {
        mapping.values.insert(roleName(role), role);
        mapping.values.insert(QStringLiteral("stationdeck-") + roleName(role), role);
    }
    return mapping;
}

Result<QHash<QString, Role>> RoleMapping::parseValues(const QString& text)
{
    QHash<QString, Role> values;
    QHash<QString, int> lineOf;
    const QStringList lines = text.split(QLatin1Char('\n'));
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const int lineNumber = int(i) + 1;
        const QString line = lines.at(i).trimmed();
        if (line.isEmpty() || line.startsWith(QLatin1Char('#')))
            continue;
        // The role names never contain '=', so the last one separates: provider values may hold '='.
        const qsizetype equals = line.lastIndexOf(QLatin1Char('='));
        if (equals < 0)
            return Error(QStringLiteral("line %1: \"%2\" is not a rule; write \"<provider value> = "
                                        "viewer|operator|approver\"")
                             .arg(lineNumber)
                             .arg(line));
        const QString value = line.left(equals).trimmed();
        const QString name = line.mid(equals + 1).trimmed();
        if (value.isEmpty())
            return Error(QStringLiteral("line %1: the provider value before \"=\" is empty").arg(lineNumber));
        if (name.isEmpty())
            return Error(
                QStringLiteral("line %1: no role after \"=\"; write viewer, operator or approver").arg(lineNumber));
        const std::optional<Role> role = roleFromName(name);
        if (!role)
            return Error(QStringLiteral("line %1: \"%2\" is not a Stationdeck role (viewer, operator, approver)")
                             .arg(lineNumber)
                             .arg(name));
        const auto previous = values.constFind(value);
        if (previous != values.constEnd()) {
            if (previous.value() != *role)
                return Error(QStringLiteral("line %1: \"%2\" is mapped to %3 here and to %4 on line %5; a provider "
                                            "value maps to one role")
                                 .arg(lineNumber)
                                 .arg(value, roleName(*role), roleName(previous.value()))
                                 .arg(lineOf.value(value)));
            continue; // the same rule twice changes nothing
        }
        values.insert(value, *role);
        lineOf.insert(value, lineNumber);
    }
    return values;
}

QString RoleMapping::formatValues(const QHash<QString, Role>& values)
{
    QStringList keys = values.keys();
    std::sort(keys.begin(), keys.end());
    QString text;
    for (const QString& key : keys)
        text += key + QStringLiteral(" = ") + roleName(values.value(key)) + QLatin1Char('\n');
    return text;
}

QStringList RoleMapping::providerRoles(const QJsonObject& claims, const QString& clientId) const
{
    static const QString placeholder = QStringLiteral("{client_id}");
    for (const QString& path : claimPaths) {
        QStringList segments = path.split(QLatin1Char('.'));
        if (path.contains(placeholder)) {
            if (clientId.isEmpty())
                continue;
            // After splitting, so a client id with dots ("api://stationdeck.example", "my.app") stays one key.
            for (QString& segment : segments)
                segment.replace(placeholder, clientId);
        }
        const std::optional<QJsonValue> value = walk(claims, segments, 0);
        if (!value)
            continue;

        QStringList found;
        QSet<QString> seen;
        const auto take = [&](const QJsonValue& item) {
            if (!item.isString())
                return;
            const QString text = item.toString();
            if (text.isEmpty() || seen.contains(text))
                return;
            seen.insert(text);
            found.append(text);
        };
        if (value->isArray()) {
            const QJsonArray array = value->toArray();
            for (const QJsonValue& item : array)
                take(item);
        } else {
            take(*value); // one value, never split: group names may contain spaces
        }
        return found;
    }
    return {};
}

Roles RoleMapping::map(const QJsonObject& claims, const QString& clientId) const
{
    Roles roles = Role::Viewer;
    const QStringList provided = providerRoles(claims, clientId);
    for (const QString& value : provided) {
        const auto it = values.constFind(value);
        if (it != values.constEnd())
            roles |= it.value();
    }
    return roles;
}

} // namespace sd
