// SPDX-License-Identifier: GPL-3.0-or-later
#include "storage/Migrator.h"

#include "core/Logging.h"
#include "storage/Database.h"
#include "storage/SqlScript.h"
#include "storage/Statement.h"

#include <QDateTime>
#include <QSqlQuery>

namespace sd {

namespace {

// Serialises migrations of one PostgreSQL database across processes ("Stationd" in ASCII).
constexpr auto postgresLock = "SELECT pg_advisory_xact_lock(6013309063386522724)";

constexpr auto createSchemaVersion = "CREATE TABLE IF NOT EXISTS schema_version ("
                                     "version INTEGER PRIMARY KEY, "
                                     "name TEXT NOT NULL, "
                                     "applied_at TEXT NOT NULL, "
                                     "app_version TEXT NOT NULL)";

} // namespace

Migrator::Migrator(Database& db, QList<Migration> migrations)
    : m_db(db)
    , m_migrations(std::move(migrations))
{ }

int Migrator::latestVersion() const
{
    return m_migrations.isEmpty() ? 0 : m_migrations.constLast().version;
}

Result<int> Migrator::currentVersion() const
{
    const bool sqlite = m_db.kind() == DatabaseUrl::Kind::Sqlite;
    Statement exists(m_db,
                     sqlite ? QStringLiteral("SELECT count(*) FROM sqlite_master "
                                             "WHERE type = 'table' AND name = 'schema_version'")
                            : QStringLiteral("SELECT count(*) FROM pg_catalog.pg_class "
                                             "WHERE oid = to_regclass('schema_version')"));
    if (auto ran = exists.exec(); !ran || !exists.next())
        return Error(QStringLiteral("Could not read the schema version of %1: %2.")
                         .arg(m_db.url().displayString(), ran ? QStringLiteral("no result") : ran.error().message()));
    if (exists.value(0).toInt() == 0)
        return 0;
    Statement max(m_db, QStringLiteral("SELECT COALESCE(MAX(version), 0) FROM schema_version"));
    if (auto ran = max.exec(); !ran || !max.next())
        return Error(QStringLiteral("Could not read the schema version of %1: %2.")
                         .arg(m_db.url().displayString(), ran ? QStringLiteral("no result") : ran.error().message()));
    return max.value(0).toInt();
}

Result<int> Migrator::checkNotNewer() const
{
    auto current = currentVersion();
    if (current && *current > latestVersion())
        return Error(QStringLiteral("The database at %1 was written by a newer Stationdeck (schema version %2; "
                                    "this build knows up to %3). Upgrade Stationdeck or choose another database.")
                         .arg(m_db.url().displayString())
                         .arg(*current)
                         .arg(latestVersion()));
    return current;
}

Result<int> Migrator::migrate()
{
    auto current = checkNotNewer();
    if (!current)
        return current;
    for (const Migration& migration : std::as_const(m_migrations)) {
        if (migration.version <= *current)
            continue;
        if (auto applied = apply(migration); !applied)
            return applied.error();
    }
    return currentVersion();
}

Result<void> Migrator::apply(const Migration& migration)
{
    bool skipped = false;
    auto done = m_db.transaction([&]() -> Result<void> {
        QSqlQuery setup(m_db.handle());
        if (m_db.kind() == DatabaseUrl::Kind::Postgresql && !setup.exec(QLatin1String(postgresLock)))
            return Error(Statement::messageOf(setup.lastError()) + u'.');
        if (!setup.exec(QLatin1String(createSchemaVersion)))
            return Error(Statement::messageOf(setup.lastError()) + u'.');
        auto current = currentVersion();
        if (!current)
            return current.error();
        skipped = *current >= migration.version; // another process was quicker
        if (skipped)
            return {};
        if (auto ran = runStatements(migration); !ran)
            return ran;
        return record(migration);
    });
    if (!done)
        return Error(QStringLiteral("Migration %1 failed on %2, and nothing of it was applied: %3")
                         .arg(migration.fileName, m_db.url().displayString(), done.error().message()));
    if (!skipped)
        qCInfo(lcStorage).noquote() << "Applied migration" << migration.fileName << "to" << m_db.url().displayString();
    return {};
}

Result<void> Migrator::runStatements(const Migration& migration)
{
    const auto dialect
        = m_db.kind() == DatabaseUrl::Kind::Sqlite ? SqlScript::Dialect::Sqlite : SqlScript::Dialect::Postgresql;
    const auto statements = SqlScript::split(migration.sql, dialect);
    if (!statements)
        return statements.error();
    for (const SqlScript::Statement& statement : *statements) {
        // Migration files hold no values, only schema; PostgreSQL cannot PREPARE most DDL.
        QSqlQuery query(m_db.handle());
        if (!query.exec(statement.text))
            return Error(QStringLiteral("the statement at line %1 says: %2.")
                             .arg(statement.line)
                             .arg(Statement::messageOf(query.lastError())));
    }
    return {};
}

Result<void> Migrator::record(const Migration& migration)
{
    Statement insert(m_db,
                     QStringLiteral("INSERT INTO schema_version (version, name, applied_at, app_version) "
                                    "VALUES (:version, :name, :applied_at, :app_version)"));
    insert.bind(QStringLiteral(":version"), migration.version)
        .bind(QStringLiteral(":name"), migration.name)
        .bind(QStringLiteral(":applied_at"), QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs))
        .bind(QStringLiteral(":app_version"), QStringLiteral(STATIONDECK_VERSION));
    if (auto ran = insert.exec(); !ran)
        return Error(QStringLiteral("recording it in schema_version failed: %1.").arg(ran.error().message()));
    return {};
}

} // namespace sd
