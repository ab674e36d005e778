// SPDX-License-Identifier: GPL-3.0-or-later
#include "fleet/Fleet.h"

#include "core/Logging.h"
#include "storage/Database.h"
#include "storage/SiteRepository.h"
#include "storage/StationRepository.h"

namespace sd {

Fleet::Fleet(Database& db, QObject* parent)
    : QObject(parent)
    , m_db(db)
{ }

Result<void> Fleet::reload()
{
    auto sites = SiteRepository(m_db).all(true);
    if (!sites)
        return sites.error();
    auto stations = StationRepository(m_db).all(true);
    if (!stations)
        return stations.error();
    QHash<QString, WindowSchedule> schedules;
    for (const Site& site : std::as_const(*sites)) {
        auto schedule = WindowSchedule::parse(site.windows, QTimeZone(site.timeZone.toUtf8()));
        if (schedule) {
            schedules.insert(site.name, *schedule);
        } else {
            // Written by hand into a shared database, perhaps: show the site, without windows.
            qCWarning(lcFleet).noquote() << "site" << site.name << ":" << schedule.error().message();
            schedules.insert(site.name, WindowSchedule({}, QTimeZone(site.timeZone.toUtf8())));
        }
    }
    m_sites = std::move(sites.value());
    m_stations = std::move(stations.value());
    m_schedules = std::move(schedules);
    m_activeStations
        = int(std::count_if(m_stations.cbegin(), m_stations.cend(), [](const Station& s) { return !s.retired; }));
    Q_EMIT reloaded();
    return {};
}

const Site* Fleet::site(const QString& name) const
{
    for (const Site& site : m_sites) {
        if (site.name == name)
            return &site;
    }
    return nullptr;
}

const Station* Fleet::station(const QString& name) const
{
    for (const Station& station : m_stations) {
        if (station.name == name)
            return &station;
    }
    return nullptr;
}

WindowSchedule Fleet::schedule(const QString& siteName) const
{
    return m_schedules.value(siteName);
}

int Fleet::activeStationCount(const QString& siteName) const
{
    return int(std::count_if(m_stations.cbegin(), m_stations.cend(),
                             [&](const Station& s) { return s.site == siteName && !s.retired; }));
}

} // namespace sd
