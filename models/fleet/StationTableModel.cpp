// SPDX-License-Identifier: GPL-3.0-or-later
#include "fleet/StationTableModel.h"

#include "core/Clock.h"
#include "fleet/Fleet.h"
#include "fleet/LabelText.h"
#include "metrics/ByteText.h"
#include "metrics/PercentText.h"
#include "metrics/StationHealthSource.h"

#include <QLocale>

#include <cmath>

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

void StationTableModel::setHealthSource(const StationHealthSource* source)
{
    if (m_health != nullptr)
        disconnect(m_health, nullptr, this, nullptr);
    m_health = source;
    if (source != nullptr)
        connect(source, &StationHealthSource::healthChanged, this, &StationTableModel::onHealthChanged);
    onHealthChanged();
}

void StationTableModel::onHealthChanged()
{
    // One signal for the three health columns of every row: the source already coalesces a whole
    // scrape round into one healthChanged().
    if (rowCount() > 0)
        Q_EMIT dataChanged(index(0, StateColumn), index(rowCount() - 1, MemoryColumn));
}

namespace {

// Worst first, so that sorting the state column ascending brings trouble to the top.
int severity(HealthState state)
{
    switch (state) {
    case HealthState::Down:
        return 0;
    case HealthState::LinkDown:
        return 1;
    case HealthState::Stale:
        return 2;
    case HealthState::Unknown:
        return 3;
    case HealthState::Up:
        return 4;
    }
    return 5;
}

QVariant toList(const std::vector<double>& values)
{
    return QVariant::fromValue(QList<double>(values.begin(), values.end()));
}

} // namespace

QVariant StationTableModel::healthData(const QString& name, int column, int role) const
{
    if (m_health == nullptr)
        return role == HealthStateRole ? QVariant(int(HealthState::Unknown)) : QVariant();
    const StationHealth health = m_health->health(name);
    if (role == HealthStateRole)
        return int(health.state);
    const bool node = health.hasNode;
    const HealthMetric memoryMetric = node ? HealthMetric::MemoryPercent : HealthMetric::ResidentBytes;
    switch (column) {
    case StateColumn:
        if (role == Qt::DisplayRole)
            return healthStateText(health.state);
        if (role == SortRole)
            return severity(health.state);
        if (role == Qt::ToolTipRole) {
            QString text = health.reason.isEmpty() ? healthStateText(health.state) : health.reason;
            if (health.lastSuccess.isValid())
                text += QStringLiteral("\nLast answer: %1")
                            .arg(QLocale().toString(health.lastSuccess.toLocalTime(), QLocale::ShortFormat));
            return text;
        }
        return {};
    case CpuColumn: {
        const double cpu = health.value(HealthMetric::CpuPercent);
        if (role == Qt::DisplayRole)
            return formatPercent(cpu);
        if (role == SortRole)
            return std::isnan(cpu) ? -1.0 : cpu;
        if (role == Qt::ToolTipRole)
            return std::isnan(cpu) ? tr("No CPU figure yet (it needs two scrapes).")
                : node             ? tr("CPU busy: %1 of all CPUs").arg(formatPercent(cpu))
                                   : tr("Process CPU: %1 of one core").arg(formatPercent(cpu));
        if (role == SparklineRole)
            return toList(m_health->sparkline(name, HealthMetric::CpuPercent, kSparklinePoints));
        if (role == SparklineMaxRole && node)
            return 100.0;
        return {};
    }
    case MemoryColumn: {
        const double memory = health.value(memoryMetric);
        if (role == Qt::DisplayRole)
            return node ? formatPercent(memory) : formatBytes(memory);
        if (role == SortRole)
            return std::isnan(memory) ? -1.0 : memory;
        if (role == Qt::ToolTipRole) {
            if (std::isnan(memory))
                return tr("No memory figure yet.");
            if (node)
                return tr("Memory used: %1 (%2)")
                    .arg(formatBytes(health.value(HealthMetric::MemoryUsedBytes)), formatPercent(memory));
            return tr("Process memory: resident %1, virtual %2")
                .arg(formatBytes(memory), formatBytes(health.value(HealthMetric::VirtualBytes)));
        }
        if (role == SparklineRole)
            return toList(m_health->sparkline(name, memoryMetric, kSparklinePoints));
        if (role == SparklineMaxRole && node)
            return 100.0;
        return {};
    }
    default:
        return {};
    }
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
    const int column = index.column();
    if (role == HealthStateRole
        || ((column == StateColumn || column == CpuColumn || column == MemoryColumn)
            && (role == Qt::DisplayRole || role == Qt::ToolTipRole || role == SortRole || role == SparklineRole
                || role == SparklineMaxRole)))
        return healthData(station.name, column, role);
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
    case StateColumn:
        return tr("State");
    case CpuColumn:
        return tr("CPU");
    case MemoryColumn:
        return tr("Memory");
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
