// SPDX-License-Identifier: GPL-3.0-or-later
// The edit dialogs stay open and say why while their handler refuses, and close when it accepts.
#include "auth/AuthProfiles.h"
#include "fleet/SiteDialog.h"
#include "fleet/StationDialog.h"
#include "settings/SettingsDialog.h"

#include <QAbstractButton>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSpinBox>
#include <QTest>

#include <optional>

using namespace sd;

namespace {

QLabel* errorLabel(QDialog& dialog)
{
    for (auto* label : dialog.findChildren<QLabel*>()) {
        if (label->styleSheet().contains(QStringLiteral("color")))
            return label;
    }
    return nullptr;
}

} // namespace

class TestDialogs : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void siteDialogShowsTheRefusal()
    {
        int calls = 0;
        Site seen;
        SiteDialog dialog(Site{}, false, [&](const Site& site) -> Result<void> {
            ++calls;
            seen = site;
            if (site.windows.contains(QStringLiteral("Fry")))
                return Error(QStringLiteral("\"Fry\" is not a day"));
            return {};
        });
        dialog.show();
        auto edits = dialog.findChildren<QLineEdit*>();
        QCOMPARE(edits.size(), 3); // name, the zone combo's editor, windows
        edits.at(0)->setText(QStringLiteral("  Zanzibar "));
        dialog.findChild<QComboBox*>()->setCurrentText(QStringLiteral("Africa/Dar_es_Salaam"));
        edits.last()->setText(QStringLiteral("Mon-Fry 02:00-04:00"));
        dialog.accept();
        QCOMPARE(calls, 1);
        QCOMPARE(seen.name, QStringLiteral("Zanzibar"));
        QCOMPARE(seen.timeZone, QStringLiteral("Africa/Dar_es_Salaam"));
        QVERIFY(dialog.isVisible());
        QVERIFY(errorLabel(dialog)->isVisible());
        QCOMPARE(errorLabel(dialog)->text(), QStringLiteral("\"Fry\" is not a day."));

        edits.last()->setText(QStringLiteral("Mon-Fri 02:00-04:00"));
        dialog.accept();
        QCOMPARE(calls, 2);
        QVERIFY(!dialog.isVisible());
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
    }

    void stationDialogChecksLabelsBeforeTheHandler()
    {
        int calls = 0;
        Station station;
        station.site = QStringLiteral("B");
        StationDialog dialog(station, {QStringLiteral("A"), QStringLiteral("B")}, false, [&](const Station& s) {
            ++calls;
            station = s;
            return Result<void>();
        });
        dialog.show();
        auto edits = dialog.findChildren<QLineEdit*>();
        edits.at(0)->setText(QStringLiteral("b-01"));
        edits.at(1)->setText(QStringLiteral("10.0.0.1"));
        edits.at(2)->setText(QStringLiteral("tier"));
        dialog.findChild<QPlainTextEdit*>()->setPlainText(QStringLiteral("http://10.0.0.1:9100/metrics\n\n"));
        dialog.accept();
        QCOMPARE(calls, 0);
        QCOMPARE(errorLabel(dialog)->text(), QStringLiteral("Label \"tier\" has no value; write name=value."));
        edits.at(2)->setText(QStringLiteral("tier=edge"));
        dialog.accept();
        QCOMPARE(calls, 1);
        QCOMPARE(station.site, QStringLiteral("B"));
        QCOMPARE(station.metricsUrls, QStringList{QStringLiteral("http://10.0.0.1:9100/metrics")});
        QCOMPARE(station.labels.value(QStringLiteral("tier")), QStringLiteral("edge"));
        QVERIFY(!dialog.isVisible());
    }

    void settingsReimportAppliesFirst()
    {
        QStringList applied;
        SettingsDialog dialog({QString(), QStringLiteral("/old.yml"), {}, AuthProfiles::defaultName(), HealthConfig{}},
                              QStringLiteral("sqlite:/default.db"), QStringLiteral("sqlite:/in-use.db"),
                              [&](const SettingsDialog::Values& values) -> Result<void> {
                                  applied.append(values.inventoryPath);
                                  if (values.databaseUrl.contains(QLatin1Char('@')))
                                      return Error(QStringLiteral("no passwords"));
                                  return {};
                              });
        QStringList reimported;
        connect(&dialog, &SettingsDialog::reimportRequested, this,
                [&](const QString& path) { reimported.append(path); });
        dialog.show();
        auto* database = dialog.findChild<QLineEdit*>(QStringLiteral("DatabaseEdit"));
        auto* inventory = dialog.findChild<QLineEdit*>(QStringLiteral("InventoryEdit"));
        QVERIFY(database && inventory);
        database->setText(QStringLiteral("postgresql://a:b@h/db"));
        inventory->setText(QStringLiteral("/new.yml"));
        dialog.accept();
        QVERIFY(dialog.isVisible());
        QCOMPARE(errorLabel(dialog)->text(), QStringLiteral("No passwords."));
        database->clear();
        for (auto* button : dialog.findChildren<QAbstractButton*>()) {
            if (button->text().contains(QStringLiteral("Re-import")))
                button->click();
        }
        QCOMPARE(applied, (QStringList{QStringLiteral("/new.yml"), QStringLiteral("/new.yml")}));
        QCOMPARE(reimported, QStringList{QStringLiteral("/new.yml")});
        QVERIFY(!dialog.isVisible());
    }

    void healthTabRoundTripsWhatIsChosen()
    {
        HealthConfig start;
        start.serverUrl = QUrl(QStringLiteral("http://prom.example:9090"));
        start.intervalSecs = 30;
        start.processSelector = QStringLiteral("job=\"app\"");
        std::optional<SettingsDialog::Values> applied;
        SettingsDialog dialog({QString(), QString(), {}, AuthProfiles::defaultName(), start},
                              QStringLiteral("sqlite:/default.db"), QStringLiteral("sqlite:/in-use.db"),
                              [&](const SettingsDialog::Values& values) -> Result<void> {
                                  applied = values;
                                  return values.health.check();
                              });
        dialog.showTab(2);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        if (const QString shots = qEnvironmentVariable("STATIONDECK_SCREENSHOT_DIR"); !shots.isEmpty())
            QVERIFY(dialog.grab().save(shots + QStringLiteral("/settings-health.png")));
        auto* source = dialog.findChild<QComboBox*>(QStringLiteral("HealthSourceCombo"));
        auto* server = dialog.findChild<QLineEdit*>(QStringLiteral("PrometheusServerEdit"));
        auto* process = dialog.findChild<QLineEdit*>(QStringLiteral("ProcessSelectorEdit"));
        auto* rateWindow = dialog.findChild<QSpinBox*>(QStringLiteral("RateWindowSpin"));
        QVERIFY(source && server && process && rateWindow);
        QCOMPARE(server->text(), QStringLiteral("http://prom.example:9090"));
        QCOMPARE(process->text(), QStringLiteral("job=\"app\""));
        QCOMPARE(rateWindow->text(), QStringLiteral("automatic"));
        QVERIFY(process->isEnabled() && rateWindow->isEnabled()); // a server is set
        rateWindow->setValue(5);
        dialog.accept(); // too short a rate window: refused with the setting named
        QVERIFY(dialog.isVisible());
        QVERIFY(errorLabel(dialog)->text().contains(QStringLiteral("The rate window (seconds, 0 for automatic)")));
        rateWindow->setValue(120);
        source->setCurrentIndex(1);
        server->clear();
        dialog.accept(); // server mode without a server: refused, the dialog stays open
        QVERIFY(dialog.isVisible());
        QVERIFY(errorLabel(dialog)->text().contains(QStringLiteral("needs the server's URL")));
        server->setText(QStringLiteral(" https://thanos.example/ "));
        dialog.accept();
        QVERIFY(!dialog.isVisible());
        QVERIFY(applied.has_value());
        QCOMPARE(applied->health.source, HealthConfig::Source::Server);
        QCOMPARE(applied->health.serverUrl, QUrl(QStringLiteral("https://thanos.example/")));
        QCOMPARE(applied->health.intervalSecs, 30);
        QCOMPARE(applied->health.processSelector, QStringLiteral("job=\"app\""));
        QCOMPARE(applied->health.rateWindowSecs, 120);
    }

    void signInTabRoundTripsWhatIsTyped()
    {
        SignInSettings typed{QStringLiteral("https://login.example.net/realms/ops"),
                             QStringLiteral("stationdeck"),
                             QStringLiteral("openid profile offline_access"),
                             QStringLiteral("kc_idp_hint=corp"),
                             QStringLiteral("resource_access.{client_id}.roles\nroles"),
                             QStringLiteral("Ops = operator\nChange Board = approver"),
                             QStringLiteral("https://prom.example.net/api/\n*.sites.example.net"),
                             QStringLiteral("10.20.0.5")};
        std::optional<SettingsDialog::Values> applied;
        SettingsDialog dialog(
            {QString(), QString(), {{QStringLiteral("prod"), typed}}, QStringLiteral("prod"), HealthConfig{}},
            QStringLiteral("sqlite:/default.db"), QStringLiteral("sqlite:/in-use.db"),
            [&](const SettingsDialog::Values& values) -> Result<void> {
                applied = values;
                return {};
            });
        dialog.showTab(1);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        if (const QString shots = qEnvironmentVariable("STATIONDECK_SCREENSHOT_DIR"); !shots.isEmpty())
            QVERIFY(dialog.grab().save(shots + QStringLiteral("/settings-sign-in.png")));
        auto* issuer = dialog.findChild<QLineEdit*>(QStringLiteral("IssuerEdit"));
        QVERIFY(issuer);
        QVERIFY(issuer->isVisible());
        issuer->setText(QStringLiteral("  https://login.example.net/realms/other  "));
        // A second profile: empty fields; typing there leaves the first alone; switching back shows it.
        auto* page = dialog.findChild<SignInSettingsPage*>();
        QVERIFY(page);
        page->addProfile(QStringLiteral("staging"));
        QCOMPARE(issuer->text(), QString());
        issuer->setText(QStringLiteral("https://staging.example.net"));
        page->showProfile(QStringLiteral("prod"));
        QCOMPARE(issuer->text(), QStringLiteral("https://login.example.net/realms/other"));
        dialog.accept();
        QVERIFY(applied.has_value());
        QCOMPARE(applied->activeProfile, QStringLiteral("prod"));
        QCOMPARE(applied->signInProfiles.keys(), (QStringList{QStringLiteral("prod"), QStringLiteral("staging")}));
        const SignInSettings prod = applied->signInProfiles.value(QStringLiteral("prod"));
        QCOMPARE(prod.issuer, QStringLiteral("https://login.example.net/realms/other"));
        QCOMPARE(prod.clientId, typed.clientId);
        QCOMPARE(prod.roleMapping, typed.roleMapping);
        QCOMPARE(prod.protectedEndpoints, typed.protectedEndpoints);
        QCOMPARE(prod.insecureHosts, typed.insecureHosts);
        QCOMPARE(applied->signInProfiles.value(QStringLiteral("staging")).issuer,
                 QStringLiteral("https://staging.example.net"));
    }
};

QTEST_MAIN(TestDialogs)
#include "tst_dialogs.moc"
