// SPDX-License-Identifier: GPL-3.0-or-later
#include "storage/StationRepository.h"

#include "storage/Database.h"
#include "storage/Statement.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace sd {

namespace {

const QString selectStations = QStringLiteral(
    "SELECT st.id, st.name, si.name, st.ansible_host, st.metrics_urls, st.labels, st.retired, st.source "
    "FROM stations st JOIN sites si ON si.id = st.site_id");

QString sourceText(Station::Source source)
{
    return source == Station::Source::Manual ? QStringLiteral("manual") : QStringLiteral("inventory");
}

QString urlsJson(const QStringList& urls)
{
    return QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(urls)).toJson(QJsonDocument::Compact));
}

QString labelsJson(const QMap<QString, QString>& labels)
{
    QJsonObject object;
    for (auto it = labels.cbegin(); it != labels.cend(); ++it)
        object.insert(it.key(), it.value());
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

Result<Station> stationFrom(const Statement& row)
{
    Station station;
    station.id = row.value(0).toLongLong();
    station.name = row.value(1).toString();
    station.site = row.value(2).toString();
    station.ansibleHost = row.value(3).toString();
    const QJsonDocument urls = QJsonDocument::fromJson(row.value(4).toString().toUtf8());
    const QJsonDocument labels = QJsonDocument::fromJson(row.value(5).toString().toUtf8());
    if (!urls.isArray() || !labels.isObject())
        return Error(
            QStringLiteral("Station \"%1\" has metrics URLs or labels that are not valid JSON in the database.")
                .arg(station.name));
    for (const QJsonValue& url : urls.array())
        station.metricsUrls.append(url.toString());
    const QJsonObject object = labels.object();
    for (auto it = object.constBegin(); it != object.constEnd(); ++it)
        station.labels.insert(it.key(), it.value().toString());
    station.retired = row.value(6).toBool();
    const QString source = row.value(7).toString();
    if (source != QStringLiteral("inventory") && source != QStringLiteral("manual"))
        return Error(
            QStringLiteral("Station \"%1\" has the unknown source \"%2\" in the database.").arg(station.name, source));
    station.source = source == QStringLiteral("manual") ? Station::Source::Manual : Station::Source::Inventory;
    return station;
}

QString now()
{
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
}

} // namespace

Result<QList<Station>> StationRepository::all(bool includeRetired) const
{
    Statement query(m_db,
                    selectStations + (includeRetired ? QString() : QStringLiteral(" WHERE NOT st.retired"))
                        + QStringLiteral(" ORDER BY st.name"));
    if (auto ran = query.exec(); !ran)
        return Error(QStringLiteral("Could not read the stations from %1: %2.")
                         .arg(m_db.url().displayString(), ran.error().message()));
    QList<Station> stations;
    while (query.next()) {
        auto station = stationFrom(query);
        if (!station)
            return station.error();
        stations.append(std::move(station).value());
    }
    return stations;
}

Result<std::optional<Station>> StationRepository::byName(const QString& name) const
{
    Statement query(m_db, selectStations + QStringLiteral(" WHERE st.name = :name"));
    query.bind(QStringLiteral(":name"), name);
    if (auto ran = query.exec(); !ran)
        return Error(QStringLiteral("Could not read station \"%1\" from %2: %3.")
                         .arg(name, m_db.url().displayString(), ran.error().message()));
    if (!query.next())
        return std::optional<Station>();
    auto station = stationFrom(query);
    if (!station)
        return station.error();
    return std::optional<Station>(std::move(station).value());
}

Result<qint64> StationRepository::siteId(const Station& station, const QString& doing) const
{
    Statement query(m_db, QStringLiteral("SELECT id FROM sites WHERE name = :name"));
    query.bind(QStringLiteral(":name"), station.site);
    if (auto ran = query.exec(); !ran)
        return Error(QStringLiteral("Could not %1 station \"%2\" in %3: %4.")
                         .arg(doing, station.name, m_db.url().displayString(), ran.error().message()));
    if (!query.next())
        return Error(QStringLiteral("Could not %1 station \"%2\": there is no site named \"%3\".")
                         .arg(doing, station.name, station.site));
    return query.value(0).toLongLong();
}

Result<qint64> StationRepository::insert(const Station& station)
{
    const auto site = siteId(station, QStringLiteral("add"));
    if (!site)
        return site.error();
    Statement query(
        m_db,
        QStringLiteral("INSERT INTO stations (name, site_id, ansible_host, metrics_urls, labels, retired, "
                       "source, created_at, updated_at) VALUES (:name, :site_id, :ansible_host, "
                       ":metrics_urls, :labels, :retired, :source, :created_at, :updated_at) RETURNING id"));
    const QString timestamp = now();
    query.bind(QStringLiteral(":created_at"), timestamp).bind(QStringLiteral(":updated_at"), timestamp);
    bindFields(query, station, *site);
    auto ran = query.exec();
    if (!ran && query.failedOnUniqueConstraint())
        return Error(QStringLiteral("A station named \"%1\" already exists.").arg(station.name));
    if (!ran || !query.next())
        return Error(QStringLiteral("Could not add station \"%1\" to %2: %3.")
                         .arg(station.name, m_db.url().displayString(),
                              ran ? QStringLiteral("the database returned no id") : ran.error().message()));
    const qint64 id = query.value(0).toLongLong();
    query.finish();
    return id;
}

Result<void> StationRepository::update(const Station& station)
{
    const auto site = siteId(station, QStringLiteral("update"));
    if (!site)
        return site.error();
    Statement query(
        m_db,
        QStringLiteral("UPDATE stations SET name = :name, site_id = :site_id, ansible_host = :ansible_host, "
                       "metrics_urls = :metrics_urls, labels = :labels, retired = :retired, "
                       "source = :source, updated_at = :updated_at WHERE id = :id"));
    query.bind(QStringLiteral(":updated_at"), now()).bind(QStringLiteral(":id"), station.id);
    bindFields(query, station, *site);
    auto ran = query.exec();
    if (!ran && query.failedOnUniqueConstraint())
        return Error(QStringLiteral("Cannot rename the station to \"%1\": a station with that name already exists.")
                         .arg(station.name));
    if (!ran)
        return Error(QStringLiteral("Could not update station \"%1\" in %2: %3.")
                         .arg(station.name, m_db.url().displayString(), ran.error().message()));
    if (query.rowsAffected() == 0)
        return Error(QStringLiteral("Could not update station \"%1\": there is no station with id %2 in %3.")
                         .arg(station.name)
                         .arg(station.id)
                         .arg(m_db.url().displayString()));
    return {};
}

void StationRepository::bindFields(Statement& query, const Station& station, qint64 siteId)
{
    query.bind(QStringLiteral(":name"), station.name)
        .bind(QStringLiteral(":site_id"), siteId)
        .bind(QStringLiteral(":ansible_host"), station.ansibleHost)
        .bind(QStringLiteral(":metrics_urls"), urlsJson(station.metricsUrls))
        .bind(QStringLiteral(":labels"), labelsJson(station.labels))
        .bind(QStringLiteral(":retired"), station.retired)
        .bind(QStringLiteral(":source"), sourceText(station.source));
}

} // namespace sd
