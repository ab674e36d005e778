// SPDX-License-Identifier: GPL-3.0-or-later
#include "storage/SiteRepository.h"

#include "storage/Database.h"
#include "storage/Statement.h"

#include <QDateTime>

namespace sd {

namespace {

const QString selectSites = QStringLiteral("SELECT id, name, time_zone, windows, retired FROM sites");

Site siteFrom(const Statement& row)
{
    Site site;
    site.id = row.value(0).toLongLong();
    site.name = row.value(1).toString();
    site.timeZone = row.value(2).toString();
    site.windows = row.value(3).toString();
    site.retired = row.value(4).toBool();
    return site;
}

QString now()
{
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
}

} // namespace

Result<QList<Site>> SiteRepository::all(bool includeRetired) const
{
    Statement query(m_db,
                    selectSites + (includeRetired ? QString() : QStringLiteral(" WHERE NOT retired"))
                        + QStringLiteral(" ORDER BY name"));
    if (auto ran = query.exec(); !ran)
        return Error(QStringLiteral("Could not read the sites from %1: %2.")
                         .arg(m_db.url().displayString(), ran.error().message()));
    QList<Site> sites;
    while (query.next())
        sites.append(siteFrom(query));
    return sites;
}

Result<std::optional<Site>> SiteRepository::byName(const QString& name) const
{
    Statement query(m_db, selectSites + QStringLiteral(" WHERE name = :name"));
    query.bind(QStringLiteral(":name"), name);
    if (auto ran = query.exec(); !ran)
        return Error(QStringLiteral("Could not read site \"%1\" from %2: %3.")
                         .arg(name, m_db.url().displayString(), ran.error().message()));
    if (!query.next())
        return std::optional<Site>();
    return std::optional<Site>(siteFrom(query));
}

Result<qint64> SiteRepository::insert(const Site& site)
{
    Statement query(m_db,
                    QStringLiteral("INSERT INTO sites (name, time_zone, windows, retired, created_at, updated_at) "
                                   "VALUES (:name, :time_zone, :windows, :retired, :created_at, :updated_at) "
                                   "RETURNING id"));
    const QString timestamp = now();
    query.bind(QStringLiteral(":name"), site.name)
        .bind(QStringLiteral(":time_zone"), site.timeZone)
        .bind(QStringLiteral(":windows"), site.windows)
        .bind(QStringLiteral(":retired"), site.retired)
        .bind(QStringLiteral(":created_at"), timestamp)
        .bind(QStringLiteral(":updated_at"), timestamp);
    auto ran = query.exec();
    if (!ran && query.failedOnUniqueConstraint())
        return Error(QStringLiteral("A site named \"%1\" already exists.").arg(site.name));
    if (!ran || !query.next())
        return Error(QStringLiteral("Could not add site \"%1\" to %2: %3.")
                         .arg(site.name, m_db.url().displayString(),
                              ran ? QStringLiteral("the database returned no id") : ran.error().message()));
    const qint64 id = query.value(0).toLongLong();
    query.finish();
    return id;
}

Result<void> SiteRepository::update(const Site& site)
{
    Statement query(m_db,
                    QStringLiteral("UPDATE sites SET name = :name, time_zone = :time_zone, windows = :windows, "
                                   "retired = :retired, updated_at = :updated_at WHERE id = :id"));
    query.bind(QStringLiteral(":name"), site.name)
        .bind(QStringLiteral(":time_zone"), site.timeZone)
        .bind(QStringLiteral(":windows"), site.windows)
        .bind(QStringLiteral(":retired"), site.retired)
        .bind(QStringLiteral(":updated_at"), now())
        .bind(QStringLiteral(":id"), site.id);
    auto ran = query.exec();
    if (!ran && query.failedOnUniqueConstraint())
        return Error(
            QStringLiteral("Cannot rename the site to \"%1\": a site with that name already exists.").arg(site.name));
    if (!ran)
        return Error(QStringLiteral("Could not update site \"%1\" in %2: %3.")
                         .arg(site.name, m_db.url().displayString(), ran.error().message()));
    if (query.rowsAffected() == 0)
        return Error(QStringLiteral("Could not update site \"%1\": there is no site with id %2 in %3.")
                         .arg(site.name)
                         .arg(site.id)
                         .arg(m_db.url().displayString()));
    return {};
}

} // namespace sd
