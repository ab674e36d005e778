// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/Result.h"
#include "storage/DatabaseUrl.h"

#include <QSqlDatabase>

#include <functional>
#include <memory>

namespace sd {

// An open, migrated database connection (SQLite: WAL journal, foreign keys on).
// open() applies pending migrations, each in one transaction; it refuses a database whose schema
// is newer than this build knows, with a clear message, and changes nothing.
class Database
{
public:
    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    static Result<std::unique_ptr<Database>> open(const DatabaseUrl& url);

    DatabaseUrl::Kind kind() const { return m_url.kind(); }
    const DatabaseUrl& url() const { return m_url; }
    QSqlDatabase handle() const;
    int schemaVersion() const;

    // Runs work in one transaction: commits when it returns success, rolls back otherwise
    // (and when the commit fails). Not reentrant.
    Result<void> transaction(const std::function<Result<void>()>& work);

private:
    explicit Database(DatabaseUrl url, QString connectionName);

    DatabaseUrl m_url;
    QString m_connectionName;
};

} // namespace sd
