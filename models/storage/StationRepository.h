// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/Result.h"
#include "fleet/Station.h"

#include <QList>

#include <optional>

namespace sd {

class Database;
class Statement;

// Stations in the database (metrics URLs and labels stored as JSON text). Prepared statements
// only. Stations are never deleted: retire them. Callers wrap writes in Database::transaction.
class StationRepository
{
public:
    explicit StationRepository(Database& db)
        : m_db(db)
    { }

    Result<QList<Station>> all(bool includeRetired = true) const; // ordered by name
    Result<std::optional<Station>> byName(const QString& name) const;
    Result<qint64> insert(const Station& station); // the site must exist; returns the new id
    Result<void> update(const Station& station); // by id

private:
    Result<qint64> siteId(const Station& station, const QString& doing) const;
    static void bindFields(Statement& query, const Station& station, qint64 siteId);

    Database& m_db;
};

} // namespace sd
