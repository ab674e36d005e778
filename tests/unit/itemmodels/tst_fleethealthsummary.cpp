// SPDX-License-Identifier: GPL-3.0-or-later
// FleetHealthSummary: counts by state, the busiest stations (up ones with a figure only, stable
// order), link-down sites, retired stations left out. Health from TableHealthSource (tests/common).
#include "TableHealthSource.h"
#include "fleet/Station.h"
#include "metrics/FleetHealthSummary.h"

#include <QTest>

using namespace sd;
using Source = test::TableHealthSource;

namespace {

Station station(const QString& name, const QString& site, bool retired = false)
{
    Station s;
    s.name = name;
    s.site = site;
    s.retired = retired;
    return s;
}

} // namespace

class TestFleetHealthSummary : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void summary()
    {
        const QList<Station> stations{station(QStringLiteral("a1"), QStringLiteral("A")),
                                      station(QStringLiteral("a2"), QStringLiteral("A")),
                                      station(QStringLiteral("a3"), QStringLiteral("A")),
                                      station(QStringLiteral("b1"), QStringLiteral("B")),
                                      station(QStringLiteral("b2"), QStringLiteral("B")),
                                      station(QStringLiteral("c1"), QStringLiteral("C")),
                                      station(QStringLiteral("c2"), QStringLiteral("C")),
                                      station(QStringLiteral("old"), QStringLiteral("C"), true)};
        Source source;
        source.states.insert(QStringLiteral("a1"), Source::make(HealthState::Up, 90, 10, 1));
        source.states.insert(QStringLiteral("a2"), Source::make(HealthState::Up, 50, 80, 1));
        source.states.insert(QStringLiteral("a3"), Source::make(HealthState::Up, 50, NAN, 1));
        source.states.insert(QStringLiteral("b1"), Source::make(HealthState::LinkDown, 99, 99, 1)); // old figures
        source.states.insert(QStringLiteral("b2"), Source::make(HealthState::LinkDown, NAN, NAN, 1));
        source.states.insert(QStringLiteral("c1"), Source::make(HealthState::Down, 100, 100, 1));
        StationHealth app = Source::make(HealthState::Up, 350, NAN, NAN); // process CPU: not comparable
        app.hasNode = false;
        source.states.insert(QStringLiteral("c2"), app);
        source.states.insert(QStringLiteral("old"), Source::make(HealthState::Up, 100, 100, 1));

        const auto summary = FleetHealthSummary::compute(stations, source, 2);
        QCOMPARE(summary.total(), 7);
        QCOMPARE(summary.count(HealthState::Up), 4);
        QCOMPARE(summary.count(HealthState::LinkDown), 2);
        QCOMPARE(summary.count(HealthState::Down), 1);
        QCOMPARE(summary.count(HealthState::Stale), 0);
        using Entry = FleetHealthSummary::Entry;
        QCOMPARE(summary.topCpu,
                 (QList<Entry>{{QStringLiteral("a1"), QStringLiteral("A"), 90},
                               {QStringLiteral("a2"), QStringLiteral("A"), 50}}));
        QCOMPARE(summary.topMemory,
                 (QList<Entry>{{QStringLiteral("a2"), QStringLiteral("A"), 80},
                               {QStringLiteral("a1"), QStringLiteral("A"), 10}}));
        QCOMPARE(summary.linkDownSites, (QList<FleetHealthSummary::LinkDownSite>{{QStringLiteral("B"), 2}}));
    }

    void emptyFleet()
    {
        Source source;
        const auto summary = FleetHealthSummary::compute({}, source);
        QCOMPARE(summary.total(), 0);
        QVERIFY(summary.topCpu.isEmpty() && summary.linkDownSites.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestFleetHealthSummary)
#include "tst_fleethealthsummary.moc"
