// SPDX-License-Identifier: GPL-3.0-or-later
#include "fleet/InventoryImport.h"

#include "core/Clock.h"
#include "core/Logging.h"
#include "storage/AuditLog.h"
#include "storage/Database.h"
#include "storage/SiteRepository.h"
#include "storage/StationRepository.h"

#include <QJsonArray>

namespace sd {

namespace {

Result<void> importSites(SiteRepository& repo, const QList<Site>& sites, ImportReport& report)
{
    for (const Site& wanted : sites) {
        auto existing = repo.byName(wanted.name);
        if (!existing)
            return existing.error();
        if (!existing->has_value()) {
            if (auto id = repo.insert(wanted); !id)
                return id.error();
            report.sitesAdded.append(wanted.name);
            continue;
        }
        Site current = **existing;
        if (current.timeZone == wanted.timeZone && current.windows == wanted.windows && !current.retired)
            continue;
        current.timeZone = wanted.timeZone;
        current.windows = wanted.windows;
        current.retired = false;
        if (auto updated = repo.update(current); !updated)
            return updated.error();
        report.sitesChanged.append(wanted.name);
    }
    return {};
}

Result<void> importStations(StationRepository& repo, const QList<Station>& stations, ImportReport& report)
{
    auto all = repo.all(true);
    if (!all)
        return all.error();
    QHash<QString, Station> current;
    for (const Station& station : std::as_const(*all))
        current.insert(station.name, station);

    for (Station wanted : stations) {
        wanted.source = Station::Source::Inventory;
        const auto it = current.constFind(wanted.name);
        if (it == current.cend()) {
            if (auto id = repo.insert(wanted); !id)
                return id.error();
            report.added.append(wanted.name);
            continue;
        }
        wanted.id = it->id;
        wanted.retired = false;
        if (wanted == *it) {
            report.unchanged.append(wanted.name);
        } else {
            if (auto updated = repo.update(wanted); !updated)
                return updated.error();
            report.changed.append(wanted.name);
        }
        current.remove(wanted.name);
    }
    // What is left came from an earlier inventory and is gone from this one.
    QList<Station> leaving = current.values();
    std::sort(leaving.begin(), leaving.end(), [](const Station& a, const Station& b) { return a.name < b.name; });
    for (Station station : leaving) {
        if (station.retired || station.source != Station::Source::Inventory)
            continue;
        station.retired = true;
        if (auto updated = repo.update(station); !updated)
            return updated.error();
        report.retired.append(station.name);
    }
    return {};
}

QJsonObject details(const ImportReport& report)
{
    return QJsonObject{
        {QStringLiteral("added"), QJsonArray::fromStringList(report.added)},
        {QStringLiteral("changed"), QJsonArray::fromStringList(report.changed)},
        {QStringLiteral("retired"), QJsonArray::fromStringList(report.retired)},
        {QStringLiteral("unchanged"), report.unchanged.size()},
        {QStringLiteral("sitesAdded"), QJsonArray::fromStringList(report.sitesAdded)},
        {QStringLiteral("sitesChanged"), QJsonArray::fromStringList(report.sitesChanged)},
        {QStringLiteral("skippedHosts"), QJsonArray::fromStringList(report.skippedHosts)},
    };
}

} // namespace

Result<ImportReport> InventoryImport::apply(const InventoryData& data, const QString& source, const QString& actor)
{
    if (data.stations.isEmpty())
        return Error(QStringLiteral("the inventory %1 has no host with stationdeck_site, so there is nothing to import "
                                    "(nothing was changed)")
                         .arg(source));
    ImportReport report;
    report.skippedHosts = data.skippedHosts;
    report.warnings = data.warnings;
    auto done = m_db.transaction([&]() -> Result<void> {
        SiteRepository sites(m_db);
        if (auto imported = importSites(sites, data.sites, report); !imported)
            return imported;
        StationRepository stations(m_db);
        if (auto imported = importStations(stations, data.stations, report); !imported)
            return imported;
        AuditEntry entry;
        entry.at = m_clock.now();
        entry.actor = actor;
        entry.action = QStringLiteral("inventory.import");
        entry.subject = source;
        entry.details = details(report);
        if (auto logged = AuditLog(m_db).append(entry); !logged)
            return logged.error();
        return {};
    });
    if (!done)
        return done.error().withContext(QStringLiteral("importing %1 (nothing was changed)").arg(source));
    qCInfo(lcInventory).noquote() << "imported" << source << "-" << report.summary();
    return report;
}

} // namespace sd
