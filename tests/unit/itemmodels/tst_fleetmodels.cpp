// SPDX-License-Identifier: GPL-3.0-or-later
// The fleet's item models over a real SQLite database holding the demo inventory, each watched
// by QAbstractItemModelTester while it is reset, refreshed, filtered and sorted.
#include "TestFleet.h"
#include "core/Clock.h"
#include "fleet/Fleet.h"
#include "fleet/FleetEditor.h"
#include "fleet/InventoryImport.h"
#include "fleet/InventoryParser.h"
#include "fleet/SiteTreeModel.h"
#include "fleet/StationFilterModel.h"
#include "fleet/StationTableModel.h"
#include "storage/AuditTableModel.h"
#include "storage/Database.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace sd;

namespace {
// Monday 30 November 2026, 20:00 UTC: Tuesday 01:45 in Kathmandu, Monday 16:30 in St. John's,
// Tuesday 07:00 in Lord Howe (daylight time, +11:00), Monday 20:00 in Reykjavik.
const QDateTime kNow = QDateTime::fromString(QStringLiteral("2026-11-30T20:00:00Z"), Qt::ISODate);
} // namespace

class TestFleetModels : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<Fleet> m_fleet;
    ManualClock m_clock{kNow};

    QString siteRowText(const SiteTreeModel& model, const QString& site, int column)
    {
        return model.indexOfSite(site).siblingAtColumn(column).data().toString();
    }

private Q_SLOTS:
    void init()
    {
        m_clock.set(kNow);
        m_db = test::temporaryDatabase(m_dir);
        test::importDemo(*m_db, m_clock);
        m_fleet = std::make_unique<Fleet>(*m_db);
        QVERIFY(m_fleet->reload().ok());
    }
    void cleanup()
    {
        m_fleet.reset();
        m_db.reset();
    }

    void siteTree()
    {
        SiteTreeModel model(*m_fleet, m_clock);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.allSitesIndex().data().toString(), QStringLiteral("All sites"));
        QCOMPARE(model.allSitesIndex().siblingAtColumn(SiteTreeModel::StationsColumn).data().toInt(), 13);
        QCOMPARE(model.rowCount(model.allSitesIndex()), 4);

        const QString ktm = QStringLiteral("Kathmandu");
        QCOMPARE(siteRowText(model, ktm, SiteTreeModel::LocalTimeColumn), QStringLiteral("Tue 01:45"));
        QCOMPARE(siteRowText(model, ktm, SiteTreeModel::WindowColumn), QStringLiteral("opens Tue 02:00 (in 15 min)"));
        QCOMPARE(siteRowText(model, QStringLiteral("St. John's"), SiteTreeModel::LocalTimeColumn),
                 QStringLiteral("Mon 16:30"));
        QCOMPARE(siteRowText(model, QStringLiteral("St. John's"), SiteTreeModel::WindowColumn),
                 QStringLiteral("opens Mon 23:30 (in 7 h)"));
        QCOMPARE(siteRowText(model, QStringLiteral("Lord Howe Island"), SiteTreeModel::LocalTimeColumn),
                 QStringLiteral("Tue 07:00"));
        QCOMPARE(siteRowText(model, QStringLiteral("Lord Howe Island"), SiteTreeModel::WindowColumn),
                 QStringLiteral("opens Thu 01:00 (in 42 h)"));

        // Twenty minutes later Kathmandu's window is open; the model says so after a refresh.
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        m_clock.advanceSecs(20 * 60);
        model.refreshClock();
        QCOMPARE(changed.size(), 1);
        QCOMPARE(siteRowText(model, ktm, SiteTreeModel::WindowColumn), QStringLiteral("open until 04:00"));
        QVERIFY(model.indexOfSite(ktm).data(SiteTreeModel::WindowOpenRole).toBool());

        // A reload (after an edit) resets the model; retired sites leave the list.
        FleetEditor editor(*m_db, *m_fleet, m_clock, QStringLiteral("t"));
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        QVERIFY(
            editor.addSite({0, QStringLiteral("Zanzibar"), QStringLiteral("Africa/Dar_es_Salaam"), QString(), false})
                .ok());
        QCOMPARE(reset.size(), 1);
        QCOMPARE(model.rowCount(model.allSitesIndex()), 5);
        QCOMPARE(siteRowText(model, QStringLiteral("Zanzibar"), SiteTreeModel::WindowColumn),
                 QStringLiteral("no window"));
        QVERIFY(editor.setSiteRetired(QStringLiteral("Zanzibar"), true).ok());
        QCOMPARE(model.rowCount(model.allSitesIndex()), 4);
    }

    void stationTableAndFilter()
    {
        StationTableModel model(*m_fleet, m_clock);
        StationFilterModel filter;
        filter.setSourceModel(&model);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester filterTester(&filter, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 13);
        QCOMPARE(model.columnCount(), int(StationTableModel::ColumnCount));
        filter.sort(StationTableModel::NameColumn);
        QCOMPARE(filter.index(0, 0).data().toString(), QStringLiteral("ktm-01"));
        QCOMPARE(filter.index(0, StationTableModel::LocalTimeColumn).data().toString(), QStringLiteral("Tue 01:45"));
        QCOMPARE(filter.index(0, StationTableModel::LabelsColumn).data().toString(),
                 QStringLiteral("region=apac, tier=edge"));

        filter.setFilterText(QStringLiteral("gateway"));
        QCOMPARE(filter.rowCount(), 1);
        QCOMPARE(filter.index(0, 0).data().toString(), QStringLiteral("ktm-04"));
        filter.setFilterText(QStringLiteral("APAC remote"));
        QCOMPARE(filter.rowCount(), 3); // Lord Howe's three
        filter.setFilterText(QString());
        filter.setSite(QStringLiteral("St. John's"));
        QCOMPARE(filter.rowCount(), 3);
        filter.setSite(QString());

        // Sorting by window puts the soonest-opening site first: Kathmandu, in 15 minutes.
        filter.sort(StationTableModel::WindowColumn);
        QCOMPARE(filter.index(0, StationTableModel::SiteColumn).data().toString(), QStringLiteral("Kathmandu"));
        filter.sort(StationTableModel::LocalTimeColumn, Qt::DescendingOrder);
        QCOMPARE(filter.index(0, StationTableModel::SiteColumn).data().toString(), QStringLiteral("Lord Howe Island"));

        // Retired stations are hidden unless asked for.
        FleetEditor editor(*m_db, *m_fleet, m_clock, QStringLiteral("t"));
        QVERIFY(editor.setStationRetired(QStringLiteral("rvk-01"), true).ok());
        QCOMPARE(model.rowCount(), 13);
        QCOMPARE(filter.rowCount(), 12);
        filter.setShowRetired(true);
        QCOMPARE(filter.rowCount(), 13);

        m_clock.advanceSecs(3600);
        model.refreshClock();
        QCOMPARE(model.index(0, StationTableModel::LocalTimeColumn).data().toString(), QStringLiteral("Tue 02:45"));
    }

    void naturalSort()
    {
        FleetEditor editor(*m_db, *m_fleet, m_clock, QStringLiteral("t"));
        Station station;
        station.site = QStringLiteral("Kathmandu");
        station.ansibleHost = QStringLiteral("10.0.0.1");
        station.name = QStringLiteral("ktm-10");
        QVERIFY(editor.addStation(station).ok());
        StationTableModel model(*m_fleet, m_clock);
        StationFilterModel filter;
        filter.setSourceModel(&model);
        filter.setSite(QStringLiteral("Kathmandu"));
        filter.sort(StationTableModel::NameColumn);
        QCOMPARE(filter.index(4, 0).data().toString(), QStringLiteral("ktm-10"));
    }

    void auditTable()
    {
        AuditTableModel model(*m_db);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(model.reload().ok());
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.index(0, AuditTableModel::ActionColumn).data().toString(), QStringLiteral("inventory.import"));
        FleetEditor editor(*m_db, *m_fleet, m_clock, QStringLiteral("alice"));
        QVERIFY(editor.setStationRetired(QStringLiteral("sj-01"), true).ok());
        QVERIFY(model.reload().ok());
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.index(0, AuditTableModel::ActionColumn).data().toString(), QStringLiteral("station.retire"));
        QCOMPARE(model.index(0, AuditTableModel::ActorColumn).data().toString(), QStringLiteral("alice"));
        QCOMPARE(model.index(0, AuditTableModel::SubjectColumn).data().toString(), QStringLiteral("sj-01"));
    }
};

QTEST_GUILESS_MAIN(TestFleetModels)
#include "tst_fleetmodels.moc"
