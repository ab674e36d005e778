// SPDX-License-Identifier: GPL-3.0-or-later
#include "fleet/FleetPage.h"

#include "common/ColumnFitter.h"
#include "core/Settings.h"
#include "fleet/Fleet.h"
#include "fleet/FleetEditor.h"
#include "fleet/FleetOverview.h"
#include "fleet/SiteDialog.h"
#include "fleet/SiteTreeModel.h"
#include "fleet/StationDialog.h"
#include "fleet/StationFilterModel.h"
#include "fleet/StationTableModel.h"
#include "fleet/WindowStateDelegate.h"
#include "health/HealthBadgeDelegate.h"
#include "health/SparklineDelegate.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QSettings>
#include <QSplitter>
#include <QStyle>
#include <QTableView>
#include <QToolBar>
#include <QTreeView>
#include <QVBoxLayout>

namespace sd {

namespace {

QIcon themeIcon(const QString& name, QStyle::StandardPixmap fallback)
{
    return QIcon::fromTheme(name, QApplication::style()->standardIcon(fallback));
}

} // namespace

FleetPage::FleetPage(Fleet& fleet, FleetEditor& editor, SiteTreeModel& sites, StationTableModel& stations,
                     QWidget* parent)
    : QWidget(parent)
    , m_fleet(fleet)
    , m_editor(editor)
    , m_sites(sites)
    , m_filter(new StationFilterModel(this))
    , m_splitter(new QSplitter(this))
    , m_overview(new FleetOverview(this))
    , m_siteView(new QTreeView(this))
    , m_stationView(new QTableView(this))
    , m_filterEdit(new QLineEdit(this))
    , m_showRetired(new QCheckBox(tr("Show &retired"), this))
    , m_count(new QLabel(this))
{
    m_filter->setSourceModel(&stations);

    m_addSite
        = new QAction(themeIcon(QStringLiteral("list-add"), QStyle::SP_FileDialogNewFolder), tr("Add &Site…"), this);
    m_addStation = new QAction(themeIcon(QStringLiteral("list-add"), QStyle::SP_FileIcon), tr("Add S&tation…"), this);
    m_edit = new QAction(themeIcon(QStringLiteral("document-edit"), QStyle::SP_FileDialogContentsView), tr("&Edit…"),
                         this);
    m_retire = new QAction(themeIcon(QStringLiteral("edit-delete"), QStyle::SP_TrashIcon), tr("&Retire"), this);
    connect(m_addSite, &QAction::triggered, this, &FleetPage::addSite);
    connect(m_addStation, &QAction::triggered, this, &FleetPage::addStation);
    connect(m_edit, &QAction::triggered, this, &FleetPage::editSelected);
    connect(m_retire, &QAction::triggered, this, &FleetPage::retireSelected);

    m_siteView->setModel(&sites);
    m_siteView->setUniformRowHeights(true);
    m_siteView->setAllColumnsShowFocus(true);
    m_siteView->setItemDelegateForColumn(SiteTreeModel::WindowColumn,
                                         new WindowStateDelegate(SiteTreeModel::WindowOpenRole, this));
    m_siteView->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_siteView->addActions({m_addSite, m_edit, m_retire});
    m_siteView->expandAll();
    m_siteView->setCurrentIndex(sites.allSitesIndex());
    connect(&sites, &QAbstractItemModel::modelReset, this, [this] {
        m_siteView->expandAll();
        const QModelIndex keep = m_sites.indexOfSite(m_filter->site());
        m_siteView->setCurrentIndex(keep.isValid() ? keep : m_sites.allSitesIndex());
    });
    connect(m_siteView->selectionModel(), &QItemSelectionModel::currentChanged, this, &FleetPage::onSiteSelected);

    m_siteColumns = new ColumnFitter(m_siteView, m_siteView->header(), ColumnFitter::Rows::UnderFirstItem);
    m_splitter->addWidget(m_siteView);
    m_splitter->addWidget(buildStationPane());
    m_splitter->setStretchFactor(0, 2);
    m_splitter->setStretchFactor(1, 5);
    m_splitter->setChildrenCollapsible(false);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_splitter);

    connect(m_filter, &QAbstractItemModel::rowsInserted, this, &FleetPage::updateCount);
    connect(m_filter, &QAbstractItemModel::rowsRemoved, this, &FleetPage::updateCount);
    connect(m_filter, &QAbstractItemModel::modelReset, this, &FleetPage::updateCount);
    connect(m_filter, &QAbstractItemModel::layoutChanged, this, &FleetPage::updateCount);
    updateCount();
    updateActions();
}

QWidget* FleetPage::buildStationPane()
{
    auto* pane = new QWidget(this);
    m_filterEdit->setPlaceholderText(tr("Filter stations by name, site, host or label (Ctrl+F)"));
    m_filterEdit->setClearButtonEnabled(true);
    connect(m_filterEdit, &QLineEdit::textChanged, m_filter, &StationFilterModel::setFilterText);
    connect(m_showRetired, &QCheckBox::toggled, m_filter, &StationFilterModel::setShowRetired);

    auto* tools = new QToolBar(pane);
    tools->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    tools->addActions({m_addSite, m_addStation, m_edit, m_retire});

    m_stationView->setModel(m_filter);
    m_stationView->setSortingEnabled(true);
    m_stationView->sortByColumn(StationTableModel::NameColumn, Qt::AscendingOrder);
    m_stationView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_stationView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_stationView->setAlternatingRowColors(true);
    m_stationView->setWordWrap(false);
    m_stationView->verticalHeader()->hide();
    m_stationView->verticalHeader()->setDefaultSectionSize(m_stationView->fontMetrics().height() + 10);
    m_stationView->horizontalHeader()->setStretchLastSection(true);
    m_stationView->horizontalHeader()->setSectionsMovable(true);
    m_stationView->setItemDelegateForColumn(StationTableModel::WindowColumn,
                                            new WindowStateDelegate(StationTableModel::WindowOpenRole, this));
    m_stationView->setItemDelegateForColumn(StationTableModel::StateColumn,
                                            new HealthBadgeDelegate(StationTableModel::HealthStateRole, this));
    for (int column : {int(StationTableModel::CpuColumn), int(StationTableModel::MemoryColumn)}) {
        auto* sparkline
            = new SparklineDelegate(StationTableModel::SparklineRole, SparklineDelegate::Scale::MinMax, this);
        sparkline->setPercentScaleRole(StationTableModel::SparklineMaxRole);
        m_stationView->setItemDelegateForColumn(column, sparkline);
    }
    m_stationView->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_stationView->addActions({m_addStation, m_edit, m_retire});
    m_stationColumns = new ColumnFitter(m_stationView, m_stationView->horizontalHeader());
    connect(m_stationView, &QTableView::doubleClicked, this, &FleetPage::editSelected);
    connect(m_stationView->selectionModel(), &QItemSelectionModel::selectionChanged, this, &FleetPage::updateActions);

    auto* top = new QHBoxLayout;
    top->addWidget(m_filterEdit, 1);
    top->addWidget(m_showRetired);
    top->addWidget(m_count);
    auto* table = new QWidget(pane);
    auto* tableLayout = new QVBoxLayout(table);
    tableLayout->setContentsMargins(0, 0, 0, 0);
    tableLayout->addWidget(m_overview);
    tableLayout->addLayout(top);
    tableLayout->addWidget(m_stationView);
    m_detailSplitter = new QSplitter(Qt::Vertical, pane);
    m_detailSplitter->setObjectName(QStringLiteral("StationDetailSplitter"));
    m_detailSplitter->addWidget(table);
    m_detailSplitter->setChildrenCollapsible(false);
    connect(m_overview, &FleetOverview::stationActivated, this, &FleetPage::selectStation);
    connect(m_stationView->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            [this] { Q_EMIT currentStationChanged(selectedStation()); });

    auto* layout = new QVBoxLayout(pane);
    layout->setContentsMargins(6, 0, 0, 0);
    layout->addWidget(tools);
    layout->addWidget(m_detailSplitter);
    return pane;
}

void FleetPage::setDetailWidget(QWidget* widget)
{
    m_detailSplitter->addWidget(widget);
    m_detailSplitter->setStretchFactor(0, 3);
    m_detailSplitter->setStretchFactor(1, 2);
}

void FleetPage::selectStation(const QString& station)
{
    const auto find = [this, &station] {
        for (int row = 0; row < m_filter->rowCount(); ++row) {
            const QModelIndex index = m_filter->index(row, StationTableModel::NameColumn);
            if (index.data(StationTableModel::SortRole).toString() == station)
                return index;
        }
        return QModelIndex();
    };
    QModelIndex index = find();
    if (!index.isValid()) {
        m_filterEdit->clear();
        m_siteView->setCurrentIndex(m_sites.allSitesIndex());
        index = find();
    }
    if (!index.isValid())
        return;
    m_stationView->selectionModel()->select(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_stationView->setCurrentIndex(index);
    m_stationView->scrollTo(index);
}

void FleetPage::focusFilter()
{
    m_filterEdit->setFocus(Qt::ShortcutFocusReason);
    m_filterEdit->selectAll();
}

void FleetPage::onSiteSelected()
{
    m_filter->setSite(selectedSite());
    m_stationView->clearSelection();
    updateActions();
}

void FleetPage::updateCount()
{
    m_count->setText(tr("%1 of %2 stations").arg(m_filter->rowCount()).arg(m_fleet.activeStationCount()));
}

QString FleetPage::selectedStation() const
{
    const QModelIndexList rows = m_stationView->selectionModel()->selectedRows(StationTableModel::NameColumn);
    return rows.isEmpty() ? QString() : rows.first().data(StationTableModel::SortRole).toString();
}

QString FleetPage::selectedSite() const
{
    return m_siteView->currentIndex().data(SiteTreeModel::SiteNameRole).toString();
}

void FleetPage::updateActions()
{
    const QString station = selectedStation();
    const bool stationChosen = !station.isEmpty();
    const bool siteChosen = !selectedSite().isEmpty();
    m_edit->setEnabled(stationChosen || siteChosen);
    m_retire->setEnabled(stationChosen || siteChosen);
    const Station* chosen = stationChosen ? m_fleet.station(station) : nullptr;
    m_retire->setText(chosen && chosen->retired ? tr("&Restore") : tr("&Retire"));
}

void FleetPage::addSite()
{
    Site site;
    SiteDialog dialog(
        site, false, [this](const Site& s) { return m_editor.addSite(s); }, this);
    dialog.exec();
}

void FleetPage::addStation()
{
    QStringList siteNames;
    for (const Site& site : m_fleet.sites()) {
        if (!site.retired)
            siteNames.append(site.name);
    }
    if (siteNames.isEmpty()) {
        QMessageBox::information(this, tr("Add station"), tr("Add a site first: every station belongs to a site."));
        return;
    }
    Station station;
    station.site = selectedSite().isEmpty() ? siteNames.first() : selectedSite();
    StationDialog dialog(
        station, siteNames, false, [this](const Station& s) { return m_editor.addStation(s); }, this);
    dialog.exec();
}

void FleetPage::editSelected()
{
    if (const Station* station = m_fleet.station(selectedStation())) {
        QStringList siteNames;
        for (const Site& site : m_fleet.sites())
            siteNames.append(site.name);
        StationDialog dialog(
            *station, siteNames, true, [this](const Station& s) { return m_editor.updateStation(s); }, this);
        dialog.exec();
        return;
    }
    if (const Site* site = m_fleet.site(selectedSite())) {
        SiteDialog dialog(
            *site, true, [this](const Site& s) { return m_editor.updateSite(s); }, this);
        dialog.exec();
    }
}

void FleetPage::retireSelected()
{
    Result<void> done;
    if (const Station* station = m_fleet.station(selectedStation())) {
        const bool retire = !station->retired;
        const QString name = station->name;
        if (retire
            && QMessageBox::question(this, tr("Retire station"),
                                     tr("Retire station %1? It stays in the history and can be restored.").arg(name))
                != QMessageBox::Yes)
            return;
        done = m_editor.setStationRetired(name, retire);
    } else if (const Site* site = m_fleet.site(selectedSite())) {
        const QString name = site->name;
        if (QMessageBox::question(this, tr("Retire site"), tr("Retire site %1?").arg(name)) != QMessageBox::Yes)
            return;
        done = m_editor.setSiteRetired(name, true);
    }
    if (!done)
        QMessageBox::warning(this, tr("Not changed"), done.error().sentence());
}

void FleetPage::saveState() const
{
    QSettings settings;
    settings.setValue(SettingsKeys::FleetSplitter, m_splitter->saveState());
    settings.setValue(SettingsKeys::FleetDetailSplitter, m_detailSplitter->saveState());
    settings.setValue(SettingsKeys::FleetHeader, m_stationView->horizontalHeader()->saveState());
    settings.setValue(SettingsKeys::FleetSiteHeader, m_siteView->header()->saveState());
    settings.setValue(SettingsKeys::FleetShowRetired, m_showRetired->isChecked());
}

void FleetPage::restoreState()
{
    QSettings settings;
    if (!m_splitter->restoreState(settings.value(SettingsKeys::FleetSplitter).toByteArray()))
        m_splitter->setSizes({540, 820});
    if (!m_detailSplitter->restoreState(settings.value(SettingsKeys::FleetDetailSplitter).toByteArray()))
        m_detailSplitter->setSizes({520, 360});
    m_stationColumns->restore(settings.value(SettingsKeys::FleetHeader).toByteArray());
    m_siteColumns->restore(settings.value(SettingsKeys::FleetSiteHeader).toByteArray());
    m_showRetired->setChecked(settings.value(SettingsKeys::FleetShowRetired, false).toBool());
}

} // namespace sd
