// SPDX-License-Identifier: GPL-3.0-or-later
#include "storage/Statement.h"

#include "storage/Database.h"

namespace sd {

namespace {

// SQLite's extended result codes and PostgreSQL's SQLSTATE classes.
constexpr auto sqliteUnique = "2067";
constexpr auto sqlitePrimaryKey = "1555";
constexpr auto sqliteForeignKey = "787";
constexpr auto postgresUnique = "23505";
constexpr auto postgresForeignKey = "23503";

} // namespace

Statement::Statement(Database& db, const QString& sql)
    : m_db(db)
    , m_query(db.handle())
{
    m_prepared = m_query.prepare(sql);
    if (!m_prepared) {
        m_error = m_query.lastError();
        m_db.noteFailure();
    }
}

Statement::~Statement()
{
    m_db.release(std::move(m_query));
}

Statement& Statement::bind(const QString& placeholder, const QVariant& value)
{
    if (!m_prepared)
        return *this;
    // Qt binds a null QString as SQL NULL; every text column here is NOT NULL, and an empty
    // QString() means "".
    if (value.typeId() == QMetaType::QString && value.toString().isNull())
        m_query.bindValue(placeholder, QStringLiteral(""));
    else
        m_query.bindValue(placeholder, value);
    return *this;
}

Result<void> Statement::exec()
{
    if (!m_prepared)
        return Error(messageOf(m_error));
    if (!m_query.exec()) {
        m_error = m_query.lastError();
        m_db.noteFailure();
        return Error(messageOf(m_error));
    }
    m_error = QSqlError();
    return {};
}

bool Statement::failedOnUniqueConstraint() const
{
    const QString code = m_error.nativeErrorCode();
    return code == QLatin1String(sqliteUnique) || code == QLatin1String(sqlitePrimaryKey)
        || code == QLatin1String(postgresUnique)
        || m_error.databaseText().contains(QStringLiteral("UNIQUE constraint"));
}

bool Statement::failedOnForeignKey() const
{
    const QString code = m_error.nativeErrorCode();
    return code == QLatin1String(sqliteForeignKey) || code == QLatin1String(postgresForeignKey)
        || m_error.databaseText().contains(QStringLiteral("FOREIGN KEY constraint"));
}

QString Statement::messageOf(const QSqlError& error)
{
    QString text = error.databaseText().trimmed();
    if (text.isEmpty())
        text = error.driverText().trimmed();
    if (text.isEmpty())
        text = QStringLiteral("unknown database error");
    text = text.section(u'\n', 0, 0).trimmed();
    if (text.startsWith(QStringLiteral("ERROR:")))
        text = text.mid(6).trimmed();
    while (text.endsWith(u'.'))
        text.chop(1);
    return text;
}

} // namespace sd
