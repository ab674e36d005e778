// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "fleet/SiteStatus.h"

#include <QAbstractTableModel>
#include <QHash>

namespace sd {

class Clock;
class Fleet;

// One row per station (retired ones included; StationFilterModel hides them by default).
class StationTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { NameColumn, SiteColumn, LocalTimeColumn, WindowColumn, LabelsColumn, HostColumn, ColumnCount };
    enum Role {
        SortRole = Qt::UserRole + 1,
        RetiredRole, // bool
        WindowOpenRole, // bool, on the window column
        SiteNameRole, // QString, every column
        SearchTextRole, // QString: everything the filter box matches against
    };

    StationTableModel(const Fleet& fleet, const Clock& clock, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Recomputes local times and window states; call every minute or so.
    void refreshClock();

private:
    void reset();
    QVariant display(int row, int column) const;
    const SiteStatus& statusOf(const QString& site) const;

    const Fleet& m_fleet;
    const Clock& m_clock;
    QHash<QString, SiteStatus> m_status; // by site name
};

} // namespace sd
