// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>

class QAbstractItemView;
class QHeaderView;

namespace sd {

// Fits a view's columns to their contents the first time it shows rows, unless the user's own
// widths were restored; after that the widths are the user's. Views may open before their data
// arrives (an inventory still importing), so fitting at construction would fit empty columns.
class ColumnFitter : public QObject
{
    Q_OBJECT
public:
    // Where the rows to fit to are: at the top, or under the first top item (a tree with an
    // "All sites" item: until that has children there is nothing to fit to).
    enum class Rows { TopLevel, UnderFirstItem };

    ColumnFitter(QAbstractItemView* view, QHeaderView* header, Rows rows = Rows::TopLevel, int maxWidth = 360);

    // Restores saved widths; returns whether there were any. Without them, fitting is armed.
    bool restore(const QByteArray& state);
    void fit();

private:
    QAbstractItemView* m_view;
    QHeaderView* m_header;
    int m_maxWidth;
    bool m_nested;
    bool m_armed = true;
};

} // namespace sd
