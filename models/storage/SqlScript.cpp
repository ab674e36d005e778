// SPDX-License-Identifier: GPL-3.0-or-later
#include "storage/SqlScript.h"

#include <algorithm>

namespace sd {

namespace {

bool isWordStart(QChar c)
{
    return c.isLetter() || c == u'_';
}

bool isWordChar(QChar c)
{
    return c.isLetterOrNumber() || c == u'_' || c == u'$';
}

} // namespace

Result<QList<SqlScript::Statement>> SqlScript::split(QStringView script, Dialect dialect)
{
    return SqlScript(script, dialect).run();
}

SqlScript::SqlScript(QStringView text, Dialect dialect)
    : m_text(text)
    , m_dialect(dialect)
{
    m_lineStarts.append(0);
    for (qsizetype i = 0; i < m_text.size(); ++i) {
        if (m_text[i] == u'\n')
            m_lineStarts.append(i + 1);
    }
}

Result<QList<SqlScript::Statement>> SqlScript::run()
{
    qsizetype i = 0;
    while (i < m_text.size() && !m_error)
        i = step(i);
    if (m_error)
        return *m_error;
    if (m_start >= 0) {
        if (m_depth > 0)
            return Error(QStringLiteral("The block opened by %1 at %2 has no matching END.")
                             .arg(m_blockKeyword, where(m_blockStart)));
        finishStatement(m_text.size());
    }
    return m_statements;
}

qsizetype SqlScript::step(qsizetype i)
{
    const QChar c = m_text[i];
    const QChar next = at(i + 1);
    if (c == u'-' && next == u'-') {
        const qsizetype end = m_text.indexOf(u'\n', i);
        return end < 0 ? m_text.size() : end + 1;
    }
    if (c == u'/' && next == u'*')
        return skipBlockComment(i);
    if (c.isSpace() || (c == u';' && m_start < 0)) // an empty statement
        return i + 1;
    if (m_start < 0)
        m_start = i;
    if (c == u';')
        return semicolon(i);
    if (c == u'\'')
        return skipQuoted(i, u'\'', false, QStringLiteral("string"));
    if (c == u'"')
        return skipQuoted(i, u'"', false, QStringLiteral("quoted identifier"));
    if (!isPostgresql() && c == u'`')
        return skipQuoted(i, u'`', false, QStringLiteral("quoted identifier"));
    if (!isPostgresql() && c == u'[')
        return skipBracketed(i);
    if (isPostgresql() && c == u'$')
        return skipDollar(i);
    if (isWordStart(c))
        return word(i);
    if (c.isNumber()) {
        qsizetype end = i + 1;
        while (end < m_text.size() && isWordChar(m_text[end]))
            ++end;
        return end;
    }
    return i + 1;
}

qsizetype SqlScript::semicolon(qsizetype i)
{
    m_previousWord.clear();
    if (m_depth == 0)
        finishStatement(i);
    return i + 1;
}

// SQLite ends a comment at the first */; PostgreSQL nests them.
qsizetype SqlScript::skipBlockComment(qsizetype start)
{
    int nesting = 1;
    qsizetype i = start + 2;
    while (i + 1 < m_text.size()) {
        if (isPostgresql() && m_text[i] == u'/' && m_text[i + 1] == u'*') {
            ++nesting;
            i += 2;
        } else if (m_text[i] == u'*' && m_text[i + 1] == u'/') {
            i += 2;
            if (--nesting == 0)
                return i;
        } else {
            ++i;
        }
    }
    return fail(QStringLiteral("/* comment"), start);
}

// A quoted run closed by quote, where a doubled quote stands for itself.
qsizetype SqlScript::skipQuoted(qsizetype start, QChar quote, bool backslashEscapes, const QString& what)
{
    qsizetype i = start + 1;
    while (i < m_text.size()) {
        const QChar c = m_text[i];
        if (backslashEscapes && c == u'\\') {
            i += 2;
        } else if (c == quote) {
            if (at(i + 1) != quote)
                return i + 1;
            i += 2;
        } else {
            ++i;
        }
    }
    return fail(what, start);
}

qsizetype SqlScript::skipBracketed(qsizetype start)
{
    const qsizetype end = m_text.indexOf(u']', start + 1);
    return end < 0 ? fail(QStringLiteral("[identifier]"), start) : end + 1;
}

// $$ ... $$ or $tag$ ... $tag$; a '$' that starts neither (a $1 parameter) is ordinary.
qsizetype SqlScript::skipDollar(qsizetype start)
{
    qsizetype i = start + 1;
    if (i < m_text.size() && isWordStart(m_text[i])) {
        while (i < m_text.size() && (m_text[i].isLetterOrNumber() || m_text[i] == u'_'))
            ++i;
    }
    if (at(i) != u'$')
        return start + 1;
    const QStringView tag = m_text.sliced(start, i + 1 - start);
    const qsizetype close = m_text.indexOf(tag, i + 1);
    if (close < 0)
        return fail(QStringLiteral("dollar-quoted string %1").arg(tag), start);
    return close + tag.size();
}

qsizetype SqlScript::word(qsizetype start)
{
    qsizetype end = start + 1;
    while (end < m_text.size() && isWordChar(m_text[end]))
        ++end;
    const QString upper = m_text.sliced(start, end - start).toString().toUpper();
    if (isPostgresql() && upper == QStringLiteral("E") && at(end) == u'\'')
        return skipQuoted(end, u'\'', true, QStringLiteral("string"));
    keyword(upper, start);
    m_previousWord = upper;
    m_previousWordStart = start;
    ++m_wordIndex;
    return end;
}

// Tracks the BEGIN ... END blocks inside which ';' does not end the statement: an SQLite trigger
// body and a PostgreSQL BEGIN ATOMIC body. CASE ... END may nest inside them.
void SqlScript::keyword(const QString& upper, qsizetype start)
{
    if (m_wordIndex == 0)
        m_isCreate = upper == QStringLiteral("CREATE");
    if (m_depth == 0 && m_isCreate && m_wordIndex <= 4 && upper == QStringLiteral("TRIGGER"))
        m_isTrigger = true;
    if (m_depth == 0 && !isPostgresql() && m_isTrigger && upper == QStringLiteral("BEGIN")) {
        m_depth = 1;
        m_blockKeyword = upper;
        m_blockStart = start;
    } else if (m_depth == 0 && isPostgresql() && m_isCreate && upper == QStringLiteral("ATOMIC")
               && m_previousWord == QStringLiteral("BEGIN")) {
        m_depth = 1;
        m_blockKeyword = QStringLiteral("BEGIN ATOMIC");
        m_blockStart = m_previousWordStart;
    } else if (m_depth > 0 && upper == QStringLiteral("CASE")) {
        ++m_depth;
    } else if (m_depth > 0 && upper == QStringLiteral("END")) {
        --m_depth;
    }
}

void SqlScript::finishStatement(qsizetype end)
{
    const auto [line, column] = locate(m_start);
    m_statements.append({m_text.sliced(m_start, end - m_start).trimmed().toString(), line, column});
    m_start = -1;
    m_depth = 0;
    m_wordIndex = 0;
    m_isCreate = false;
    m_isTrigger = false;
    m_previousWord.clear();
}

qsizetype SqlScript::fail(const QString& what, qsizetype start)
{
    m_error = Error(QStringLiteral("Unterminated %1 starting at %2.").arg(what, where(start)));
    return m_text.size();
}

std::pair<int, int> SqlScript::locate(qsizetype offset) const
{
    const auto it = std::upper_bound(m_lineStarts.cbegin(), m_lineStarts.cend(), offset);
    return {int(std::distance(m_lineStarts.cbegin(), it)), int(offset - *(it - 1) + 1)};
}

QString SqlScript::where(qsizetype offset) const
{
    const auto [line, column] = locate(offset);
    return QStringLiteral("line %1, column %2").arg(line).arg(column);
}

} // namespace sd
