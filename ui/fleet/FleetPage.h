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

private:
    QWidget* buildStationPane();
    void onSiteSelected();
    void updateCount();
    void updateActions();
    QString selectedStation() const;
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
