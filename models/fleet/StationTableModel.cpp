// SPDX-License-Identifier: GPL-3.0-or-later
#include "fleet/StationTableModel.h"

#include "core/Clock.h"
#include "fleet/Fleet.h"
#include "fleet/LabelText.h"

namespace sd {

StationTableModel::StationTableModel(const Fleet& fleet, const Clock& clock, QObject* parent)
    : QAbstractTableModel(parent)
    , m_fleet(fleet)
    , m_clock(clock)
{
    connect(&fleet, &Fleet::reloaded, this, &StationTableModel::reset);
    reset();
}

void StationTableModel::reset()
{
    beginResetModel();
    m_status.clear();
    const QDateTime now = m_clock.now();
    for (const Site& site : m_fleet.sites())
        m_status.insert(site.name, SiteStatus::compute(m_fleet.schedule(site.name), now));
    endResetModel();
}

void StationTableModel::refreshClock()
{
    const QDateTime now = m_clock.now();
    for (auto it = m_status.begin(); it != m_status.end(); ++it)
        *it = SiteStatus::compute(m_fleet.schedule(it.key()), now);
    if (rowCount() > 0)
        Q_EMIT dataChanged(index(0, LocalTimeColumn), index(rowCount() - 1, WindowColumn));
}

const SiteStatus& StationTableModel::statusOf(const QString& site) const
{
    // data() runs for every painted cell: look the status up, never copy it.
    static const SiteStatus none;
    const auto it = m_status.constFind(site);
    return it == m_status.cend() ? none : *it;
}

int StationTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_fleet.stations().size());
}

int StationTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant StationTableModel::display(int row, int column) const
{
    const Station& station = m_fleet.stations().at(row);
    const SiteStatus& status = statusOf(station.site);
    switch (column) {
    case NameColumn:
        return station.retired ? station.name + QStringLiteral(" (retired)") : station.name;
    case SiteColumn:
        return station.site;
    case LocalTimeColumn:
        return status.localTimeText;
    case WindowColumn:
        return status.windowText;
    case LabelsColumn:
        return LabelText::format(station.labels);
    case HostColumn:
        return station.ansibleHost;
    default:
        return {};
    }
}

QVariant StationTableModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Station& station = m_fleet.stations().at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return display(index.row(), index.column());
    case Qt::ToolTipRole:
        if (index.column() == WindowColumn || index.column() == LocalTimeColumn) {
            const WindowSchedule schedule = m_fleet.schedule(station.site);
            const SiteStatus& status = statusOf(station.site);
            return QStringLiteral("%1 (%2, %3)\nWindows: %4")
                .arg(station.site, QString::fromUtf8(schedule.zone().id()), status.offsetText,
                     schedule.isEmpty() ? QStringLiteral("none") : schedule.toString());
        }
        if (index.column() == HostColumn)
            return station.metricsUrls.join(QLatin1Char('\n'));
        return display(index.row(), index.column());
    case SortRole:
        if (index.column() == LocalTimeColumn)
            return statusOf(station.site).localTime.offsetFromUtc();
        if (index.column() == WindowColumn)
            return statusOf(station.site).sortKey;
        if (index.column() == NameColumn)
            return station.name;
        return display(index.row(), index.column());
    case RetiredRole:
        return station.retired;
    case WindowOpenRole:
        return statusOf(station.site).windowOpen;
    case SiteNameRole:
        return station.site;
    case SearchTextRole:
        return QStringList{station.name, station.site, station.ansibleHost, LabelText::format(station.labels),
                           station.metricsUrls.join(QLatin1Char(' '))}
            .join(QLatin1Char(' '));
    default:
        return {};
    }
}

QVariant StationTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Station");
    case SiteColumn:
        return tr("Site");
    case LocalTimeColumn:
        return tr("Site time");
    case WindowColumn:
        return tr("Maintenance window");
    case LabelsColumn:
        return tr("Labels");
    case HostColumn:
        return tr("Host");
    default:
        return {};
    }
}

} // namespace sd
