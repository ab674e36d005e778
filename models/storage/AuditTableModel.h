// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/Result.h"
#include "storage/AuditEntry.h"

#include <QAbstractTableModel>
#include <QList>

namespace sd {

class Database;

// The newest audit entries, newest first: when (local time of this desktop), who, what, subject,
// details (compact JSON).
class AuditTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { WhenColumn, ActorColumn, ActionColumn, SubjectColumn, DetailsColumn, ColumnCount };
    enum Role { SortRole = Qt::UserRole + 1 };

    explicit AuditTableModel(Database& db, QObject* parent = nullptr);

    Result<void> reload(int limit = 5000);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    Database& m_db;
    QList<AuditEntry> m_entries;
};

} // namespace sd
