// SPDX-License-Identifier: GPL-3.0-or-later
#include "GuiApp.h"

#include "HealthController.h"
#include "MainWindow.h"
#include "SignInController.h"
#include "about/AboutDialog.h"
#include "audit/AuditPage.h"
#include "auth/AuthConfig.h"
#include "auth/AuthProfiles.h"
#include "auth/BearerPolicy.h"
#include "core/LocalUser.h"
#include "core/Logging.h"
#include "core/Settings.h"
#include "fleet/Fleet.h"
#include "fleet/FleetEditor.h"
#include "fleet/FleetPage.h"
#include "fleet/InventorySync.h"
#include "fleet/SiteTreeModel.h"
#include "fleet/StationTableModel.h"
#include "health/StationHealthPage.h"
#include "settings/SettingsDialog.h"
#include "storage/AuditLog.h"
#include "storage/AuditTableModel.h"
#include "storage/Database.h"

#include <QFileInfo>
#include <QMessageBox>
#include <QNetworkAccessManager>
#include <QSettings>

namespace sd {

GuiApp::GuiApp() = default;

GuiApp::~GuiApp()
{
    // The sign-in first (its button lives in the window), then the widgets: they hold references
    // to the models, which hold references to the fleet.
    m_signIn.reset();
    m_window.reset();
}

namespace {

HealthConfig loadHealthConfig(QSettings& settings)
{
    settings.beginGroup(SettingsKeys::HealthGroup);
    HealthConfig config = HealthConfig::load(settings);
    settings.endGroup();
    return config;
}

} // namespace

Result<void> GuiApp::start(const Options& options)
{
    auto db = Database::openChosen(options.databaseUrl);
    if (!db)
        return db.error();
    m_db = std::move(db.value());
    m_fleet = std::make_unique<Fleet>(*m_db);
    if (auto loaded = m_fleet->reload(); !loaded)
        return loaded;
    m_editor = std::make_unique<FleetEditor>(*m_db, *m_fleet, m_clock, localUserName());
    m_sync = std::make_unique<InventorySync>(*m_db, *m_fleet, m_clock);
    m_sync->setActor(localUserName());
    m_siteModel = std::make_unique<SiteTreeModel>(*m_fleet, m_clock);
    m_stationModel = std::make_unique<StationTableModel>(*m_fleet, m_clock);
    m_auditModel = std::make_unique<AuditTableModel>(*m_db);
    if (auto audited = m_auditModel->reload(); !audited)
        qCWarning(lcApp).noquote() << audited.error().message();

    m_fleetPage = new FleetPage(*m_fleet, *m_editor, *m_siteModel, *m_stationModel);
    m_stationHealthPage = new StationHealthPage(m_clock);
    m_fleetPage->setDetailWidget(m_stationHealthPage);
    m_auditPage = new AuditPage(*m_auditModel);
    m_window = std::make_unique<MainWindow>(m_fleetPage, m_auditPage);
    m_network = std::make_unique<QNetworkAccessManager>();
    m_signIn
        = std::make_unique<SignInController>(*m_network, m_clock, *m_window,
                                             [this](const QString& action, const QString& subject,
                                                    const QJsonObject& details) { audit(action, subject, details); });
    m_health = std::make_unique<HealthController>(*m_network, m_clock, *m_fleet, m_signIn->authenticator(),
                                                  *m_stationModel, *m_fleetPage, *m_stationHealthPage);
    wire();
    m_window->restoreWindowState();
    m_window->showStatus(tr("%1 sites, %2 stations — database %3")
                             .arg(m_siteModel->rowCount(m_siteModel->allSitesIndex()))
                             .arg(m_fleet->stations().size())
                             .arg(m_db->url().displayString()));
    scheduleClock();
    QSettings settings;
    const QString profile = options.profile.isEmpty() ? AuthProfiles::active(settings) : options.profile;
    if (auto named = AuthProfiles::checkName(profile); !named)
        return named.error();
    AuthConfig auth = AuthProfiles::load(settings, profile);
    if (!options.issuer.isEmpty())
        auth.issuer = QUrl(options.issuer);
    if (!options.clientId.isEmpty())
        auth.clientId = options.clientId;
    if (auto ok = auth.check(); auth.isConfigured() && !ok)
        return ok.error().withContext(tr("sign-in"));
    m_signIn->start(auth);
    // After the sign-in has its protected endpoints, so that the first scrapes of protected
    // endpoints wait for the token instead of going out without one.
    HealthConfig health = loadHealthConfig(settings);
    if (auto ok = health.check(); !ok) {
        m_window->showStatus(ok.error().withContext(tr("Health settings")).sentence() + tr(" Using the defaults."),
                             true);
        health = HealthConfig();
    }
    m_health->applyConfig(health);

    if (!options.inventoryPath.isEmpty()) {
        QSettings().setValue(SettingsKeys::InventoryPath, QFileInfo(options.inventoryPath).absoluteFilePath());
        reimport();
    }
    return {};
}

void GuiApp::wire()
{
    connect(m_window.get(), &MainWindow::reimportRequested, this, [this] {
        m_interactiveImport = true;
        reimport();
    });
    connect(m_window.get(), &MainWindow::settingsRequested, this, [this] { showSettings(); });
    connect(m_signIn.get(), &SignInController::settingsNeeded, this, [this] { showSettings(1); });
    connect(m_window.get(), &MainWindow::aboutRequested, this, &GuiApp::showAbout);
    connect(m_sync.get(), &InventorySync::finished, this, &GuiApp::onImportFinished);
    connect(m_fleet.get(), &Fleet::reloaded, this, [this] {
        if (auto audited = m_auditModel->reload(); !audited)
            m_window->showStatus(audited.error().sentence(), true);
    });
    connect(&m_clockTimer, &QTimer::timeout, this, &GuiApp::refreshClock);
}

void GuiApp::reimport()
{
    const QString path = QSettings().value(SettingsKeys::InventoryPath).toString();
    if (path.isEmpty()) {
        showSettings();
        return;
    }
    if (m_sync->isRunning())
        return;
    m_window->setBusy(true, tr("Reading the inventory %1…").arg(path));
    m_sync->start(path);
}

void GuiApp::onImportFinished(const Result<ImportReport>& report)
{
    m_window->setBusy(false);
    const bool interactive = std::exchange(m_interactiveImport, false);
    if (!report) {
        m_window->showStatus(tr("Import failed: %1").arg(report.error().sentence()), true);
        if (interactive)
            QMessageBox::warning(m_window.get(), tr("Inventory not imported"), report.error().sentence());
        return;
    }
    QString message = tr("Imported %1.").arg(report->summary());
    if (!report->warnings.isEmpty())
        message += QLatin1Char(' ') + report->warnings.join(QLatin1Char(' '));
    m_window->showStatus(message);
}

namespace {

QString lines(const QStringList& list)
{
    return list.join(QLatin1Char('\n'));
}

QStringList splitLines(const QString& text)
{
    QStringList out;
    for (const QString& line : text.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
        if (!line.trimmed().isEmpty())
            out.append(line.trimmed());
    }
    return out;
}

SignInSettings toForm(const AuthConfig& config)
{
    return {config.issuer.toString(),
            config.clientId,
            config.scopes.join(QLatin1Char(' ')),
            AuthConfig::formatExtraParameters(config.extraParameters),
            lines(config.roles.claimPaths),
            RoleMapping::formatValues(config.roles.values),
            lines(config.protectedEndpoints),
            lines(config.insecureHosts)};
}

// What the user typed on the Sign-in tab, checked. An empty issuer and client id turn sign-in off.
Result<AuthConfig> fromForm(const SignInSettings& form, AuthConfig config)
{
    config.issuer = QUrl(form.issuer, QUrl::StrictMode);
    config.clientId = form.clientId;
    config.scopes
        = form.scopes.isEmpty() ? AuthConfig::defaultScopes() : form.scopes.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    auto extra = AuthConfig::parseExtraParameters(form.extraParameters);
    if (!extra)
        return extra.error().withContext(QObject::tr("Extra parameters"));
    config.extraParameters = extra.value();
    const QStringList claims = splitLines(form.roleClaims);
    config.roles.claimPaths = claims.isEmpty() ? RoleMapping::defaults().claimPaths : claims;
    auto mapping = RoleMapping::parseValues(form.roleMapping);
    if (!mapping)
        return mapping.error().withContext(QObject::tr("Role mapping"));
    config.roles.values = form.roleMapping.trimmed().isEmpty() ? RoleMapping::defaults().values : mapping.value();
    config.protectedEndpoints = splitLines(form.protectedEndpoints);
    config.insecureHosts = splitLines(form.insecureHosts);
    if (auto policy = BearerPolicy::create(config.protectedEndpoints, config.insecureHosts); !policy)
        return policy.error();
    if (form.issuer.isEmpty() && form.clientId.isEmpty())
        return config;
    if (auto ok = config.check(); !ok)
        return ok.error();
    return config;
}

} // namespace

void GuiApp::applyHealthConfig(const HealthConfig& config)
{
    m_health->applyConfig(config);
}

void GuiApp::showSettings(int tab)
{
    QSettings settings;
    QMap<QString, SignInSettings> profiles;
    const QStringList names = AuthProfiles::names(settings);
    for (const QString& name : names)
        profiles.insert(name, toForm(AuthProfiles::load(settings, name)));
    const SettingsDialog::Values values{settings.value(SettingsKeys::DatabaseUrl).toString(),
                                        settings.value(SettingsKeys::InventoryPath).toString(), profiles,
                                        AuthProfiles::active(settings), loadHealthConfig(settings)};
    SettingsDialog dialog(
        values, DatabaseUrl::defaultSqlite().displayString(), m_db->url().displayString(),
        [this, names](const SettingsDialog::Values& chosen) -> Result<void> {
            if (!chosen.databaseUrl.isEmpty()) {
                auto url = DatabaseUrl::parse(chosen.databaseUrl);
                if (!url)
                    return url.error();
                if (!url->password().isEmpty())
                    return Error(tr("Settings are not a safe place for a database password: remove it from the "
                                    "URL and put it in ~/.pgpass."));
            }
            if (!chosen.inventoryPath.isEmpty() && !QFileInfo::exists(chosen.inventoryPath))
                return Error(tr("The inventory %1 does not exist.").arg(chosen.inventoryPath));
            if (auto health = chosen.health.check(); !health)
                return health.error().withContext(tr("Health"));
            QSettings store;
            QMap<QString, AuthConfig> configs;
            for (auto it = chosen.signInProfiles.cbegin(); it != chosen.signInProfiles.cend(); ++it) {
                if (auto named = AuthProfiles::checkName(it.key()); !named)
                    return named.error();
                Result<AuthConfig> auth = fromForm(it.value(), AuthProfiles::load(store, it.key()));
                if (!auth)
                    return auth.error().withContext(tr("Sign-in profile \"%1\"").arg(it.key()));
                configs.insert(it.key(), auth.value());
            }
            store.setValue(SettingsKeys::DatabaseUrl, chosen.databaseUrl);
            store.setValue(SettingsKeys::InventoryPath,
                           chosen.inventoryPath.isEmpty() ? QString()
                                                          : QFileInfo(chosen.inventoryPath).absoluteFilePath());
            for (const QString& name : names) {
                if (!configs.contains(name))
                    AuthProfiles::remove(store, name);
            }
            for (auto it = configs.cbegin(); it != configs.cend(); ++it)
                AuthProfiles::save(store, it.key(), it.value());
            AuthProfiles::setActive(store, chosen.activeProfile);
            m_signIn->applyConfig(configs.value(chosen.activeProfile));
            store.beginGroup(SettingsKeys::HealthGroup);
            chosen.health.save(store);
            store.endGroup();
            applyHealthConfig(chosen.health);
            return {};
        },
        m_window.get());
    dialog.showTab(tab);
    connect(&dialog, &SettingsDialog::reimportRequested, this, [this] {
        m_interactiveImport = true;
        reimport();
    });
    dialog.exec();
}

void GuiApp::audit(const QString& action, const QString& subject, const QJsonObject& details)
{
    const auto entry = AuditEntry::make(m_clock.now(), localUserName(), action, subject, details);
    if (Result<qint64> written = AuditLog(*m_db).append(entry); !written)
        m_window->showStatus(written.error().sentence(), true);
    else if (auto audited = m_auditModel->reload(); !audited)
        qCWarning(lcApp).noquote() << audited.error().message();
}

void GuiApp::showAbout()
{
    AboutDialog dialog(m_db->url().displayString(), m_window.get());
    dialog.exec();
}

void GuiApp::refreshClock()
{
    m_siteModel->refreshClock();
    m_stationModel->refreshClock();
    scheduleClock();
}

void GuiApp::scheduleClock()
{
    // Tick just after each minute turns, so "Site time" changes with the wall clock.
    const qint64 msIntoMinute = m_clock.now().toMSecsSinceEpoch() % 60000;
    m_clockTimer.setSingleShot(true);
    m_clockTimer.start(int(60000 - msIntoMinute + 50));
}

} // namespace sd
