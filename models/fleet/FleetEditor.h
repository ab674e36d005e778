// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/Result.h"
#include "fleet/Site.h"
#include "fleet/Station.h"

#include <QJsonObject>
#include <QString>

#include <functional>

namespace sd {

class Clock;
class Database;
class Fleet;

// Changes made by hand: add, edit and retire sites and stations, with the same checks as an
// inventory import. Each change is one transaction with its audit entry; the fleet is reloaded.
class FleetEditor
{
public:
    FleetEditor(Database& db, Fleet& fleet, const Clock& clock, QString actor);

    void setActor(const QString& actor) { m_actor = actor; }
    const QString& actor() const { return m_actor; }

    Result<void> addSite(const Site& site);
    Result<void> updateSite(const Site& site); // by name; time zone and windows
    Result<void> setSiteRetired(const QString& name, bool retired);

    Result<void> addStation(Station station); // source becomes Manual
    Result<void> updateStation(const Station& station); // by name
    Result<void> setStationRetired(const QString& name, bool retired);

private:
    Result<void> commit(const std::function<Result<void>()>& work, const QString& action, const QString& subject,
                        const QJsonObject& details);

    Database& m_db;
    Fleet& m_fleet;
    const Clock& m_clock;
    QString m_actor;
};

} // namespace sd
