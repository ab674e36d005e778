// SPDX-License-Identifier: GPL-3.0-or-later
#include "TextTable.h"

namespace sd {

QString TextTable::render() const
{
    QList<qsizetype> widths(m_header.size(), 0);
    auto measure = [&](const QStringList& cells) {
        for (qsizetype i = 0; i < cells.size() && i < widths.size(); ++i)
            widths[i] = std::max(widths[i], cells.at(i).size());
    };
    measure(m_header);
    for (const QStringList& row : m_rows)
        measure(row);
    QString out;
    auto line = [&](const QStringList& cells) {
        QString text;
        for (qsizetype i = 0; i < widths.size(); ++i) {
            const QString cell = cells.value(i);
            text += i + 1 < widths.size() ? cell.leftJustified(widths.at(i) + 2) : cell;
        }
        out += text.trimmed() + QLatin1Char('\n');
    };
    line(m_header);
    for (const QStringList& row : m_rows)
        line(row);
    return out;
}

} // namespace sd
