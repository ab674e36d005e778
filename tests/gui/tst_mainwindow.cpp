// SPDX-License-Identifier: GPL-3.0-or-later
// The console's widgets over the demo fleet in a real SQLite database: navigation, the filter
// box and its shortcut, the site list driving the station table, and remembered view state.
#include "MainWindow.h"
#include "TestFleet.h"
#include "audit/AuditPage.h"
#include "core/Clock.h"
#include "fleet/Fleet.h"
#include "fleet/FleetEditor.h"
#include "fleet/FleetPage.h"
#include "fleet/InventoryImport.h"
#include "fleet/InventoryParser.h"
#include "fleet/SiteTreeModel.h"
#include "fleet/StationTableModel.h"
#include "storage/AuditTableModel.h"
#include "storage/Database.h"

#include <QApplication>
#include <QFile>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QSettings>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

using namespace sd;

class TestMainWindow : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    ManualClock m_clock{QDateTime::fromString(QStringLiteral("2026-11-30T20:00:00Z"), Qt::ISODate)};
    std::unique_ptr<Database> m_db;
    std::unique_ptr<Fleet> m_fleet;
    std::unique_ptr<FleetEditor> m_editor;
    std::unique_ptr<SiteTreeModel> m_sites;
    std::unique_ptr<StationTableModel> m_stations;
    std::unique_ptr<AuditTableModel> m_audit;
    std::unique_ptr<MainWindow> m_window;
    FleetPage* m_fleetPage = nullptr;

    void build()
    {
        m_fleetPage = new FleetPage(*m_fleet, *m_editor, *m_sites, *m_stations);
        m_window = std::make_unique<MainWindow>(m_fleetPage, new AuditPage(*m_audit));
        m_window->restoreWindowState();
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
        m_db = test::temporaryDatabase(m_dir);
        test::importDemo(*m_db, m_clock);
        m_fleet = std::make_unique<Fleet>(*m_db);
        QVERIFY(m_fleet->reload().ok());
        m_editor = std::make_unique<FleetEditor>(*m_db, *m_fleet, m_clock, QStringLiteral("t"));
        m_sites = std::make_unique<SiteTreeModel>(*m_fleet, m_clock);
        m_stations = std::make_unique<StationTableModel>(*m_fleet, m_clock);
        m_audit = std::make_unique<AuditTableModel>(*m_db);
        QVERIFY(m_audit->reload().ok());
        build();
    }
    void cleanupTestCase()
    {
        m_window.reset();
        QSettings().clear();
    }

    void showsTheFleet()
    {
        QTableView* table = m_fleetPage->stationView();
        QCOMPARE(table->model()->rowCount(), 13);
        QCOMPARE(m_fleetPage->siteView()->model()->rowCount(m_sites->allSitesIndex()), 4);
        auto* count = m_fleetPage->findChild<QLabel*>();
        QVERIFY(count);
        QVERIFY(!table->isColumnHidden(StationTableModel::WindowColumn));
    }

    void ctrlFFocusesTheFilter()
    {
        auto* filter = m_fleetPage->findChild<QLineEdit*>();
        QVERIFY(filter);
        m_window->showPage(MainWindow::AuditPageIndex);
        m_window->activateWindow();
        QTest::keyClick(m_window.get(), Qt::Key_F, Qt::ControlModifier);
        QVERIFY(m_fleetPage->isVisible());
        QTRY_VERIFY(filter->hasFocus());
        QTest::keyClicks(filter, QStringLiteral("sj-"));
        QCOMPARE(m_fleetPage->stationView()->model()->rowCount(), 3);
        filter->clear();
        QCOMPARE(m_fleetPage->stationView()->model()->rowCount(), 13);
    }

    void siteListFiltersStations()
    {
        QTreeView* sites = m_fleetPage->siteView();
        sites->setCurrentIndex(m_sites->indexOfSite(QStringLiteral("Lord Howe Island")));
        QCOMPARE(m_fleetPage->stationView()->model()->rowCount(), 3);
        sites->setCurrentIndex(m_sites->allSitesIndex());
        QCOMPARE(m_fleetPage->stationView()->model()->rowCount(), 13);
    }

    void remembersViewState()
    {
        QHeaderView* header = m_fleetPage->stationView()->horizontalHeader();
        header->resizeSection(StationTableModel::LabelsColumn, 333);
        m_window->showPage(MainWindow::AuditPageIndex);
        m_window->close();
        m_window.reset();
        build();
        QCOMPARE(m_fleetPage->stationView()->horizontalHeader()->sectionSize(StationTableModel::LabelsColumn), 333);
        QVERIFY(m_window->findChild<AuditPage*>()->isVisible());
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
