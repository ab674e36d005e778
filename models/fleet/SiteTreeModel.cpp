// SPDX-License-Identifier: GPL-3.0-or-later
#include "fleet/SiteTreeModel.h"

#include "core/Clock.h"
#include "fleet/Fleet.h"

namespace sd {

SiteTreeModel::SiteTreeModel(const Fleet& fleet, const Clock& clock, QObject* parent)
    : QAbstractItemModel(parent)
    , m_fleet(fleet)
    , m_clock(clock)
{
    connect(&fleet, &Fleet::reloaded, this, &SiteTreeModel::reset);
    reset();
}

void SiteTreeModel::reset()
{
    beginResetModel();
    m_rows.clear();
    m_totalStations = 0;
    const QDateTime now = m_clock.now();
    for (const Site& site : m_fleet.sites()) {
        if (site.retired)
            continue;
        const int stations = m_fleet.activeStationCount(site.name);
        m_rows.append(Row{site.name, site.timeZone, site.windows, stations,
                          SiteStatus::compute(m_fleet.schedule(site.name), now)});
        m_totalStations += stations;
    }
    endResetModel();
}

void SiteTreeModel::refreshClock()
{
    const QDateTime now = m_clock.now();
    for (Row& row : m_rows)
        row.status = SiteStatus::compute(m_fleet.schedule(row.name), now);
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0, LocalTimeColumn, allSitesIndex()),
                           index(int(m_rows.size()) - 1, WindowColumn, allSitesIndex()));
}

QModelIndex SiteTreeModel::index(int row, int column, const QModelIndex& parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    if (!parent.isValid())
        return createIndex(row, column, kTopId);
    return createIndex(row, column, quintptr(row) + 1);
}

QModelIndex SiteTreeModel::parent(const QModelIndex& child) const
{
    if (!child.isValid() || child.internalId() == kTopId)
        return {};
    return createIndex(0, 0, kTopId);
}

int SiteTreeModel::rowCount(const QModelIndex& parent) const
{
    if (!parent.isValid())
        return 1;
    if (parent.internalId() == kTopId && parent.column() == 0)
        return int(m_rows.size());
    return 0;
}

int SiteTreeModel::columnCount(const QModelIndex&) const
{
    return ColumnCount;
}

QModelIndex SiteTreeModel::indexOfSite(const QString& name) const
{
    for (int i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).name == name)
            return index(i, 0, allSitesIndex());
    }
    return {};
}

QVariant SiteTreeModel::siteData(const Row& row, int column, int role) const
{
    if (role == SiteNameRole)
        return row.name;
    if (role == WindowOpenRole)
        return row.status.windowOpen;
    if (role == Qt::TextAlignmentRole && column == StationsColumn)
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole)
        return QStringLiteral("%1 — %2 (%3)\nWindows: %4")
            .arg(row.name, row.timeZone, row.status.offsetText,
                 row.windows.isEmpty() ? QStringLiteral("none") : row.windows);
    if (role != Qt::DisplayRole)
        return {};
    switch (column) {
    case NameColumn:
        return row.name;
    case LocalTimeColumn:
        return row.status.localTimeText;
    case WindowColumn:
        return row.status.windowText;
    case StationsColumn:
        return row.stations;
    default:
        return {};
    }
}

QVariant SiteTreeModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    if (index.internalId() != kTopId)
        return siteData(m_rows.at(index.row()), index.column(), role);
    if (role == SiteNameRole)
        return QString();
    if (role == Qt::TextAlignmentRole && index.column() == StationsColumn)
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    if (index.column() == NameColumn)
        return tr("All sites");
    if (index.column() == StationsColumn)
        return m_totalStations;
    return {};
}

QVariant SiteTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Site");
    case LocalTimeColumn:
        return tr("Site time");
    case WindowColumn:
        return tr("Window");
    case StationsColumn:
        return tr("Stations");
    default:
        return {};
    }
}

} // namespace sd
