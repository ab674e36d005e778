// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

class QAction;
class QCheckBox;
class QLabel;
class QLineEdit;
class QSplitter;
class QTableView;
class QTreeView;

namespace sd {

class ColumnFitter;
class Fleet;
class FleetOverview;
class FleetEditor;
class SiteTreeModel;
class StationFilterModel;
class StationTableModel;

// Sites on the left ("All sites" and each site with its local time and window), stations on the
// right with a filter box. Sites and stations can be added, edited and retired by hand.
class FleetPage : public QWidget
{
    Q_OBJECT
public:
    FleetPage(Fleet& fleet, FleetEditor& editor, SiteTreeModel& sites, StationTableModel& stations,
              QWidget* parent = nullptr);

    void focusFilter();
    void saveState() const;
    void restoreState();
    QTableView* stationView() const { return m_stationView; }
    QTreeView* siteView() const { return m_siteView; }
    FleetOverview* overview() const { return m_overview; }
    // The pane under the station table that shows the selected station (its health page).
    void setDetailWidget(QWidget* widget);
    // Selects the station's row (showing every site and clearing the filter if it hides it).
    void selectStation(const QString& station);
    QString selectedStation() const;

Q_SIGNALS:
    // The selected station, or an empty name when none is.
    void currentStationChanged(const QString& station);

private:
    QWidget* buildStationPane();
    void onSiteSelected();
    void updateCount();
    void updateActions();
    QString selectedSite() const;
    void addSite();
    void addStation();
    void editSelected();
    void retireSelected();

    Fleet& m_fleet;
    FleetEditor& m_editor;
    SiteTreeModel& m_sites;
    StationFilterModel* m_filter;
    QSplitter* m_splitter;
    QSplitter* m_detailSplitter = nullptr;
    FleetOverview* m_overview;
    QTreeView* m_siteView;
    QTableView* m_stationView;
    QLineEdit* m_filterEdit;
    QCheckBox* m_showRetired;
    QLabel* m_count;
    QAction* m_addSite;
    QAction* m_addStation;
    QAction* m_edit;
    QAction* m_retire;
    ColumnFitter* m_stationColumns = nullptr;
    ColumnFitter* m_siteColumns = nullptr;
};

} // namespace sd
