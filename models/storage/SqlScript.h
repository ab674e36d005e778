// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/Result.h"

#include <QList>
#include <QString>
#include <QStringView>

#include <optional>
#include <utility>

namespace sd {

// Splits an SQL script into single statements, because QSqlQuery executes one at a time.
// Understands '--' and /* */ comments, 'strings' with '' escapes, "quoted identifiers", and
// - SQLite: [bracketed] and `backquoted` identifiers, CREATE TRIGGER ... BEGIN ... END; bodies;
// - PostgreSQL: nested /* */ comments, E'...' strings with backslash escapes, $$ and $tag$ dollar
//   quoting, BEGIN ATOMIC ... END; function bodies.
// Statements are returned without their terminating ';'; empty ones (only comments) are dropped.
// Errors (an unterminated string, comment, quote or block) name the line and column it starts at.
class SqlScript
{
public:
    enum class Dialect { Sqlite, Postgresql };

    struct Statement
    {
        QString text;
        int line = 1; // 1-based, where the statement starts
        int column = 1; // 1-based, in UTF-16 code units
        friend bool operator==(const Statement&, const Statement&) = default;
    };

    static Result<QList<Statement>> split(QStringView script, Dialect dialect);

private:
    SqlScript(QStringView text, Dialect dialect);

    // One pass; each step returns the offset after what it consumed.
    Result<QList<Statement>> run();
    qsizetype step(qsizetype i);
    qsizetype semicolon(qsizetype i);
    qsizetype skipBlockComment(qsizetype start);
    qsizetype skipQuoted(qsizetype start, QChar quote, bool backslashEscapes, const QString& what);
    qsizetype skipBracketed(qsizetype start);
    qsizetype skipDollar(qsizetype start);
    qsizetype word(qsizetype start);
    void keyword(const QString& upper, qsizetype start);
    void finishStatement(qsizetype end);
    qsizetype fail(const QString& what, qsizetype start);

    bool isPostgresql() const { return m_dialect == Dialect::Postgresql; }
    QChar at(qsizetype i) const { return i < m_text.size() ? m_text[i] : QChar(); }
    std::pair<int, int> locate(qsizetype offset) const; // 1-based line and column
    QString where(qsizetype offset) const;

    QStringView m_text;
    Dialect m_dialect;
    QList<qsizetype> m_lineStarts;
    QList<Statement> m_statements;
    std::optional<Error> m_error;
    qsizetype m_start = -1; // first significant character of the current statement, or -1
    int m_depth = 0; // BEGIN ... END (and CASE ... END inside) nesting
    int m_wordIndex = 0; // words seen in the current statement
    bool m_isCreate = false;
    bool m_isTrigger = false;
    QString m_previousWord;
    qsizetype m_previousWordStart = 0;
    QString m_blockKeyword;
    qsizetype m_blockStart = 0;
};

} // namespace sd
