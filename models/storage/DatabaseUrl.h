// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/Result.h"

#include <QString>

namespace sd {

// Where the database lives:
//   sqlite:/absolute/path/file.db            an embedded SQLite file (the default)
//   sqlite:///absolute/path/file.db          the same; sqlite:relative.db is made absolute
//   postgresql://user@host:port/dbname       a PostgreSQL server shared by a team (also postgres://)
// A password in a postgresql URL is accepted but discouraged (use ~/.pgpass or PGPASSWORD);
// it is never shown: displayString() leaves it out.
class DatabaseUrl
{
public:
    enum class Kind { Sqlite, Postgresql };

    static Result<DatabaseUrl> parse(const QString& text);
    // sqlite:<AppDataLocation>/stationdeck.db
    static DatabaseUrl defaultSqlite();

    Kind kind() const { return m_kind; }
    QString sqlitePath() const { return m_path; }
    QString host() const { return m_host; }
    int port() const { return m_port; }
    QString user() const { return m_user; }
    QString password() const { return m_password; }
    QString databaseName() const { return m_databaseName; }

    // Safe to show and to log: never includes the password.
    QString displayString() const;

private:
    static Result<DatabaseUrl> parseSqlite(const QString& text);
    static Result<DatabaseUrl> parsePostgresql(const QString& text);

    Kind m_kind = Kind::Sqlite;
    QString m_path;
    QString m_host;
    int m_port = 5432;
    QString m_user;
    QString m_password;
    QString m_databaseName;
};

} // namespace sd
