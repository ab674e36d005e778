// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

class QAbstractItemModel;
class QLineEdit;
class QSortFilterProxyModel;
class QTableView;

namespace sd {

class ColumnFitter;

// The audit log, newest first, with a filter box. Read-only: the log is append-only.
class AuditPage : public QWidget
{
    Q_OBJECT
public:
    explicit AuditPage(QAbstractItemModel& model, QWidget* parent = nullptr);

    void saveState() const;
    void restoreState();
    QTableView* view() const { return m_view; }

private:
    QSortFilterProxyModel* m_proxy;
    QLineEdit* m_filter;
    QTableView* m_view;
    ColumnFitter* m_columns = nullptr;
};

} // namespace sd
