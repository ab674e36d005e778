// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/Result.h"
#include "fleet/Station.h"

#include <QList>

#include <optional>

namespace sd {

class Database;

// Stations in the database (metrics URLs and labels stored as JSON text). Prepared statements
// only. Stations are never deleted: retire them. Callers wrap writes in Database::transaction.
class StationRepository
{
public:
    explicit StationRepository(Database& db)
        : m_db(db)
    {
    }

    Result<QList<Station>> all(bool includeRetired = true) const; // ordered by name
    Result<std::optional<Station>> byName(const QString& name) const;
    Result<qint64> insert(const Station& station); // the site must exist; returns the new id
    Result<void> update(const Station& station);   // by id

private:
    Database& m_db;
};

} // namespace sd
