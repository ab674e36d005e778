// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/Result.h"
#include "storage/DatabaseUrl.h"

#include <QList>
#include <QString>

namespace sd {

// One numbered schema migration, read from a file named NNNN_name.sql. Each dialect has its own
// folder (resources/migrations/<dialect>/) with the same version numbers.
struct Migration
{
    int version = 0;
    QString name; // "init" for 0001_init.sql
    QString fileName; // "0001_init.sql"
    QString sql;

    // The built-in folder for a dialect: ":/migrations/sqlite" or ":/migrations/postgresql".
    static QString builtInDirectory(DatabaseUrl::Kind kind);
    // All migrations in a folder, ordered by version. Errors name a badly named, unreadable or
    // duplicate file, and a folder without any migration.
    static Result<QList<Migration>> loadDirectory(const QString& directory);
};

} // namespace sd
