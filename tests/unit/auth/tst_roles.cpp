// SPDX-License-Identifier: GPL-3.0-or-later
// RoleMapping against the claim shapes real providers send (Keycloak, Entra ID, Okta, Dex, Auth0),
// and the settings text of value rules: parse errors by line, formatting that round-trips.
#include "auth/Roles.h"

#include <QJsonDocument>
#include <QTest>

using namespace sd;

namespace {

// The error message, or nothing: QVERIFY2 evaluates its message even when the check passes.
template <typename T> QString failure(const Result<T>& result)
{
    return result.ok() ? QString() : result.error().message();
}

// JSON written with single quotes, so the claims read without escapes.
QJsonObject json(const char* text)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(QByteArray(text).replace('\'', '"'), &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        qFatal("test claims are not a JSON object: %s", qPrintable(error.errorString()));
    return document.object();
}

QStringList list(const char* text)
{
    return text[0] ? QString::fromUtf8(text).split(QLatin1Char('|')) : QStringList();
}

// A Keycloak id_token's claims for client "stationdeck" in realm "plant".
const char* const kKeycloak
    = "{"
      "  'iss': 'https://sso.example.net/realms/plant', 'aud': 'stationdeck', 'azp': 'stationdeck',"
      "  'sub': '8c1f6b1e-5c55-4d3c-9c8b-3f0ad8a5a1d2', 'preferred_username': 'alice',"
      "  'realm_access': {'roles': ['offline_access', 'default-roles-plant',"
      "                            'uma_authorization', 'stationdeck-operator']},"
      "  'resource_access': {'stationdeck': {'roles': ['approver']}, 'account': {'roles': ['manage-account']}}"
      "}";

// Keycloak with only client roles mapped into the token (realm roles mapper removed).
const char* const kKeycloakClientRoles
    = "{"
      "  'iss': 'https://sso.example.net/realms/plant', 'aud': 'stationdeck', 'sub': 'alice',"
      "  'resource_access': {'stationdeck': {'roles': ['operator', 'approver']}, 'account': {'roles': ['viewer']}}"
      "}";

// Entra ID: app roles in "roles" (their value fields), group object ids in "groups".
const char* const kEntra = "{"
                           "  'iss': 'https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/v2.0',"
                           "  'aud': 'api://stationdeck.example', 'oid': '00000000-0000-0000-66f3-3332eca7ea81',"
                           "  'roles': ['Stationdeck.Operator', 'stationdeck-approver'],"
                           "  'groups': ['5f9c3b52-0d5e-4b6d-8e55-7f0c2a4d9b11', 'stationdeck-operator']"
                           "}";

// Okta: a "groups" claim with group names (spaces allowed).
const char* const kOkta
    = "{"
      "  'iss': 'https://example.okta.com/oauth2/default', 'aud': '0oa1b2c3d4e5f6g7h8i9', 'sub': '00u1abcd',"
      "  'groups': ['Everyone', 'Stationdeck Operators', 'stationdeck-operator']"
      "}";

// Dex with the GitHub connector: "org:team" groups.
const char* const kDex
    = "{"
      "  'iss': 'https://dex.example.net', 'aud': 'stationdeck', 'sub': 'CgcyMzQyNzQ5EgZnaXRodWI',"
      "  'email': 'alice@example.org', 'groups': ['example-org', 'example-org:sre', 'stationdeck-approver']"
      "}";

} // namespace

class TestRoles : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void names()
    {
        QCOMPARE(roleName(Role::Viewer), QStringLiteral("viewer"));
        QCOMPARE(roleName(Role::Operator), QStringLiteral("operator"));
        QCOMPARE(roleName(Role::Approver), QStringLiteral("approver"));
        QCOMPARE(roleNames(Roles()), QStringList());
        QCOMPARE(roleNames(Role::Approver | Role::Viewer), list("viewer|approver"));
        QCOMPARE(roleNames(Role::Approver | Role::Operator), list("operator|approver"));
        QCOMPARE(roleNames(Role::Approver | Role::Operator | Role::Viewer), list("viewer|operator|approver"));
    }

    void defaults()
    {
        const RoleMapping mapping = RoleMapping::defaults();
        QCOMPARE(mapping.claimPaths, list("roles|groups|realm_access.roles|resource_access.{client_id}.roles"));
        QCOMPARE(mapping.values.size(), 6);
        QCOMPARE(mapping.values.value(QStringLiteral("viewer")), Role::Viewer);
        QCOMPARE(mapping.values.value(QStringLiteral("operator")), Role::Operator);
        QCOMPARE(mapping.values.value(QStringLiteral("approver")), Role::Approver);
        QCOMPARE(mapping.values.value(QStringLiteral("stationdeck-viewer")), Role::Viewer);
        QCOMPARE(mapping.values.value(QStringLiteral("stationdeck-operator")), Role::Operator);
        QCOMPARE(mapping.values.value(QStringLiteral("stationdeck-approver")), Role::Approver);
        QVERIFY(!mapping.values.contains(QStringLiteral("Operator"))); // exact, case-sensitive
    }

    void providerRoles_data()
    {
        QTest::addColumn<QJsonObject>("claims");
        QTest::addColumn<QString>("clientId");
        QTest::addColumn<QStringList>("paths"); // empty: the defaults
        QTest::addColumn<QStringList>("expected");

        const QString client = QStringLiteral("stationdeck");
        const QStringList defaults;
        QTest::newRow("keycloak: realm roles come before client roles")
            << json(kKeycloak) << client << defaults
            << list("offline_access|default-roles-plant|uma_authorization|stationdeck-operator");
        QTest::newRow("keycloak: client roles when there are no realm roles")
            << json(kKeycloakClientRoles) << client << defaults << list("operator|approver");
        QTest::newRow("keycloak: another client's roles are not ours")
            << json(kKeycloakClientRoles) << QStringLiteral("grafana") << defaults << QStringList();
        QTest::newRow("keycloak: custom path to the client roles")
            << json(kKeycloak) << client << list("resource_access.{client_id}.roles") << list("approver");
        QTest::newRow("entra: roles come before groups")
            << json(kEntra) << client << defaults << list("Stationdeck.Operator|stationdeck-approver");
        QTest::newRow("entra: groups when configured")
            << json(kEntra) << client << list("groups")
            << list("5f9c3b52-0d5e-4b6d-8e55-7f0c2a4d9b11|stationdeck-operator");
        QTest::newRow("okta groups, names with spaces kept whole")
            << json(kOkta) << client << defaults << list("Everyone|Stationdeck Operators|stationdeck-operator");
        QTest::newRow("dex groups") << json(kDex) << client << defaults
                                    << list("example-org|example-org:sre|stationdeck-approver");
        QTest::newRow("a single string") << json("{'roles': 'stationdeck-operator'}") << client << defaults
                                         << list("stationdeck-operator");
        QTest::newRow("a single string is never split on spaces")
            << json("{'roles': 'operator approver'}") << client << defaults << list("operator approver");
        QTest::newRow("an empty string is no role")
            << json("{'roles': '', 'groups': ['operator']}") << client << defaults << QStringList();
        QTest::newRow("a number does not count, the next path is tried")
            << json("{'roles': 42, 'groups': ['operator']}") << client << defaults << list("operator");
        QTest::newRow("an object does not count")
            << json("{'roles': {'operator': true}, 'groups': ['approver']}") << client << defaults << list("approver");
        QTest::newRow("null and booleans do not count")
            << json("{'roles': null, 'groups': true, 'realm_access': {'roles': ['viewer']}}") << client << defaults
            << list("viewer");
        QTest::newRow("an empty array exists and wins")
            << json("{'roles': [], 'groups': ['operator']}") << client << defaults << QStringList();
        QTest::newRow("non-strings, empty strings and duplicates in an array are dropped")
            << json("{'roles': ['operator', 7, '', null, {'a': 1}, ['approver'], 'operator', 'approver']}") << client
            << defaults << list("operator|approver");
        QTest::newRow("nested: an intermediate value that is not an object")
            << json("{'realm_access': 'operator', 'resource_access': ['stationdeck']}") << client << defaults
            << QStringList();
        QTest::newRow("nested: the client has no roles key")
            << json("{'resource_access': {'stationdeck': {'scopes': ['operator']}}}") << client << defaults
            << QStringList();
        QTest::newRow("no claims at all") << QJsonObject() << client << defaults << QStringList();
        QTest::newRow("custom nested path") << json("{'app_metadata': {'stationdeck': {'roles': ['approver']}}}")
                                            << client << list("app_metadata.stationdeck.roles") << list("approver");
        QTest::newRow("custom paths are tried in order")
            << json("{'groups': ['operator'], 'ext': {'roles': ['approver']}}") << client
            << list("missing|ext.roles|groups") << list("approver");
        QTest::newRow("auth0 namespaced claim with dots in its name")
            << json("{'https://stationdeck.example/roles': ['operator']}") << client
            << list("https://stationdeck.example/roles") << list("operator");
        QTest::newRow("{client_id} with dots is one key")
            << json("{'resource_access': {'my.app': {'roles': ['operator']}}}") << QStringLiteral("my.app") << defaults
            << list("operator");
        QTest::newRow("{client_id} with dots never walks into nested keys")
            << json("{'resource_access': {'my': {'app': {'roles': ['approver']}}}}") << QStringLiteral("my.app")
            << defaults << QStringList();
        QTest::newRow("{client_id} as an entra application id uri")
            << json("{'resource_access': {'api://stationdeck.example': {'roles': ['approver']}}}")
            << QStringLiteral("api://stationdeck.example") << defaults << list("approver");
        QTest::newRow("{client_id} inside a key")
            << json("{'roles_stationdeck.prod': ['operator']}") << QStringLiteral("stationdeck.prod")
            << list("roles_{client_id}") << list("operator");
        QTest::newRow("no client id: a path with {client_id} is skipped")
            << json("{'resource_access': {'': {'roles': ['operator']}}}") << QString() << defaults << QStringList();
    }
    void providerRoles()
    {
        QFETCH(QJsonObject, claims);
        QFETCH(QString, clientId);
        QFETCH(QStringList, paths);
        QFETCH(QStringList, expected);
        RoleMapping mapping = RoleMapping::defaults();
        if (!paths.isEmpty())
            mapping.claimPaths = paths;
        QCOMPARE(mapping.providerRoles(claims, clientId), expected);
    }

    void map_data()
    {
        QTest::addColumn<QJsonObject>("claims");
        QTest::addColumn<QString>("values"); // settings text; empty: the defaults
        QTest::addColumn<QStringList>("expected");

        QTest::newRow("keycloak realm role") << json(kKeycloak) << QString() << list("viewer|operator");
        QTest::newRow("keycloak client roles")
            << json(kKeycloakClientRoles) << QString() << list("viewer|operator|approver");
        QTest::newRow("entra with its own role values")
            << json(kEntra) << QStringLiteral("Stationdeck.Operator = operator\n") << list("viewer|operator");
        QTest::newRow("entra with defaults: case-sensitive values")
            << json(kEntra) << QString() << list("viewer|approver");
        QTest::newRow("okta group names")
            << json(kOkta) << QStringLiteral("Stationdeck Operators = operator\nEveryone = viewer\n")
            << list("viewer|operator");
        QTest::newRow("dex team to approver")
            << json(kDex) << QStringLiteral("example-org:sre = approver") << list("viewer|approver");
        QTest::newRow("nothing mapped: still a viewer")
            << json("{'groups': ['Everyone']}") << QString() << list("viewer");
        QTest::newRow("no claims: still a viewer") << QJsonObject() << QString() << list("viewer");
        QTest::newRow("viewer rule only") << json("{'roles': ['stationdeck-viewer']}") << QString() << list("viewer");
    }
    void map()
    {
        QFETCH(QJsonObject, claims);
        QFETCH(QString, values);
        QFETCH(QStringList, expected);
        RoleMapping mapping = RoleMapping::defaults();
        if (!values.isEmpty()) {
            const auto parsed = RoleMapping::parseValues(values);
            QVERIFY2(parsed.ok(), qPrintable(failure(parsed)));
            mapping.values = parsed.value();
        }
        const Roles roles = mapping.map(claims, QStringLiteral("stationdeck"));
        QVERIFY(roles.testFlag(Role::Viewer));
        QCOMPARE(roleNames(roles), expected);
    }

    void parseValues_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("error"); // empty: parses
        QTest::addColumn<QString>("formatted");

        QTest::newRow("empty") << QString() << QString() << QString();
        QTest::newRow("comments and blank lines")
            << QStringLiteral("# who may do what\n\n  # indented comment\nops = operator\n") << QString()
            << QStringLiteral("ops = operator\n");
        QTest::newRow("crlf and spaces") << QStringLiteral("  sre   =   approver  \r\nops=operator\r\n") << QString()
                                         << QStringLiteral("ops = operator\nsre = approver\n");
        QTest::newRow("value with spaces") << QStringLiteral("Stationdeck Operators = operator") << QString()
                                           << QStringLiteral("Stationdeck Operators = operator\n");
        QTest::newRow("value with '=': the last one separates")
            << QStringLiteral("team=sre = approver\ncn=ops,ou=groups=operator") << QString()
            << QStringLiteral("cn=ops,ou=groups = operator\nteam=sre = approver\n");
        QTest::newRow("role names are case-insensitive") << QStringLiteral("a = Operator\nb = APPROVER") << QString()
                                                         << QStringLiteral("a = operator\nb = approver\n");
        QTest::newRow("the same rule twice")
            << QStringLiteral("ops = operator\nops = operator") << QString() << QStringLiteral("ops = operator\n");
        QTest::newRow("unknown role") << QStringLiteral("# roles\nops = operator\nroot = admin\n")
                                      << QStringLiteral(
                                             "line 3: \"admin\" is not a Stationdeck role (viewer, operator, approver)")
                                      << QString();
        QTest::newRow("a value mapped to two roles")
            << QStringLiteral("ops = operator\n\nsre = approver\nops = approver")
            << QStringLiteral("line 4: \"ops\" is mapped to approver here and to operator on line 1; a provider "
                              "value maps to one role")
            << QString();
        QTest::newRow("empty value") << QStringLiteral("ops = operator\n = approver")
                                     << QStringLiteral("line 2: the provider value before \"=\" is empty") << QString();
        QTest::newRow("no role") << QStringLiteral("ops =")
                                 << QStringLiteral("line 1: no role after \"=\"; write viewer, operator or approver")
                                 << QString();
        QTest::newRow("no '='") << QStringLiteral("\n\nops operator")
                                << QStringLiteral("line 3: \"ops operator\" is not a rule; write \"<provider value> "
                                                  "= viewer|operator|approver\"")
                                << QString();
    }
    void parseValues()
    {
        QFETCH(QString, text);
        QFETCH(QString, error);
        QFETCH(QString, formatted);
        const auto parsed = RoleMapping::parseValues(text);
        if (!error.isEmpty()) {
            QVERIFY(!parsed.ok());
            QCOMPARE(parsed.error().message(), error);
            return;
        }
        QVERIFY2(parsed.ok(), qPrintable(failure(parsed)));
        QCOMPARE(RoleMapping::formatValues(parsed.value()), formatted);
        const auto again = RoleMapping::parseValues(formatted);
        QVERIFY(again.ok());
        QCOMPARE(again.value(), parsed.value());
    }

    void formatRoundTrip()
    {
        const QHash<QString, Role> values = RoleMapping::defaults().values;
        const QString text = RoleMapping::formatValues(values);
        QCOMPARE(text,
                 QStringLiteral("approver = approver\noperator = operator\nstationdeck-approver = approver\n"
                                "stationdeck-operator = operator\nstationdeck-viewer = viewer\n"
                                "viewer = viewer\n"));
        const auto parsed = RoleMapping::parseValues(text);
        QVERIFY(parsed.ok());
        QCOMPARE(parsed.value(), values);
        QCOMPARE(RoleMapping::formatValues({}), QString());
    }
};

QTEST_GUILESS_MAIN(TestRoles)
#include "tst_roles.moc"
