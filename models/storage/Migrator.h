// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/Result.h"
#include "storage/Migration.h"

#include <QList>

namespace sd {

class Database;

// Brings a database's schema up to the newest migration. Each migration runs in one transaction
// together with its row in schema_version (version, name, applied_at, app_version), so a
// migration is either wholly applied or not at all. Concurrent openers are serialised (SQLite:
// BEGIN IMMEDIATE, PostgreSQL: an advisory lock) and skip what another one already applied.
class Migrator
{
public:
    Migrator(Database& db, QList<Migration> migrations);

    int latestVersion() const;
    // The schema version of the database; 0 when it has no schema_version table yet.
    Result<int> currentVersion() const;
    // Refuses a database written by a newer Stationdeck; reads only.
    Result<int> checkNotNewer() const;
    // Applies what is missing; returns the new schema version.
    Result<int> migrate();

private:
    Result<void> apply(const Migration& migration);
    Result<void> runStatements(const Migration& migration);
    Result<void> record(const Migration& migration);

    Database& m_db;
    QList<Migration> m_migrations;
};

} // namespace sd
