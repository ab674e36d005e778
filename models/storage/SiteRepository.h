// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/Result.h"
#include "fleet/Site.h"

#include <QList>

#include <optional>

namespace sd {

class Database;

// Sites in the database. Prepared statements only. Callers wrap writes in Database::transaction.
class SiteRepository
{
public:
    explicit SiteRepository(Database& db)
        : m_db(db)
    { }

    Result<QList<Site>> all(bool includeRetired = true) const; // ordered by name
    Result<std::optional<Site>> byName(const QString& name) const;
    Result<qint64> insert(const Site& site); // returns the new id
    Result<void> update(const Site& site); // by id

private:
    Database& m_db;
};

} // namespace sd
