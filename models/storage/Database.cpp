// SPDX-License-Identifier: GPL-3.0-or-later
#include "storage/Database.h"

#include "core/Logging.h"
#include "core/Settings.h"
#include "storage/Migration.h"
#include "storage/Migrator.h"
#include "storage/Statement.h"

#include <QDir>
#include <QFileInfo>
#include <QSettings>
#include <QSqlError>
#include <QSqlQuery>

#include <atomic>

namespace sd {

namespace {

constexpr int busyTimeoutMs = 5000;

QString driverName(DatabaseUrl::Kind kind)
{
    return kind == DatabaseUrl::Kind::Sqlite ? QStringLiteral("QSQLITE") : QStringLiteral("QPSQL");
}

QString uniqueConnectionName()
{
    static std::atomic<int> counter = 0;
    return QStringLiteral("stationdeck-storage-%1").arg(++counter);
}

} // namespace

Database::Database(DatabaseUrl url, QString connectionName)
    : m_url(std::move(url))
    , m_connectionName(std::move(connectionName))
{ }

Database::~Database()
{
    m_releaseAfterTransaction.clear();
    {
        QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
        if (db.isOpen())
            db.close();
    }
    QSqlDatabase::removeDatabase(m_connectionName);
}

Result<std::unique_ptr<Database>> Database::openChosen(const QString& commandLineUrl)
{
    const QString text
        = commandLineUrl.isEmpty() ? QSettings().value(SettingsKeys::DatabaseUrl).toString() : commandLineUrl;
    auto url = text.isEmpty() ? Result<DatabaseUrl>(DatabaseUrl::defaultSqlite()) : DatabaseUrl::parse(text);
    if (!url)
        return url.error();
    return open(*url);
}

Result<std::unique_ptr<Database>> Database::open(const DatabaseUrl& url)
{
    return open(url, QString());
}

Result<std::unique_ptr<Database>> Database::open(const DatabaseUrl& url, const QString& migrationsDirectory)
{
    auto migrations = Migration::loadDirectory(migrationsDirectory.isEmpty() ? Migration::builtInDirectory(url.kind())
                                                                             : migrationsDirectory);
    if (!migrations)
        return migrations.error();
    const QString driver = driverName(url.kind());
    if (!QSqlDatabase::isDriverAvailable(driver))
        return Error(QStringLiteral("Cannot open %1: the Qt SQL driver %2 is not installed (on Debian: "
                                    "libqt6sql6-sqlite or libqt6sql6-psql).")
                         .arg(url.displayString(), driver));
    std::unique_ptr<Database> db(new Database(url, uniqueConnectionName()));
    QSqlDatabase::addDatabase(driver, db->m_connectionName);
    if (auto connected = db->connect(); !connected)
        return connected.error();
    Migrator migrator(*db, std::move(migrations).value());
    if (auto current = migrator.checkNotNewer(); !current)
        return current.error();
    if (auto wal = db->useWriteAheadLog(); !wal)
        return wal.error();
    auto version = migrator.migrate();
    if (!version)
        return version.error();
    db->m_schemaVersion = *version;
    qCInfo(lcStorage).noquote() << "Opened" << url.displayString() << "at schema version" << *version;
    return db;
}

Result<void> Database::connect()
{
    QSqlDatabase db = handle();
    if (m_url.kind() == DatabaseUrl::Kind::Sqlite) {
        const QFileInfo file(m_url.sqlitePath());
        if (!QDir().mkpath(file.absolutePath()))
            return Error(QStringLiteral("Could not create the folder %1 for the database.").arg(file.absolutePath()));
        db.setDatabaseName(file.absoluteFilePath());
    } else {
        db.setHostName(m_url.host());
        db.setPort(m_url.port());
        db.setUserName(m_url.user());
        db.setPassword(m_url.password());
        db.setDatabaseName(m_url.databaseName());
        db.setConnectOptions(QStringLiteral("connect_timeout=10;application_name=stationdeck"));
    }
    if (!db.open())
        return failure(QStringLiteral("Could not open the database at %1").arg(m_url.displayString()), db.lastError());
    const QStringList settings = m_url.kind() == DatabaseUrl::Kind::Sqlite
        ? QStringList{QStringLiteral("PRAGMA foreign_keys = ON"),
                      QStringLiteral("PRAGMA busy_timeout = %1").arg(busyTimeoutMs)}
        : QStringList{QStringLiteral("SET client_min_messages TO warning")};
    for (const QString& setting : settings) {
        QSqlQuery query(db);
        if (!query.exec(setting))
            return failure(QStringLiteral("Could not prepare the database at %1").arg(m_url.displayString()),
                           query.lastError());
    }
    return {};
}

Result<void> Database::useWriteAheadLog()
{
    if (m_url.kind() != DatabaseUrl::Kind::Sqlite)
        return {};
    QSqlQuery query(handle());
    if (!query.exec(QStringLiteral("PRAGMA journal_mode = WAL")) || !query.next())
        return failure(QStringLiteral("Could not switch %1 to write-ahead logging").arg(m_url.displayString()),
                       query.lastError());
    if (query.value(0).toString().compare(QStringLiteral("wal"), Qt::CaseInsensitive) != 0)
        qCWarning(lcStorage).noquote() << "The database at" << m_url.displayString()
                                       << "cannot use write-ahead logging; journal mode is"
                                       << query.value(0).toString();
    return {};
}

QSqlDatabase Database::handle() const
{
    return QSqlDatabase::database(m_connectionName, false);
}

int Database::schemaVersion() const
{
    return m_schemaVersion;
}

Result<void> Database::transaction(const std::function<Result<void>()>& work)
{
    if (m_inTransaction)
        return Error(QStringLiteral("A transaction on %1 was started inside another one; transactions do not nest.")
                         .arg(m_url.displayString()));
    if (auto begun = begin(); !begun)
        return begun;
    m_inTransaction = true;
    Result<void> result;
    try {
        result = work();
    } catch (...) {
        rollback();
        endTransaction();
        throw;
    }
    if (!result) {
        rollback();
        endTransaction();
        return result;
    }
    QSqlDatabase db = handle();
    if (!db.commit()) {
        const Error error
            = failure(QStringLiteral("Could not commit to %1").arg(m_url.displayString()), db.lastError());
        // SQLite keeps a transaction open when COMMIT fails; PostgreSQL has already ended it.
        if (m_url.kind() == DatabaseUrl::Kind::Sqlite)
            rollback();
        endTransaction();
        return error;
    }
    endTransaction();
    return {};
}

void Database::endTransaction()
{
    m_inTransaction = false;
    m_transactionFailed = false;
    m_releaseAfterTransaction.clear();
}

void Database::noteFailure()
{
    if (m_inTransaction && m_url.kind() == DatabaseUrl::Kind::Postgresql)
        m_transactionFailed = true;
}

void Database::release(QSqlQuery&& query)
{
    if (m_transactionFailed)
        m_releaseAfterTransaction.push_back(std::move(query));
}

Result<void> Database::begin()
{
    QSqlDatabase db = handle();
    bool ok = false;
    QSqlError error;
    if (m_url.kind() == DatabaseUrl::Kind::Sqlite) {
        // IMMEDIATE takes the write lock now (waiting up to busy_timeout) instead of failing
        // half-way when another connection writes.
        QSqlQuery query(db);
        ok = query.exec(QStringLiteral("BEGIN IMMEDIATE"));
        error = query.lastError();
    } else {
        ok = db.transaction();
        error = db.lastError();
    }
    if (!ok)
        return failure(QStringLiteral("Could not start a transaction on %1").arg(m_url.displayString()), error);
    return {};
}

void Database::rollback()
{
    QSqlDatabase db = handle();
    if (!db.rollback())
        qCWarning(lcStorage).noquote() << "Could not roll back a transaction on" << m_url.displayString() << ":"
                                       << Statement::messageOf(db.lastError());
}

// "<what>: <the database's message>." without the password, should a driver ever echo it.
Error Database::failure(const QString& what, const QSqlError& error) const
{
    QString message = Statement::messageOf(error);
    if (m_url.password().size() >= 4)
        message.replace(m_url.password(), QStringLiteral("***"));
    return Error(what + QStringLiteral(": ") + message + u'.');
}

} // namespace sd
