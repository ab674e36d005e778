// SPDX-License-Identifier: GPL-3.0-or-later
#include "auth/AuthConfig.h"
#include "auth/AuthProfiles.h"

#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using namespace sd;

class TestAuthConfig : public QObject
{
    Q_OBJECT

    static AuthConfig valid()
    {
        AuthConfig config;
        config.issuer = QUrl(QStringLiteral("https://login.example.net/realms/ops"));
        config.clientId = QStringLiteral("stationdeck");
        return config;
    }

private Q_SLOTS:
    void check_data()
    {
        QTest::addColumn<QString>("issuer");
        QTest::addColumn<QString>("clientId");
        QTest::addColumn<QStringList>("scopes");
        QTest::addColumn<QString>("error"); // empty: accepted
        const QStringList scopes = AuthConfig::defaultScopes();
        QTest::newRow("https") << "https://login.example.net/realms/ops"
                               << "stationdeck" << scopes << "";
        QTest::newRow("http loopback") << "http://127.0.0.1:8080"
                                       << "stationdeck" << scopes << "";
        QTest::newRow("http localhost") << "http://localhost:8080/"
                                        << "stationdeck" << scopes << "";
        QTest::newRow("http elsewhere") << "http://login.example.net"
                                        << "stationdeck" << scopes << "must use https";
        QTest::newRow("empty issuer") << ""
                                      << "stationdeck" << scopes << "issuer URL is empty";
        QTest::newRow("relative") << "login.example.net"
                                  << "stationdeck" << scopes << "not an absolute URL";
        QTest::newRow("query") << "https://login.example.net/?a=b"
                               << "stationdeck" << scopes << "must not have a query";
        QTest::newRow("no client") << "https://login.example.net"
                                   << " " << scopes << "client id is empty";
        QTest::newRow("no openid") << "https://login.example.net"
                                   << "stationdeck" << QStringList{QStringLiteral("profile")}
                                   << "must include \"openid\"";
        QTest::newRow("bad scope") << "https://login.example.net"
                                   << "stationdeck" << QStringList{QStringLiteral("openid"), QStringLiteral("a\"b")}
                                   << "has a character";
    }

    void check()
    {
        QFETCH(QString, issuer);
        QFETCH(QString, clientId);
        QFETCH(QStringList, scopes);
        QFETCH(QString, error);
        AuthConfig config;
        config.issuer = QUrl(issuer);
        config.clientId = clientId;
        config.scopes = scopes;
        const Result<void> checked = config.check();
        if (error.isEmpty()) {
            QVERIFY2(checked, qPrintable(checked ? QString() : checked.error().message()));
        } else {
            QVERIFY(!checked);
            QVERIFY2(checked.error().message().contains(error), qPrintable(checked.error().message()));
        }
    }

    void extraParameters_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("formatted"); // empty with error
        QTest::addColumn<QString>("error");
        QTest::newRow("empty") << ""
                               << ""
                               << "";
        QTest::newRow("two") << "kc_idp_hint=corp&ui_locales=de"
                             << "kc_idp_hint=corp&ui_locales=de"
                             << "";
        QTest::newRow("lines and spaces") << " a = 1 \n\nb=2"
                                          << "a=1&b=2"
                                          << "";
        QTest::newRow("empty value") << "prompt="
                                     << "prompt="
                                     << "";
        QTest::newRow("no =") << "prompt"
                              << ""
                              << "not key=value";
        QTest::newRow("reserved") << "redirect_uri=http://evil"
                                  << ""
                                  << "set by Stationdeck itself";
        QTest::newRow("reserved state") << "a=1&state=x"
                                        << ""
                                        << "set by Stationdeck itself";
    }

    void extraParameters()
    {
        QFETCH(QString, text);
        QFETCH(QString, formatted);
        QFETCH(QString, error);
        const auto parsed = AuthConfig::parseExtraParameters(text);
        if (!error.isEmpty()) {
            QVERIFY(!parsed);
            QVERIFY2(parsed.error().message().contains(error), qPrintable(parsed.error().message()));
            return;
        }
        QVERIFY(parsed);
        QCOMPARE(AuthConfig::formatExtraParameters(parsed.value()), formatted);
    }

    void settingsRoundTrip()
    {
        QTemporaryDir dir;
        QSettings settings(dir.filePath(QStringLiteral("s.ini")), QSettings::IniFormat);
        AuthConfig config = valid();
        config.scopes = {QStringLiteral("openid"), QStringLiteral("email")};
        config.extraParameters = {{QStringLiteral("kc_idp_hint"), QStringLiteral("corp")}};
        config.timeoutSecs = 120;
        config.roles.claimPaths = {QStringLiteral("groups")};
        config.roles.values = {{QStringLiteral("Ops Team"), Role::Operator}};
        config.protectedEndpoints = {QStringLiteral("https://prom.example.net/api/")};
        config.insecureHosts = {QStringLiteral("10.0.0.5")};
        config.save(settings);
        const AuthConfig loaded = AuthConfig::load(settings);
        QCOMPARE(loaded.issuer, config.issuer);
        QCOMPARE(loaded.clientId, config.clientId);
        QCOMPARE(loaded.scopes, config.scopes);
        QCOMPARE(loaded.extraParameters, config.extraParameters);
        QCOMPARE(loaded.timeoutSecs, 120);
        QCOMPARE(loaded.roles.claimPaths, config.roles.claimPaths);
        QCOMPARE(loaded.roles.values, config.roles.values);
        QCOMPARE(loaded.protectedEndpoints, config.protectedEndpoints);
        QCOMPARE(loaded.insecureHosts, config.insecureHosts);
    }

    void defaultsWhenNothingIsSaved()
    {
        QTemporaryDir dir;
        QSettings settings(dir.filePath(QStringLiteral("s.ini")), QSettings::IniFormat);
        const AuthConfig loaded = AuthConfig::load(settings);
        QVERIFY(!loaded.isConfigured());
        QCOMPARE(loaded.scopes, AuthConfig::defaultScopes());
        QCOMPARE(loaded.roles.claimPaths, RoleMapping::defaults().claimPaths);
        QCOMPARE(loaded.timeoutSecs, 300);
    }

    void profiles()
    {
        QTemporaryDir dir;
        QSettings settings(dir.filePath(QStringLiteral("s.ini")), QSettings::IniFormat);
        QCOMPARE(AuthProfiles::active(settings), QStringLiteral("default"));
        QCOMPARE(AuthProfiles::names(settings), QStringList{QStringLiteral("default")});
        AuthConfig prod = valid();
        AuthConfig staging = valid();
        staging.issuer = QUrl(QStringLiteral("https://staging.example.net"));
        AuthProfiles::save(settings, QStringLiteral("prod"), prod);
        AuthProfiles::save(settings, QStringLiteral("staging"), staging);
        AuthProfiles::setActive(settings, QStringLiteral("staging"));
        QCOMPARE(AuthProfiles::active(settings), QStringLiteral("staging"));
        QCOMPARE(AuthProfiles::names(settings), (QStringList{QStringLiteral("prod"), QStringLiteral("staging")}));
        QCOMPARE(AuthProfiles::load(settings, QStringLiteral("prod")).issuer, prod.issuer);
        QCOMPARE(AuthProfiles::load(settings, QStringLiteral("staging")).issuer, staging.issuer);
        AuthProfiles::remove(settings, QStringLiteral("prod"));
        QCOMPARE(AuthProfiles::names(settings), QStringList{QStringLiteral("staging")});
        QVERIFY(!AuthProfiles::load(settings, QStringLiteral("prod")).isConfigured());
        // A hand-edited bad name falls back to the default profile.
        settings.setValue(QStringLiteral("auth/profile"), QStringLiteral("a/b"));
        QCOMPARE(AuthProfiles::active(settings), QStringLiteral("default"));
    }

    void profileNames_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("error");
        QTest::newRow("plain") << "prod"
                               << "";
        QTest::newRow("spaces inside") << "Acme Corp (EU)"
                                       << "";
        QTest::newRow("unicode") << "Zürich"
                                 << "";
        QTest::newRow("empty") << ""
                               << "needs a name";
        QTest::newRow("slash") << "a/b"
                               << "cannot have";
        QTest::newRow("backslash") << "a\\b"
                                   << "cannot have";
        QTest::newRow("newline") << "a\nb"
                                 << "cannot have";
        QTest::newRow("leading space") << " prod"
                                       << "starts or ends with a space";
        QTest::newRow("too long") << QString(65, QLatin1Char('x')) << "longer than 64";
    }

    void profileNames()
    {
        QFETCH(QString, name);
        QFETCH(QString, error);
        const Result<void> checked = AuthProfiles::checkName(name);
        if (error.isEmpty()) {
            QVERIFY(checked);
        } else {
            QVERIFY(!checked);
            QVERIFY2(checked.error().message().contains(error), qPrintable(checked.error().message()));
        }
    }
};

QTEST_GUILESS_MAIN(TestAuthConfig)
#include "tst_authconfig.moc"
