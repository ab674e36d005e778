// SPDX-License-Identifier: GPL-3.0-or-later
// InventoryImport against a real SQLite database: idempotent, retires, never deletes, and an
// import that fails leaves the database exactly as it was.
#include "TestFleet.h"
#include "core/Clock.h"
#include "fleet/InventoryImport.h"
#include "fleet/InventoryParser.h"
#include "storage/AuditLog.h"
#include "storage/Database.h"
#include "storage/SiteRepository.h"
#include "storage/StationRepository.h"

#include <QFile>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

using namespace sd;

class TestInventoryImport : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Database> m_db;
    ManualClock m_clock{QDateTime::fromString(QStringLiteral("2026-11-30T20:00:00Z"), Qt::ISODate)};

    static InventoryData fixture(const QString& name) { return test::inventory(name); }
    Result<ImportReport> import(const InventoryData& data)
    {
        return InventoryImport(*m_db, m_clock).apply(data, QStringLiteral("test.yml"), QStringLiteral("tester"));
    }
    QList<Station> stations() { return StationRepository(*m_db).all(true).value(); }
    qsizetype auditCount() { return AuditLog(*m_db).recent(100000).value().size(); }

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_db = test::temporaryDatabase(m_dir);
    }
    void cleanup() { m_db.reset(); }

    void firstImportAddsEverything()
    {
        const auto report = import(fixture(QStringLiteral("demo")));
        QVERIFY(report.ok());
        QCOMPARE(report->added.size(), 13);
        QCOMPARE(report->sitesAdded.size(), 4);
        QVERIFY(report->changed.isEmpty() && report->unchanged.isEmpty() && report->retired.isEmpty());
        QCOMPARE(report->skippedHosts, QStringList{QStringLiteral("lab-bastion")});
        QCOMPARE(stations().size(), 13);
        const auto entries = AuditLog(*m_db).recent(10).value();
        QCOMPARE(entries.size(), 1);
        QCOMPARE(entries.first().action, QStringLiteral("inventory.import"));
        QCOMPARE(entries.first().actor, QStringLiteral("tester"));
        QCOMPARE(entries.first().at, m_clock.now());
        QCOMPARE(entries.first().details.value(QStringLiteral("added")).toArray().size(), 13);
    }

    void secondImportChangesNothing()
    {
        QVERIFY(import(fixture(QStringLiteral("demo"))).ok());
        const QList<Station> before = stations();
        const auto report = import(fixture(QStringLiteral("demo")));
        QVERIFY(report.ok());
        QCOMPARE(report->unchanged.size(), 13);
        QVERIFY(!report->changesAnything());
        QCOMPARE(stations(), before);
    }

    void stationsThatLeaveAreRetiredNotDeleted()
    {
        QVERIFY(import(fixture(QStringLiteral("demo"))).ok());
        const auto report = import(fixture(QStringLiteral("retired_after")));
        QVERIFY(report.ok());
        QCOMPARE(report->added, QStringList{QStringLiteral("ktm-05")});
        // ktm-01/02 lost their labels and metrics URL; sj-02 moved its port; sj-01 lost its labels.
        QCOMPARE(report->changed,
                 (QStringList{QStringLiteral("ktm-01"), QStringLiteral("ktm-02"), QStringLiteral("sj-01"),
                              QStringLiteral("sj-02")}));
        QCOMPARE(report->retired,
                 (QStringList{QStringLiteral("ktm-03"), QStringLiteral("ktm-04"), QStringLiteral("lhi-01"),
                              QStringLiteral("lhi-02"), QStringLiteral("lhi-03"), QStringLiteral("rvk-01"),
                              QStringLiteral("rvk-02"), QStringLiteral("rvk-03"), QStringLiteral("sj-03")}));
        QCOMPARE(stations().size(), 14); // nothing deleted
        const auto sj02 = StationRepository(*m_db).byName(QStringLiteral("sj-02")).value();
        QCOMPARE(sj02->metricsUrls, QStringList{QStringLiteral("http://127.0.0.1:29112/metrics")});

        // Coming back brings the retired stations back.
        const auto back = import(fixture(QStringLiteral("demo")));
        QVERIFY(back.ok());
        QVERIFY(back->changed.contains(QStringLiteral("lhi-01")));
        QCOMPARE(back->retired, QStringList{QStringLiteral("ktm-05")});
        QVERIFY(!StationRepository(*m_db).byName(QStringLiteral("lhi-01")).value()->retired);
    }

    void manualStationsAreLeftAlone()
    {
        QVERIFY(import(fixture(QStringLiteral("demo"))).ok());
        Station manual;
        manual.name = QStringLiteral("hand-made");
        manual.site = QStringLiteral("Kathmandu");
        manual.ansibleHost = QStringLiteral("10.9.9.9");
        manual.metricsUrls = {QStringLiteral("http://10.9.9.9:9100/metrics")};
        manual.source = Station::Source::Manual;
        QVERIFY(StationRepository(*m_db).insert(manual).ok());
        const auto report = import(fixture(QStringLiteral("retired_after")));
        QVERIFY(report.ok());
        QVERIFY(!report->retired.contains(QStringLiteral("hand-made")));
        QVERIFY(!StationRepository(*m_db).byName(QStringLiteral("hand-made")).value()->retired);
    }

    void siteChangesAreReported()
    {
        QVERIFY(import(fixture(QStringLiteral("demo"))).ok());
        InventoryData data = fixture(QStringLiteral("demo"));
        data.sites[0].windows = QStringLiteral("Sun 01:00-02:00");
        const auto report = import(data);
        QVERIFY(report.ok());
        QCOMPARE(report->sitesChanged, QStringList{data.sites[0].name});
        QCOMPARE(SiteRepository(*m_db).byName(data.sites[0].name).value()->windows, QStringLiteral("Sun 01:00-02:00"));
    }

    void failureLeavesDatabaseUntouched()
    {
        QVERIFY(import(fixture(QStringLiteral("demo"))).ok());
        const QList<Station> before = stations();
        const QList<Site> sitesBefore = SiteRepository(*m_db).all(true).value();
        const qsizetype audits = auditCount();

        // A station of a site the data does not declare fails half-way through, after sites and
        // other stations were written: all of it must roll back.
        InventoryData data = fixture(QStringLiteral("retired_after"));
        data.sites[0].windows = QStringLiteral("Sun 01:00-02:00");
        Station orphan;
        orphan.name = QStringLiteral("zz-orphan");
        orphan.site = QStringLiteral("Atlantis");
        orphan.ansibleHost = QStringLiteral("zz");
        orphan.metricsUrls = {QStringLiteral("http://zz:9100/metrics")};
        data.stations.append(orphan);
        const auto report = import(data);
        QVERIFY(!report.ok());
        QVERIFY2(report.error().message().contains(QStringLiteral("nothing was changed")),
                 qPrintable(report.error().message()));
        QCOMPARE(stations(), before);
        QCOMPARE(SiteRepository(*m_db).all(true).value(), sitesBefore);
        QCOMPARE(auditCount(), audits);
    }

    void emptyInventoryIsRefused()
    {
        QVERIFY(import(fixture(QStringLiteral("demo"))).ok());
        const auto report = import(fixture(QStringLiteral("no_sites")));
        QVERIFY(!report.ok());
        QVERIFY(report.error().message().contains(QStringLiteral("no host with stationdeck_site")));
        const QList<Station> after = stations();
        QCOMPARE(after.size(), 13);
        QVERIFY(std::none_of(after.cbegin(), after.cend(), [](const Station& s) { return s.retired; }));
    }
};

QTEST_GUILESS_MAIN(TestInventoryImport)
#include "tst_inventoryimport.moc"
