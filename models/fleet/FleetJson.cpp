// SPDX-License-Identifier: GPL-3.0-or-later
#include "fleet/FleetJson.h"

#include "fleet/Fleet.h"
#include "fleet/SiteStatus.h"

#include <QJsonObject>

namespace sd {

namespace {

QJsonValue isoInZone(const QDateTime& utc, const QTimeZone& zone)
{
    if (!utc.isValid())
        return QJsonValue::Null;
    // Qt writes "Z" for a zero offset only in UTC; a zone at +00:00 prints "+00:00".
    return utc.toTimeZone(zone).toString(Qt::ISODate);
}

} // namespace

QJsonArray FleetJson::sites(const Fleet& fleet, const QDateTime& nowUtc)
{
    QJsonArray array;
    for (const Site& site : fleet.sites()) {
        if (site.retired)
            continue;
        const WindowSchedule schedule = fleet.schedule(site.name);
        const SiteStatus status = SiteStatus::compute(schedule, nowUtc);
        QJsonArray windows;
        for (const MaintenanceWindow& window : schedule.windows())
            windows.append(window.toString());
        QJsonObject object{
            {QStringLiteral("name"), site.name},
            {QStringLiteral("timeZone"), site.timeZone},
            {QStringLiteral("utcOffset"), status.offsetText},
            {QStringLiteral("localTime"), isoInZone(nowUtc, schedule.zone())},
            {QStringLiteral("windows"), windows},
            {QStringLiteral("windowOpen"), status.windowOpen},
            {QStringLiteral("window"), status.windowText},
            {QStringLiteral("stations"), fleet.activeStationCount(site.name)},
        };
        if (auto open = schedule.openAt(nowUtc))
            object.insert(QStringLiteral("openUntil"), isoInZone(open->closes, schedule.zone()));
        const auto next = schedule.nextOpening(nowUtc);
        object.insert(QStringLiteral("nextOpens"), next ? isoInZone(next->opens, schedule.zone()) : QJsonValue::Null);
        object.insert(QStringLiteral("nextCloses"), next ? isoInZone(next->closes, schedule.zone()) : QJsonValue::Null);
        array.append(object);
    }
    return array;
}

QJsonArray FleetJson::stations(const Fleet& fleet, bool includeRetired)
{
    QJsonArray array;
    for (const Station& station : fleet.stations()) {
        if (station.retired && !includeRetired)
            continue;
        QJsonObject labels;
        for (auto it = station.labels.cbegin(); it != station.labels.cend(); ++it)
            labels.insert(it.key(), it.value());
        array.append(QJsonObject{
            {QStringLiteral("name"), station.name},
            {QStringLiteral("site"), station.site},
            {QStringLiteral("ansibleHost"), station.ansibleHost},
            {QStringLiteral("metricsUrls"), QJsonArray::fromStringList(station.metricsUrls)},
            {QStringLiteral("labels"), labels},
            {QStringLiteral("retired"), station.retired},
            {QStringLiteral("source"),
             station.source == Station::Source::Manual ? QStringLiteral("manual") : QStringLiteral("inventory")},
        });
    }
    return array;
}

} // namespace sd
