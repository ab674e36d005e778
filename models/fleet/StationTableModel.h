// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "fleet/SiteStatus.h"
#include "metrics/StationHealth.h"

#include <QAbstractTableModel>
#include <QHash>

namespace sd {

class Clock;
class Fleet;
class StationHealthSource;

// One row per station (retired ones included; StationFilterModel hides them by default), with its
// live health when a StationHealthSource is set: state, CPU and memory with a sparkline each.
class StationTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        NameColumn,
        StateColumn,
        CpuColumn,
        MemoryColumn,
        SiteColumn,
        LocalTimeColumn,
        WindowColumn,
        LabelsColumn,
        HostColumn,
        ColumnCount
    };
    enum Role {
        SortRole = Qt::UserRole + 1,
        RetiredRole, // bool
        WindowOpenRole, // bool, on the window column
        SiteNameRole, // QString, every column
        SearchTextRole, // QString: everything the filter box matches against
        HealthStateRole, // int (HealthState), every column
        SparklineRole, // QList<double>, on the CPU and memory columns: the recent values, oldest first
        SparklineMaxRole, // double: the top of the sparkline's scale (100 for percentages); invalid: auto
    };
    static constexpr int kSparklinePoints = 40; // 10 minutes at the default 15 s interval

    StationTableModel(const Fleet& fleet, const Clock& clock, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Recomputes local times and window states; call every minute or so.
    void refreshClock();
    // Where live health comes from; null: none (the health columns stay empty).
    void setHealthSource(const StationHealthSource* source);

private:
    void reset();
    QVariant display(int row, int column) const;
    const SiteStatus& statusOf(const QString& site) const;
    QVariant healthData(const QString& station, int column, int role) const;
    void onHealthChanged();

    const Fleet& m_fleet;
    const Clock& m_clock;
    QHash<QString, SiteStatus> m_status; // by site name
    const StationHealthSource* m_health = nullptr;
};

} // namespace sd
