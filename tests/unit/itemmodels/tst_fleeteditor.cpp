// SPDX-License-Identifier: GPL-3.0-or-later
// Changes by hand: the same checks as an import, one audit entry per change, nothing half done.
#include "TestFleet.h"
#include "core/Clock.h"
#include "fleet/Fleet.h"
#include "fleet/FleetEditor.h"
#include "storage/AuditLog.h"
#include "storage/Database.h"

#include <QTemporaryDir>
#include <QTest>

using namespace sd;

Q_DECLARE_METATYPE(sd::Site)

class TestFleetEditor : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<Fleet> m_fleet;
    std::unique_ptr<FleetEditor> m_editor;
    ManualClock m_clock{QDateTime::fromString(QStringLiteral("2026-11-30T20:00:00Z"), Qt::ISODate)};

    static Site site(const QString& name, const QString& zone, const QString& windows = {})
    {
        return Site{0, name, zone, windows, false};
    }
    static Station station(const QString& name, const QString& site)
    {
        Station s;
        s.name = name;
        s.site = site;
        s.ansibleHost = name + QStringLiteral(".lab");
        return s;
    }
    QList<AuditEntry> audit() { return AuditLog(*m_db).recent(100).value(); }

private Q_SLOTS:
    void init()
    {
        m_db = test::temporaryDatabase(m_dir);
        m_fleet = std::make_unique<Fleet>(*m_db);
        QVERIFY(m_fleet->reload().ok());
        m_editor = std::make_unique<FleetEditor>(*m_db, *m_fleet, m_clock, QStringLiteral("local:alice"));
    }
    void cleanup()
    {
        m_editor.reset();
        m_fleet.reset();
        m_db.reset();
    }

    void rejectsBadSites_data()
    {
        QTest::addColumn<Site>("bad");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown zone") << site(QStringLiteral("A"), QStringLiteral("Europe/Atlantis"))
                                      << QStringLiteral(
                                             "site \"A\": \"Europe/Atlantis\" is not a known IANA time zone");
        QTest::newRow("bad window") << site(QStringLiteral("A"), QStringLiteral("UTC"), QStringLiteral("25:00-26:00"))
                                    << QStringLiteral("site \"A\": maintenance window: ");
        QTest::newRow("no name") << site(QString(), QStringLiteral("UTC")) << QStringLiteral("a site needs a name");
        QTest::newRow("padded name") << site(QStringLiteral(" A"), QStringLiteral("UTC"))
                                     << QStringLiteral("a site needs a name");
    }
    void rejectsBadSites()
    {
        QFETCH(Site, bad);
        QFETCH(QString, message);
        const auto added = m_editor->addSite(bad);
        QVERIFY(!added.ok());
        QVERIFY2(added.error().message().startsWith(message), qPrintable(added.error().message()));
        QVERIFY(m_fleet->sites().isEmpty());
        QVERIFY(audit().isEmpty());
    }

    void addEditRetireAreAudited()
    {
        QVERIFY(m_editor->addSite(site(QStringLiteral("Kathmandu"), QStringLiteral("Asia/Kathmandu"))).ok());
        QVERIFY(m_editor->addStation(station(QStringLiteral("ktm-01"), QStringLiteral("Kathmandu"))).ok());
        QCOMPARE(m_fleet->station(QStringLiteral("ktm-01"))->metricsUrls,
                 QStringList{QStringLiteral("http://ktm-01.lab:9100/metrics")});
        QCOMPARE(m_fleet->station(QStringLiteral("ktm-01"))->source, Station::Source::Manual);

        QVERIFY(m_editor
                    ->updateSite(site(QStringLiteral("Kathmandu"), QStringLiteral("Asia/Kathmandu"),
                                      QStringLiteral("Sat 01:00-03:00")))
                    .ok());
        QCOMPARE(m_fleet->site(QStringLiteral("Kathmandu"))->windows, QStringLiteral("Sat 01:00-03:00"));

        const auto busy = m_editor->setSiteRetired(QStringLiteral("Kathmandu"), true);
        QVERIFY(!busy.ok());
        QCOMPARE(busy.error().message(),
                 QStringLiteral("site \"Kathmandu\" still has 1 active station(s); retire or move them first"));
        QVERIFY(m_editor->setStationRetired(QStringLiteral("ktm-01"), true).ok());
        QVERIFY(m_editor->setSiteRetired(QStringLiteral("Kathmandu"), true).ok());

        QStringList actions;
        for (const AuditEntry& entry : audit()) {
            actions.prepend(entry.action);
            QCOMPARE(entry.actor, QStringLiteral("local:alice"));
        }
        QCOMPARE(actions,
                 (QStringList{QStringLiteral("site.add"), QStringLiteral("station.add"), QStringLiteral("site.edit"),
                              QStringLiteral("station.retire"), QStringLiteral("site.retire")}));
        QCOMPARE(audit()
                     .at(2)
                     .details.value(QStringLiteral("before"))
                     .toObject()
                     .value(QStringLiteral("windows"))
                     .toString(),
                 QString());
    }

    void rejectsBadStations()
    {
        QVERIFY(m_editor->addSite(site(QStringLiteral("S"), QStringLiteral("UTC"))).ok());
        const qsizetype audits = audit().size();
        QCOMPARE(m_editor->addStation(station(QStringLiteral("x"), QStringLiteral("Nowhere"))).error().message(),
                 QStringLiteral("station \"x\": there is no active site named \"Nowhere\""));
        Station badUrl = station(QStringLiteral("x"), QStringLiteral("S"));
        badUrl.metricsUrls = {QStringLiteral("x:9100")};
        QVERIFY(
            m_editor->addStation(badUrl).error().message().startsWith(QStringLiteral("station \"x\": metrics URL: ")));
        QVERIFY(m_editor->addStation(station(QStringLiteral("x"), QStringLiteral("S"))).ok());
        QCOMPARE(m_editor->addStation(station(QStringLiteral("x"), QStringLiteral("S"))).error().message(),
                 QStringLiteral("a station named \"x\" already exists"));
        Station noHost = station(QStringLiteral("y"), QStringLiteral("S"));
        noHost.ansibleHost.clear();
        QCOMPARE(m_editor->addStation(noHost).error().message(),
                 QStringLiteral("station \"y\" has no host name or address"));
        QCOMPARE(audit().size(), audits + 1);
    }
};

QTEST_GUILESS_MAIN(TestFleetEditor)
#include "tst_fleeteditor.moc"
