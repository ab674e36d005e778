// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QStringList>

namespace sd {

// A plain-text table with columns padded to their widest cell, for terminal output.
class TextTable
{
public:
    explicit TextTable(QStringList header)
        : m_header(std::move(header))
    { }
    void addRow(QStringList cells) { m_rows.append(std::move(cells)); }
    QString render() const;

private:
    QStringList m_header;
    QList<QStringList> m_rows;
};

} // namespace sd
