// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "fleet/SiteStatus.h"

#include <QAbstractItemModel>
#include <QList>

namespace sd {

class Clock;
class Fleet;

// The site list: one top item "All sites" whose children are the active sites, with each
// site's local time, window state and number of active stations.
class SiteTreeModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum Column { NameColumn, StationsColumn, LocalTimeColumn, WindowColumn, ColumnCount };
    enum Role {
        SiteNameRole = Qt::UserRole + 1, // QString; empty on "All sites"
        WindowOpenRole, // bool
    };

    SiteTreeModel(const Fleet& fleet, const Clock& clock, QObject* parent = nullptr);

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    QModelIndex allSitesIndex() const { return index(0, 0); }
    QModelIndex indexOfSite(const QString& name) const;
    void refreshClock();

private:
    struct Row
    {
        QString name;
        QString timeZone;
        QString windows;
        int stations = 0;
        SiteStatus status;
    };
    static constexpr quintptr kTopId = 0;
    void reset();
    QVariant siteData(const Row& row, int column, int role) const;

    const Fleet& m_fleet;
    const Clock& m_clock;
    QList<Row> m_rows;
    int m_totalStations = 0;
};

} // namespace sd
