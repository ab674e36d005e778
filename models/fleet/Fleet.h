// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/Result.h"
#include "fleet/Site.h"
#include "fleet/Station.h"
#include "fleet/WindowSchedule.h"

#include <QHash>
#include <QList>
#include <QObject>

namespace sd {

class Database;

// The fleet as the console shows it: a snapshot of sites and stations read from the database,
// with each site's parsed window schedule. Reloaded after every write; item models follow it.
class Fleet : public QObject
{
    Q_OBJECT
public:
    explicit Fleet(Database& db, QObject* parent = nullptr);

    Result<void> reload();

    const QList<Site>& sites() const { return m_sites; } // ordered by name, retired included
    const QList<Station>& stations() const { return m_stations; } // ordered by name, retired included
    const Site* site(const QString& name) const;
    const Station* station(const QString& name) const;
    // The schedule of a site (empty for an unknown site).
    WindowSchedule schedule(const QString& siteName) const;
    int activeStationCount(const QString& siteName) const;
    int activeStationCount() const { return m_activeStations; } // the whole fleet

Q_SIGNALS:
    void reloaded();

private:
    Database& m_db;
    QList<Site> m_sites;
    QList<Station> m_stations;
    QHash<QString, WindowSchedule> m_schedules;
    int m_activeStations = 0;
};

} // namespace sd
