// SPDX-License-Identifier: GPL-3.0-or-later
#include "CliApp.h"

#include "AuthCommands.h"
#include "CheckMetricsCommand.h"
#include "CliSession.h"
#include "ScrapeCommand.h"
#include "TextTable.h"
#include "auth/AuthProfiles.h"
#include "auth/BearerAuthenticator.h"
#include "auth/BearerPolicy.h"
#include "core/LocalUser.h"
#include "fleet/Fleet.h"
#include "fleet/FleetJson.h"
#include "fleet/InventorySync.h"
#include "fleet/LabelText.h"
#include "fleet/SiteStatus.h"
#include "storage/AuditLog.h"
#include "storage/Database.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QEventLoop>
#include <QFileInfo>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QSettings>

#include <algorithm>
#include <cstdio>

namespace sd {

CliApp::CliApp()
    : m_out(stdout)
    , m_err(stderr)
{ }

CliApp::~CliApp() = default;

Session::AuditSink CliApp::auditSink()
{
    return [this](const QString& action, const QString& subject, const QJsonObject& details) {
        const auto entry = AuditEntry::make(m_clock.now(), localUserName(), action, subject, details);
        if (Result<qint64> written = AuditLog(*m_db).append(entry); !written)
            m_err << "stationdeck-cli: warning: " << written.error().sentence() << Qt::endl;
    };
}

int CliApp::fail(const QString& message)
{
    m_err << "stationdeck-cli: " << Error(message).sentence() << Qt::endl;
    return 1;
}

Result<void> CliApp::openDatabase(const QString& urlText)
{
    auto db = Database::openChosen(urlText);
    if (!db)
        return db.error();
    m_db = std::move(db.value());
    m_fleet = std::make_unique<Fleet>(*m_db);
    return m_fleet->reload();
}

int CliApp::run(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Stationdeck's fleet commands.\n\n"
        "Commands:\n"
        "  inventory import PATH   Import sites and stations from an Ansible inventory (INI, YAML or a folder).\n"
        "  stations                List stations.\n"
        "  sites                   List sites with their local time and maintenance windows.\n"
        "  login                   Sign in with the identity provider (system browser, PKCE).\n"
        "  whoami                  Show who is signed in, restoring the session from the keychain.\n"
        "  logout                  Sign out: revoke the sign-in and delete it from the keychain.\n"
        "  check-metrics FILE|-    Check a metrics exposition; prints families=N samples=M (no database).\n"
        "  scrape URL...           Scrape metrics endpoints twice, the interval apart; print up, CPU and memory\n"
        "                          (exit code 1 if any is down). Endpoints the sign-in profile protects get\n"
        "                          the signed-in user's token."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption databaseOption(
        QStringLiteral("database"),
        QStringLiteral("The database: sqlite:/path/file.db or postgresql://user@host:port/db "
                       "(default: the one chosen in Settings, else a SQLite file in the app data folder)."),
        QStringLiteral("url"));
    const QCommandLineOption jsonOption(QStringLiteral("json"), QStringLiteral("Print JSON instead of a table."));
    const QCommandLineOption allOption(QStringLiteral("all"), QStringLiteral("stations: include retired stations."));
    const QCommandLineOption atOption(
        QStringLiteral("at"),
        QStringLiteral("sites: show local times and windows at this instant (ISO 8601 with offset, e.g. "
                       "2026-12-01T02:00:00Z) instead of now."),
        QStringLiteral("instant"));
    const QCommandLineOption verboseOption(QStringLiteral("verbose"),
                                           QStringLiteral("Log what happens (database, ansible-inventory) on stderr."));
    const QCommandLineOption issuerOption(QStringLiteral("issuer"),
                                          QStringLiteral("login/whoami/logout: the identity provider's issuer URL "
                                                         "(default: the one in Settings)."),
                                          QStringLiteral("url"));
    const QCommandLineOption clientIdOption(
        QStringLiteral("client-id"), QStringLiteral("login/whoami/logout: Stationdeck's client id at the provider."),
        QStringLiteral("id"));
    const QCommandLineOption scopeOption(QStringLiteral("scope"),
                                         QStringLiteral("login: scopes, space-separated (default: openid profile "
                                                        "offline_access)."),
                                         QStringLiteral("scopes"));
    const QCommandLineOption profileOption(QStringLiteral("profile"),
                                           QStringLiteral("login/whoami/logout/scrape: the sign-in profile (default: "
                                                          "the one in use); login creates it and makes it the one in "
                                                          "use."),
                                           QStringLiteral("name"));
    const QCommandLineOption noBrowserOption(QStringLiteral("no-browser"),
                                             QStringLiteral("login: only print the URL; do not open a browser."));
    const QCommandLineOption timeoutOption(QStringLiteral("timeout"),
                                           QStringLiteral("login: seconds to wait for the browser (default 300); "
                                                          "scrape: seconds to wait for each answer (default 10)."),
                                           QStringLiteral("seconds"));
    const QCommandLineOption formatOption(QStringLiteral("format"),
                                          QStringLiteral("check-metrics: text (Prometheus text format 0.0.4, the "
                                                         "default) or openmetrics (OpenMetrics 1.0, strict)."),
                                          QStringLiteral("format"));
    const QCommandLineOption intervalOption(QStringLiteral("interval"),
                                            QStringLiteral("scrape: seconds between the two scrapes (default 5)."),
                                            QStringLiteral("seconds"));
    parser.addOptions({databaseOption, jsonOption, allOption, atOption, verboseOption, issuerOption, clientIdOption,
                       scopeOption, profileOption, noBrowserOption, timeoutOption, formatOption, intervalOption});
    parser.addPositionalArgument(QStringLiteral("command"),
                                 QStringLiteral("inventory import PATH | stations | sites | login | whoami | logout | "
                                                "check-metrics FILE | scrape URL..."));
    if (!parser.parse(arguments))
        return fail(parser.errorText());
    // Quiet by default: stdout is for results, stderr for the one sentence that says what failed.
    if (!parser.isSet(verboseOption))
        QLoggingCategory::setFilterRules(QStringLiteral("stationdeck.*.info=false\nstationdeck.*.warning=false"));
    if (parser.isSet(QStringLiteral("help"))) {
        m_out << parser.helpText();
        return 0;
    }
    if (parser.isSet(QStringLiteral("version"))) {
        m_out << "stationdeck-cli " << QCoreApplication::applicationVersion() << Qt::endl;
        return 0;
    }
    const QStringList args = parser.positionalArguments();
    if (args.isEmpty())
        return fail(QStringLiteral("no command given; try --help"));
    const QString command = args.first();
    if (command == QLatin1String("check-metrics")) { // needs no database: runs before it is opened
        if (args.size() != 2)
            return fail(QStringLiteral("usage: stationdeck-cli check-metrics [--format text|openmetrics] FILE|-"));
        return CheckMetricsCommand(m_out, m_err).run(parser.value(formatOption), args.at(1));
    }
    if (command == QLatin1String("scrape")) { // the database only for a protected endpoint (below)
        const auto seconds = [&parser](const QCommandLineOption& option, int fallback, int low, int high) -> int {
            if (!parser.isSet(option))
                return fallback;
            bool ok = false;
            const int value = parser.value(option).toInt(&ok);
            return ok && value >= low && value <= high ? value : -1;
        };
        const int interval = seconds(intervalOption, 5, 1, 3600);
        const int timeout = seconds(timeoutOption, 10, 1, 300);
        if (interval < 0)
            return fail(QStringLiteral("--interval \"%1\" is not a number of seconds from 1 to 3600")
                            .arg(parser.value(intervalOption)));
        if (timeout < 0)
            return fail(QStringLiteral("--timeout \"%1\" is not a number of seconds from 1 to 300")
                            .arg(parser.value(timeoutOption)));
        const QStringList urls = args.mid(1);
        ScrapeCommand scrape(m_out, m_err);
        // The sign-in profile's protected endpoints, as in the console, get the user's token.
        QSettings settings;
        const QString profile
            = parser.isSet(profileOption) ? parser.value(profileOption) : AuthProfiles::active(settings);
        if (auto named = AuthProfiles::checkName(profile); !named)
            return fail(named.error().message());
        const AuthConfig config = AuthProfiles::load(settings, profile);
        const auto policy = BearerPolicy::create(config.protectedEndpoints, config.insecureHosts);
        if (!policy)
            return fail(
                QStringLiteral("the sign-in profile \"%1\" in Settings: %2").arg(profile, policy.error().message()));
        const bool needsToken = std::any_of(urls.begin(), urls.end(), [&policy](const QString& text) {
            return policy->decide(QUrl(text)) != BearerPolicy::Decision::NoToken;
        });
        std::unique_ptr<CliSession> signIn;
        std::unique_ptr<BearerAuthenticator> authenticator;
        if (needsToken) {
            if (auto opened = openDatabase(parser.value(databaseOption)); !opened) // refreshes are audited
                return fail(opened.error().message());
            signIn = std::make_unique<CliSession>(config, m_clock, auditSink());
            if (config.isConfigured()) {
                if (Result<void> restored = signIn->restore();
                    !restored && restored.error().code() != QLatin1String("signed_out"))
                    m_err << "stationdeck-cli: warning: the sign-in was not restored: " << restored.error().sentence()
                          << Qt::endl;
            }
            authenticator = std::make_unique<BearerAuthenticator>(signIn->session());
            authenticator->setPolicy(*policy);
            scrape.setAuthenticator(authenticator.get());
        }
        const int code
            = scrape.run(urls, std::chrono::seconds(interval), std::chrono::seconds(timeout), parser.isSet(jsonOption));
        if (signIn)
            signIn->settle(); // a refresh token rotated meanwhile is in the keychain before we exit
        return code;
    }
    const bool isImport = command == QLatin1String("inventory") && args.value(1) == QLatin1String("import");
    if (isImport && args.size() != 3)
        return fail(QStringLiteral("usage: stationdeck-cli inventory import PATH"));
    const bool isAuth
        = command == QLatin1String("login") || command == QLatin1String("whoami") || command == QLatin1String("logout");
    if (!isImport && !isAuth && command != QLatin1String("stations") && command != QLatin1String("sites"))
        return fail(QStringLiteral("\"%1\" is not a command; try --help").arg(args.join(QLatin1Char(' '))));
    if (!isImport && args.size() != 1)
        return fail(QStringLiteral("\"%1\" takes no arguments").arg(command));

    if (parser.isSet(atOption)) {
        const QDateTime at = QDateTime::fromString(parser.value(atOption), Qt::ISODateWithMs);
        if (!at.isValid() || at.timeSpec() == Qt::LocalTime)
            return fail(QStringLiteral("--at \"%1\" is not an ISO 8601 instant with an offset, such as "
                                       "2026-12-01T02:00:00Z")
                            .arg(parser.value(atOption)));
        m_at = at.toUTC();
    }
    if (auto opened = openDatabase(parser.value(databaseOption)); !opened)
        return fail(opened.error().message());
    if (isImport)
        return importInventory(args.at(2));
    if (isAuth) {
        QSettings settings;
        const QString profile
            = parser.isSet(profileOption) ? parser.value(profileOption) : AuthProfiles::active(settings);
        if (auto named = AuthProfiles::checkName(profile); !named)
            return fail(named.error().message());
        AuthConfig config = AuthProfiles::load(settings, profile);
        if (parser.isSet(issuerOption))
            config.issuer = QUrl(parser.value(issuerOption));
        if (parser.isSet(clientIdOption))
            config.clientId = parser.value(clientIdOption);
        if (parser.isSet(scopeOption))
            config.scopes = parser.value(scopeOption).split(QLatin1Char(' '), Qt::SkipEmptyParts);
        if (parser.isSet(timeoutOption)) {
            bool ok = false;
            config.timeoutSecs = parser.value(timeoutOption).toInt(&ok);
            if (!ok)
                return fail(
                    QStringLiteral("--timeout \"%1\" is not a number of seconds").arg(parser.value(timeoutOption)));
        }
        AuthCommands auth(m_out, m_err, auditSink());
        if (command == QLatin1String("login")) {
            const int code = auth.login(config, !parser.isSet(noBrowserOption));
            if (code == 0) { // whoami and logout, and the console, use this provider from now on
                AuthProfiles::save(settings, profile, config);
                AuthProfiles::setActive(settings, profile);
            }
            return code;
        }
        return command == QLatin1String("whoami") ? auth.whoami(config) : auth.logout(config);
    }
    if (command == QLatin1String("stations"))
        return listStations(parser.isSet(jsonOption), parser.isSet(allOption));
    return listSites(parser.isSet(jsonOption));
}

int CliApp::importInventory(const QString& path)
{
    InventorySync sync(*m_db, *m_fleet, m_clock);
    sync.setActor(localUserName());
    QEventLoop loop;
    std::optional<Result<ImportReport>> outcome;
    QObject::connect(&sync, &InventorySync::finished, &loop, [&](const Result<ImportReport>& report) {
        outcome = report;
        loop.quit();
    });
    sync.start(QFileInfo(path).absoluteFilePath());
    if (!outcome)
        loop.exec();
    if (!outcome->ok())
        return fail(outcome->error().message());
    const ImportReport& report = outcome->value();
    for (const QString& warning : report.warnings)
        m_err << "stationdeck-cli: warning: " << warning << Qt::endl;
    m_out << "Imported " << report.summary() << '.' << Qt::endl;
    auto list = [&](const char* what, const QStringList& names) {
        if (!names.isEmpty())
            m_out << "  " << what << ": " << names.join(QStringLiteral(", ")) << Qt::endl;
    };
    list("added", report.added);
    list("changed", report.changed);
    list("retired", report.retired);
    list("new sites", report.sitesAdded);
    list("changed sites", report.sitesChanged);
    return 0;
}

int CliApp::listStations(bool json, bool includeRetired)
{
    if (json) {
        m_out << QJsonDocument(FleetJson::stations(*m_fleet, includeRetired)).toJson(QJsonDocument::Indented);
        return 0;
    }
    TextTable table({QStringLiteral("STATION"), QStringLiteral("SITE"), QStringLiteral("HOST"),
                     QStringLiteral("LABELS"), QStringLiteral("METRICS")});
    for (const Station& station : m_fleet->stations()) {
        if (station.retired && !includeRetired)
            continue;
        table.addRow({station.retired ? station.name + QStringLiteral(" (retired)") : station.name, station.site,
                      station.ansibleHost, LabelText::format(station.labels),
                      station.metricsUrls.join(QLatin1Char(' '))});
    }
    m_out << table.render();
    return 0;
}

int CliApp::listSites(bool json)
{
    const QDateTime now = m_at.isValid() ? m_at : m_clock.now();
    if (json) {
        m_out << QJsonDocument(FleetJson::sites(*m_fleet, now)).toJson(QJsonDocument::Indented);
        return 0;
    }
    TextTable table({QStringLiteral("SITE"), QStringLiteral("TIME ZONE"), QStringLiteral("SITE TIME"),
                     QStringLiteral("WINDOW"), QStringLiteral("STATIONS"), QStringLiteral("WINDOWS")});
    for (const Site& site : m_fleet->sites()) {
        if (site.retired)
            continue;
        const WindowSchedule schedule = m_fleet->schedule(site.name);
        const SiteStatus status = SiteStatus::compute(schedule, now);
        table.addRow({site.name, site.timeZone + QLatin1Char(' ') + status.offsetText, status.localTimeText,
                      status.windowText, QString::number(m_fleet->activeStationCount(site.name)),
                      schedule.isEmpty() ? QStringLiteral("-") : schedule.toString()});
    }
    m_out << table.render();
    return 0;
}

} // namespace sd
