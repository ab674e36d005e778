// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/Result.h"

#include <QList>
#include <QString>
#include <QStringView>

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
};

} // namespace sd
