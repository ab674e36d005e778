// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/Result.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace sd {

class Database;

// One prepared statement. The SQL text holds only placeholders (":name"); values are bound,
// never pasted into the text; a null QString is bound as '' (not NULL). A failure carries the
// database's own message as one line.
class Statement
{
public:
    Statement(Database& db, const QString& sql);
    ~Statement();
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    Statement& bind(const QString& placeholder, const QVariant& value);
    Result<void> exec();
    bool next() { return m_query.next(); }
    QVariant value(int column) const { return m_query.value(column); }
    int rowsAffected() const { return m_query.numRowsAffected(); }
    void finish() { m_query.finish(); }

    // What the last failure was, for errors that name the offending value.
    bool failedOnUniqueConstraint() const;
    bool failedOnForeignKey() const;

    // The useful part of a database error, on one line and without a trailing period.
    static QString messageOf(const QSqlError& error);

private:
    Database& m_db;
    QSqlQuery m_query;
    QSqlError m_error;
    bool m_prepared = false;
};

} // namespace sd
