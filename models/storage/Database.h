// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/Result.h"
#include "storage/DatabaseUrl.h"

#include <QSqlDatabase>
#include <QSqlQuery>

#include <functional>
#include <memory>
#include <vector>

namespace sd {

// An open, migrated database connection (SQLite: WAL journal, foreign keys on).
// open() applies pending migrations, each in one transaction; it refuses a database whose schema
// is newer than this build knows, with a clear message, and changes nothing.
// Each Database has its own QSqlDatabase connection; use it from the thread that opened it.
class Database
{
public:
    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    static Result<std::unique_ptr<Database>> open(const DatabaseUrl& url);
    // The database the user chose: the command line's URL, else the one in Settings, else the
    // default SQLite file.
    static Result<std::unique_ptr<Database>> openChosen(const QString& commandLineUrl);
    // The same with the migrations read from another folder (tests); empty means built-in.
    static Result<std::unique_ptr<Database>> open(const DatabaseUrl& url, const QString& migrationsDirectory);

    DatabaseUrl::Kind kind() const { return m_url.kind(); }
    const DatabaseUrl& url() const { return m_url; }
    QSqlDatabase handle() const;
    int schemaVersion() const;

    // Runs work in one transaction: commits when it returns success, rolls back otherwise
    // (and when the commit fails). Not reentrant.
    Result<void> transaction(const std::function<Result<void>()>& work);

private:
    friend class Statement;

    explicit Database(DatabaseUrl url, QString connectionName);

    Result<void> connect();
    Result<void> useWriteAheadLog();
    Result<void> begin();
    void rollback();
    Error failure(const QString& what, const QSqlError& error) const;
    void endTransaction();
    // For Statement: PostgreSQL refuses to DEALLOCATE a prepared statement inside a failed
    // transaction, so such statements are kept until the transaction has ended.
    void noteFailure();
    void release(QSqlQuery&& query);

    DatabaseUrl m_url;
    QString m_connectionName;
    int m_schemaVersion = 0;
    bool m_inTransaction = false;
    bool m_transactionFailed = false;
    std::vector<QSqlQuery> m_releaseAfterTransaction;
};

} // namespace sd
