// SPDX-License-Identifier: GPL-3.0-or-later
#include "fleet/FleetEditor.h"

#include "core/Clock.h"
#include "fleet/Fleet.h"
#include "fleet/FleetValidation.h"
#include "storage/AuditLog.h"
#include "storage/Database.h"
#include "storage/SiteRepository.h"
#include "storage/StationRepository.h"

#include <QJsonArray>

namespace sd {

namespace {

QJsonObject siteJson(const Site& site)
{
    return {{QStringLiteral("timeZone"), site.timeZone},
            {QStringLiteral("windows"), site.windows},
            {QStringLiteral("retired"), site.retired}};
}

QJsonObject stationJson(const Station& station)
{
    QJsonObject labels;
    for (auto it = station.labels.cbegin(); it != station.labels.cend(); ++it)
        labels.insert(it.key(), it.value());
    return {{QStringLiteral("site"), station.site},
            {QStringLiteral("ansibleHost"), station.ansibleHost},
            {QStringLiteral("metricsUrls"), QJsonArray::fromStringList(station.metricsUrls)},
            {QStringLiteral("labels"), labels},
            {QStringLiteral("retired"), station.retired}};
}

Error notFound(const QString& what, const QString& name)
{
    return Error(QStringLiteral("there is no %1 named \"%2\"").arg(what, name));
}

} // namespace

FleetEditor::FleetEditor(Database& db, Fleet& fleet, const Clock& clock, QString actor)
    : m_db(db)
    , m_fleet(fleet)
    , m_clock(clock)
    , m_actor(std::move(actor))
{ }

Result<void> FleetEditor::commit(const std::function<Result<void>()>& work, const QString& action,
                                 const QString& subject, const QJsonObject& details)
{
    auto done = m_db.transaction([&]() -> Result<void> {
        if (auto worked = work(); !worked)
            return worked;
        AuditEntry entry{0, m_clock.now(), m_actor, action, subject, details};
        if (auto logged = AuditLog(m_db).append(entry); !logged)
            return logged.error();
        return {};
    });
    if (!done)
        return done;
    return m_fleet.reload();
}

Result<void> FleetEditor::addSite(const Site& site)
{
    if (auto valid = FleetValidation::checkSite(site); !valid)
        return valid;
    if (m_fleet.site(site.name))
        return Error(QStringLiteral("a site named \"%1\" already exists").arg(site.name));
    return commit(
        [&]() -> Result<void> {
            if (auto id = SiteRepository(m_db).insert(site); !id)
                return id.error();
            return {};
        },
        QStringLiteral("site.add"), site.name, siteJson(site));
}

Result<void> FleetEditor::updateSite(const Site& site)
{
    if (auto valid = FleetValidation::checkSite(site); !valid)
        return valid;
    const Site* current = m_fleet.site(site.name);
    if (!current)
        return notFound(QStringLiteral("site"), site.name);
    Site changed = *current;
    changed.timeZone = site.timeZone;
    changed.windows = site.windows;
    if (changed == *current)
        return {};
    QJsonObject details = siteJson(changed);
    details.insert(QStringLiteral("before"), siteJson(*current));
    return commit([&] { return SiteRepository(m_db).update(changed); }, QStringLiteral("site.edit"), site.name,
                  details);
}

Result<void> FleetEditor::setSiteRetired(const QString& name, bool retired)
{
    const Site* current = m_fleet.site(name);
    if (!current)
        return notFound(QStringLiteral("site"), name);
    if (current->retired == retired)
        return {};
    if (const int active = m_fleet.activeStationCount(name); retired && active > 0)
        return Error(QStringLiteral("site \"%1\" still has %2 active station(s); retire or move them first")
                         .arg(name)
                         .arg(active));
    Site changed = *current;
    changed.retired = retired;
    return commit([&] { return SiteRepository(m_db).update(changed); },
                  retired ? QStringLiteral("site.retire") : QStringLiteral("site.restore"), name, siteJson(changed));
}

Result<void> FleetEditor::addStation(Station station)
{
    station.source = Station::Source::Manual;
    station.retired = false;
    if (station.metricsUrls.isEmpty())
        station.metricsUrls = {FleetValidation::defaultMetricsUrl(station.ansibleHost)};
    if (auto valid = FleetValidation::checkStation(station); !valid)
        return valid;
    if (m_fleet.station(station.name))
        return Error(QStringLiteral("a station named \"%1\" already exists").arg(station.name));
    const Site* site = m_fleet.site(station.site);
    if (!site || site->retired)
        return Error(
            QStringLiteral("station \"%1\": there is no active site named \"%2\"").arg(station.name, station.site));
    return commit(
        [&]() -> Result<void> {
            if (auto id = StationRepository(m_db).insert(station); !id)
                return id.error();
            return {};
        },
        QStringLiteral("station.add"), station.name, stationJson(station));
}

Result<void> FleetEditor::updateStation(const Station& station)
{
    const Station* current = m_fleet.station(station.name);
    if (!current)
        return notFound(QStringLiteral("station"), station.name);
    Station changed = station;
    changed.id = current->id;
    changed.source = current->source;
    changed.retired = current->retired;
    if (changed.metricsUrls.isEmpty())
        changed.metricsUrls = {FleetValidation::defaultMetricsUrl(changed.ansibleHost)};
    if (auto valid = FleetValidation::checkStation(changed); !valid)
        return valid;
    const Site* site = m_fleet.site(changed.site);
    if (!site || (site->retired && changed.site != current->site))
        return Error(
            QStringLiteral("station \"%1\": there is no active site named \"%2\"").arg(changed.name, changed.site));
    if (changed == *current)
        return {};
    QJsonObject details = stationJson(changed);
    details.insert(QStringLiteral("before"), stationJson(*current));
    return commit([&] { return StationRepository(m_db).update(changed); }, QStringLiteral("station.edit"), station.name,
                  details);
}

Result<void> FleetEditor::setStationRetired(const QString& name, bool retired)
{
    const Station* current = m_fleet.station(name);
    if (!current)
        return notFound(QStringLiteral("station"), name);
    if (current->retired == retired)
        return {};
    Station changed = *current;
    changed.retired = retired;
    return commit([&] { return StationRepository(m_db).update(changed); },
                  retired ? QStringLiteral("station.retire") : QStringLiteral("station.restore"), name,
                  stationJson(changed));
}

} // namespace sd
