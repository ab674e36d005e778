// SPDX-License-Identifier: GPL-3.0-or-later
// HealthTracker with a ManualClock (no test waits): up → down on refusal → recovery, a site's link
// down when all its stations are unreachable (one siteLinkChanged), 1 of 3 unreachable, HTTP 500
// from all (down, not link down), stale after 3 intervals, history gaps, eviction, a station with
// a node_exporter and an application endpoint, batched healthChanged().
#include "core/Clock.h"
#include "metrics/HealthTracker.h"

#include <QSignalSpy>
#include <QTest>

#include <cmath>
#include <cstdint>

using namespace sd;

namespace {

using Failure = ScrapeOutcome::Failure;

const QDateTime kStart = QDateTime(QDate(2026, 3, 1), QTime(10, 0), Qt::UTC);

ScrapeTarget target(const QString& station, const QString& site, int port = 9100)
{
    return ScrapeTarget{station, site, QUrl(QStringLiteral("http://%1.example:%2/metrics").arg(station).arg(port))};
}

// A tracker on a ManualClock at kStart, following `targets`.
struct Fixture
{
    explicit Fixture(const QList<ScrapeTarget>& targets = {}, HealthTracker::Options options = {})
        : tracker(clock, options)
    {
        tracker.setTargets(targets);
    }
    ManualClock clock{kStart};
    HealthTracker tracker;
};

// Stations a, b and c at one site.
QList<ScrapeTarget> siteOfThree(const QString& site)
{
    return {target(QStringLiteral("a"), site), target(QStringLiteral("b"), site), target(QStringLiteral("c"), site)};
}

// A node_exporter with 2 CPUs; `busy` is the share of CPU time used since the previous scrape.
struct Node
{
    double idle = 1000;
    double total = 4000;
    RawHealth next(double busy, double seconds = 15)
    {
        total += 2 * seconds;
        idle += 2 * seconds * (1 - busy);
        RawHealth raw;
        raw.nodeCpuIdleSeconds = idle;
        raw.nodeCpuTotalSeconds = total;
        raw.nodeCpuCount = 2;
        raw.memTotalBytes = 8e9;
        raw.memAvailableBytes = 6e9;
        return raw;
    }
};

RawHealth app(double cpuSeconds)
{
    RawHealth raw;
    raw.processCpuSeconds = cpuSeconds;
    raw.residentBytes = 50e6;
    raw.virtualBytes = 900e6;
    return raw;
}

ScrapeOutcome success(const ScrapeTarget& on, const QDateTime& at, const RawHealth& raw)
{
    ScrapeOutcome outcome;
    outcome.target = on;
    outcome.startedAt = at;
    outcome.durationSeconds = 0.02;
    outcome.httpStatus = 200;
    outcome.raw = raw;
    return outcome;
}

ScrapeOutcome failure(const ScrapeTarget& on, const QDateTime& at, Failure kind)
{
    ScrapeOutcome outcome;
    outcome.target = on;
    outcome.startedAt = at;
    outcome.failure = kind;
    outcome.durationSeconds = kind == Failure::Timeout ? 10 : 0.001;
    const QString url = on.url.toString();
    switch (kind) {
    case Failure::Transport:
        outcome.error = Error(QStringLiteral("%1: connection refused").arg(url), QStringLiteral("network"));
        break;
    case Failure::Timeout:
        outcome.error = Error(QStringLiteral("%1: no answer within 10 s").arg(url), QStringLiteral("timeout"));
        break;
    case Failure::Http:
        outcome.httpStatus = 500;
        outcome.error = Error(QStringLiteral("%1 answered HTTP 500 Internal Server Error").arg(url));
        break;
    default:
        outcome.error = Error(QStringLiteral("%1: failed").arg(url));
        break;
    }
    return outcome;
}

} // namespace

class TestHealthTracker : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void unknownBeforeFirstAttempt();
    void upDownRecovery();
    void allStationsOfASiteUnreachableIsLinkDown();
    void oneOfThreeUnreachableIsOnlyThatStationDown();
    void http500FromAllIsDownNotLinkDown();
    void oneStationSiteIsDownNotLinkDown();
    void staleAfterThreeIntervals();
    void historyHasGaps();
    void evictsAtCapacity();
    void stationWithTwoEndpoints();
    void rowsFollowRounds();
    void changedIsBatched();
    void setTargetsKeepsAndDrops();
    void lateOutcomesAndUnknownTargets();
};

void TestHealthTracker::unknownBeforeFirstAttempt()
{
    ManualClock clock(kStart);
    HealthTracker tracker(clock);
    QCOMPARE(tracker.options().capacity(), std::size_t(1440));
    QCOMPARE(tracker.health(QStringLiteral("nowhere")).state, HealthState::Unknown);
    tracker.setTargets(
        {target(QStringLiteral("a"), QStringLiteral("s")), target(QStringLiteral("b"), QStringLiteral("s"))});
    QCOMPARE(tracker.stations(), (QStringList{QStringLiteral("a"), QStringLiteral("b")}));
    QCOMPARE(tracker.siteOf(QStringLiteral("b")), QStringLiteral("s"));
    const StationHealth health = tracker.health(QStringLiteral("a"));
    QCOMPARE(health.state, HealthState::Unknown);
    QVERIFY(health.reason.isEmpty());
    QVERIFY(!health.lastAttempt.isValid());
    QCOMPARE(tracker.count(HealthState::Unknown), 2);
    // Unknown does not turn stale: nothing was ever tried.
    clock.advanceSecs(3600);
    tracker.tick();
    QCOMPARE(tracker.count(HealthState::Unknown), 2);
}

void TestHealthTracker::upDownRecovery()
{
    const ScrapeTarget a = target(QStringLiteral("a"), QStringLiteral("s"));
    Fixture fixture({a});
    auto& [clock, tracker] = fixture;
    QSignalSpy changedStation(&tracker, &HealthTracker::stationChanged);
    Node node;

    tracker.record(success(a, clock.now(), node.next(0.5)));
    StationHealth health = tracker.health(QStringLiteral("a"));
    QCOMPARE(health.state, HealthState::Up);
    QVERIFY(health.reason.isEmpty());
    QVERIFY(health.hasNode);
    QVERIFY(std::isnan(health.value(HealthMetric::CpuPercent))); // needs two scrapes
    QCOMPARE(health.value(HealthMetric::MemoryUsedBytes), 2e9);
    QCOMPARE(health.value(HealthMetric::MemoryPercent), 25.0);
    QCOMPARE(health.value(HealthMetric::Up), 1.0);
    QCOMPARE(health.value(HealthMetric::ScrapeSeconds), 0.02);
    QCOMPARE(changedStation.count(), 1);
    QCOMPARE(changedStation.at(0).at(0).toString(), QStringLiteral("a"));

    clock.advanceSecs(15);
    tracker.record(success(a, clock.now(), node.next(0.25)));
    health = tracker.health(QStringLiteral("a"));
    QCOMPARE(health.value(HealthMetric::CpuPercent), 25.0);

    clock.advanceSecs(15);
    tracker.record(failure(a, clock.now(), Failure::Transport));
    health = tracker.health(QStringLiteral("a"));
    QCOMPARE(health.state, HealthState::Down);
    QCOMPARE(health.reason, QStringLiteral("http://a.example:9100/metrics: connection refused."));
    QCOMPARE(health.lastAttempt, clock.now());
    QCOMPARE(health.lastSuccess, clock.now().addSecs(-15));
    QVERIFY(std::isnan(health.value(HealthMetric::CpuPercent)));
    QCOMPARE(health.value(HealthMetric::Up), 0.0);
    QCOMPARE(tracker.count(HealthState::Down), 1);

    clock.advanceSecs(15);
    tracker.record(success(a, clock.now(), node.next(0.75, 30)));
    health = tracker.health(QStringLiteral("a"));
    QCOMPARE(health.state, HealthState::Up);
    // The rate resumes over the gap, from the last success.
    QCOMPARE(health.value(HealthMetric::CpuPercent), 75.0);
    QCOMPARE(changedStation.count(), 4);
}

void TestHealthTracker::allStationsOfASiteUnreachableIsLinkDown()
{
    const QString site = QStringLiteral("harbour");
    const QList<ScrapeTarget> targets = siteOfThree(site) << target(QStringLiteral("x"), QStringLiteral("elsewhere"));
    Fixture fixture(targets);
    auto& [clock, tracker] = fixture;
    Node node;
    for (const auto& on : targets)
        tracker.record(success(on, clock.now(), node.next(0.1)));
    QCOMPARE(tracker.count(HealthState::Up), 4);

    QSignalSpy linkChanged(&tracker, &HealthTracker::siteLinkChanged);
    clock.advanceSecs(15);
    tracker.record(failure(targets[0], clock.now(), Failure::Transport));
    clock.advanceSecs(4);
    tracker.record(failure(targets[1], clock.now(), Failure::Timeout));
    QCOMPARE(linkChanged.count(), 0);
    QCOMPARE(tracker.health(QStringLiteral("a")).state, HealthState::Down);
    clock.advanceSecs(5);
    tracker.record(failure(targets[2], clock.now(), Failure::Transport));

    QCOMPARE(linkChanged.count(), 1);
    QCOMPARE(linkChanged.at(0).at(0).toString(), site);
    QCOMPARE(linkChanged.at(0).at(1).toBool(), true);
    QVERIFY(tracker.siteLinkDown(site));
    QCOMPARE(tracker.sitesWithLinkDown(), QStringList{site});
    for (const QString& station : {QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")}) {
        const StationHealth health = tracker.health(station);
        QCOMPARE(health.state, HealthState::LinkDown);
        QCOMPARE(health.reason,
                 QStringLiteral("The link to site harbour is down: none of its 3 stations answers (since 10:00)."));
    }
    QCOMPARE(tracker.health(QStringLiteral("x")).state, HealthState::Up);
    QCOMPARE(tracker.count(HealthState::LinkDown), 3);

    // More failures, even long after (the scraper backs off the site), change nothing.
    for (int round = 0; round < 10; ++round) {
        clock.advanceSecs(60);
        for (int i = 0; i < 3; ++i)
            tracker.record(failure(targets[i], clock.now(), Failure::Transport));
        tracker.tick();
    }
    QCOMPARE(linkChanged.count(), 1);
    QCOMPARE(tracker.health(QStringLiteral("b")).state, HealthState::LinkDown);

    // One answer: the link is up, the others are down on their own.
    clock.advanceSecs(15);
    tracker.record(success(targets[1], clock.now(), node.next(0.1)));
    QCOMPARE(linkChanged.count(), 2);
    QCOMPARE(linkChanged.at(1).at(1).toBool(), false);
    QVERIFY(!tracker.siteLinkDown(site));
    QCOMPARE(tracker.health(QStringLiteral("b")).state, HealthState::Up);
    QCOMPARE(tracker.health(QStringLiteral("a")).state, HealthState::Down);
    QCOMPARE(tracker.health(QStringLiteral("c")).state, HealthState::Down);
}

void TestHealthTracker::oneOfThreeUnreachableIsOnlyThatStationDown()
{
    const QString site = QStringLiteral("s");
    const QList<ScrapeTarget> targets = siteOfThree(site);
    Fixture fixture(targets);
    auto& [clock, tracker] = fixture;
    QSignalSpy linkChanged(&tracker, &HealthTracker::siteLinkChanged);
    Node node;
    for (int round = 0; round < 5; ++round) {
        tracker.record(failure(targets[0], clock.now(), Failure::Transport));
        tracker.record(success(targets[1], clock.now(), node.next(0.1)));
        tracker.record(success(targets[2], clock.now(), node.next(0.1)));
        clock.advanceSecs(15);
        tracker.tick();
    }
    QCOMPARE(linkChanged.count(), 0);
    QCOMPARE(tracker.health(QStringLiteral("a")).state, HealthState::Down);
    QCOMPARE(tracker.health(QStringLiteral("b")).state, HealthState::Up);
    QCOMPARE(tracker.health(QStringLiteral("c")).state, HealthState::Up);
    QCOMPARE(tracker.counts(), (std::array<int, 5>{0, 2, 1, 0, 0}));
}

void TestHealthTracker::http500FromAllIsDownNotLinkDown()
{
    const QString site = QStringLiteral("s");
    const QList<ScrapeTarget> targets = siteOfThree(site);
    Fixture fixture(targets);
    auto& [clock, tracker] = fixture;
    QSignalSpy linkChanged(&tracker, &HealthTracker::siteLinkChanged);
    for (const auto& on : targets)
        tracker.record(failure(on, clock.now(), Failure::Http));
    QCOMPARE(linkChanged.count(), 0);
    QVERIFY(!tracker.siteLinkDown(site));
    QCOMPARE(tracker.count(HealthState::Down), 3);
    QCOMPARE(tracker.health(QStringLiteral("b")).reason,
             QStringLiteral("http://b.example:9100/metrics answered HTTP 500 Internal Server Error."));
}

void TestHealthTracker::oneStationSiteIsDownNotLinkDown()
{
    const ScrapeTarget lone = target(QStringLiteral("lone"), QStringLiteral("island"));
    Fixture fixture({lone});
    auto& [clock, tracker] = fixture;
    QSignalSpy linkChanged(&tracker, &HealthTracker::siteLinkChanged);
    for (int round = 0; round < 3; ++round) {
        tracker.record(failure(lone, clock.now(), Failure::Timeout));
        clock.advanceSecs(15);
    }
    QCOMPARE(linkChanged.count(), 0);
    QCOMPARE(tracker.health(QStringLiteral("lone")).state, HealthState::Down);
    QCOMPARE(tracker.health(QStringLiteral("lone")).reason,
             QStringLiteral("http://lone.example:9100/metrics: no answer within 10 s."));
}

void TestHealthTracker::staleAfterThreeIntervals()
{
    const ScrapeTarget a = target(QStringLiteral("a"), QStringLiteral("s"));
    Fixture fixture({a});
    auto& [clock, tracker] = fixture;
    Node node;
    tracker.record(success(a, clock.now(), node.next(0.1)));
    QSignalSpy changedStation(&tracker, &HealthTracker::stationChanged);
    QSignalSpy changed(&tracker, &HealthTracker::healthChanged);

    clock.advanceSecs(45); // exactly 3 intervals: not yet
    tracker.tick();
    QCOMPARE(tracker.health(QStringLiteral("a")).state, HealthState::Up);
    QCOMPARE(changedStation.count(), 0);

    clock.advanceSecs(1);
    tracker.tick();
    const StationHealth health = tracker.health(QStringLiteral("a"));
    QCOMPARE(health.state, HealthState::Stale);
    QCOMPARE(health.reason,
             QStringLiteral("No fresh data from a since 10:00: its last successful scrape is older than "
                            "3 scrape intervals (45 s)."));
    QCOMPARE(changedStation.count(), 1);
    QCOMPARE(changed.count(), 2); // the first tick flushed the success recorded before it

    // A failure explains the silence: down, not stale.
    tracker.record(failure(a, clock.now(), Failure::Transport));
    QCOMPARE(tracker.health(QStringLiteral("a")).state, HealthState::Down);
    clock.advanceSecs(600);
    tracker.tick();
    QCOMPARE(tracker.health(QStringLiteral("a")).state, HealthState::Down);
}

void TestHealthTracker::historyHasGaps()
{
    const ScrapeTarget a = target(QStringLiteral("a"), QStringLiteral("s"));
    Fixture fixture({a});
    auto& [clock, tracker] = fixture;
    Node node;
    // Rounds 0..5; round 3 fails; then scraping pauses for 5 minutes; then rounds 6 and 7.
    for (int round = 0; round < 6; ++round) {
        if (round == 3)
            tracker.record(failure(a, clock.now(), Failure::Transport));
        else
            tracker.record(success(a, clock.now(), node.next(0.5)));
        clock.advanceSecs(15);
    }
    clock.advanceSecs(300);
    tracker.record(success(a, clock.now(), node.next(0.5)));
    clock.advanceSecs(15);
    tracker.record(success(a, clock.now(), node.next(0.5)));

    const HealthSeries cpu = tracker.history(QStringLiteral("a"), HealthMetric::CpuPercent, kStart, clock.now());
    QCOMPARE(cpu.station, QStringLiteral("a"));
    QCOMPARE(cpu.metric, HealthMetric::CpuPercent);
    QCOMPARE(cpu.timesMs.size(), std::size_t(9)); // 8 rows + the pause marked by a gap
    QCOMPARE(cpu.values.size(), cpu.timesMs.size());
    QVERIFY(std::isnan(cpu.values[0])); // one scrape: no rate yet
    QCOMPARE(cpu.values[1], 50.0);
    QCOMPARE(cpu.values[2], 50.0);
    QVERIFY(std::isnan(cpu.values[3])); // the failed scrape
    QCOMPARE(cpu.values[4], 50.0); // the rate resumes over the failed round
    QCOMPARE(cpu.values[5], 50.0);
    QVERIFY(std::isnan(cpu.values[6])); // the pause
    QCOMPARE(cpu.timesMs[6], kStart.addSecs(90).toMSecsSinceEpoch());
    QCOMPARE(cpu.timesMs[7], kStart.addSecs(390).toMSecsSinceEpoch());
    QCOMPARE(cpu.values[8], 50.0);

    const auto up = tracker.sparkline(QStringLiteral("a"), HealthMetric::Up, 5);
    QCOMPARE(up, (std::vector<double>{0, 1, 1, 1, 1}));
    // A part of the range only.
    const HealthSeries part
        = tracker.history(QStringLiteral("a"), HealthMetric::Up, kStart.addSecs(15), kStart.addSecs(45));
    QCOMPARE(part.values, (std::vector<double>{1, 1, 0}));
    // A metric the station does not have: empty, as is an unknown station.
    QVERIFY(tracker.history(QStringLiteral("a"), HealthMetric::ResidentBytes, kStart, clock.now()).isEmpty());
    QVERIFY(tracker.history(QStringLiteral("zz"), HealthMetric::Up, kStart, clock.now()).isEmpty());
    QVERIFY(tracker.sparkline(QStringLiteral("a"), HealthMetric::Up, -3).empty());
}

void TestHealthTracker::evictsAtCapacity()
{
    ManualClock clock(kStart);
    HealthTracker::Options options;
    options.history = std::chrono::minutes(1); // 4 rows at 15 s
    HealthTracker tracker(clock, options);
    QCOMPARE(options.capacity(), std::size_t(4));
    const ScrapeTarget a = target(QStringLiteral("a"), QStringLiteral("s"));
    tracker.setTargets({a});
    Node node;
    for (int round = 0; round < 10; ++round) {
        tracker.record(success(a, clock.now(), node.next(0.01 * round)));
        clock.advanceSecs(15);
    }
    QCOMPARE(tracker.store().rows(QStringLiteral("a")), std::size_t(4));
    const HealthSeries cpu = tracker.history(QStringLiteral("a"), HealthMetric::CpuPercent, kStart, clock.now());
    QCOMPARE(cpu.timesMs.front(), kStart.addSecs(6 * 15).toMSecsSinceEpoch());
    QCOMPARE(cpu.values.size(), std::size_t(4));
    QVERIFY(std::abs(cpu.values.back() - 9.0) < 1e-4);
}

void TestHealthTracker::stationWithTwoEndpoints()
{
    ManualClock clock(kStart);
    HealthTracker tracker(clock);
    // The application first in target order: the node_exporter still wins for CPU and memory.
    const ScrapeTarget web = target(QStringLiteral("a"), QStringLiteral("s"), 8000);
    const ScrapeTarget host = target(QStringLiteral("a"), QStringLiteral("s"), 9100);
    tracker.setTargets({web, host});
    QCOMPARE(tracker.stations(), QStringList{QStringLiteral("a")});
    Node node;
    double appCpu = 10;

    // Round 0 and 1: both answer, a few seconds apart; one row per round.
    tracker.record(success(web, clock.now(), app(appCpu)));
    QCOMPARE(tracker.health(QStringLiteral("a")).state, HealthState::Up); // the node is not tried yet
    clock.advanceSecs(3);
    tracker.record(success(host, clock.now(), node.next(0.2)));
    clock.advanceSecs(12);
    tracker.record(success(web, clock.now(), app(appCpu += 3))); // 3 s in 15 s: 20 % of a core
    clock.advanceSecs(3);
    tracker.record(success(host, clock.now(), node.next(0.4)));
    QCOMPARE(tracker.store().rows(QStringLiteral("a")), std::size_t(2));

    StationHealth health = tracker.health(QStringLiteral("a"));
    QCOMPARE(health.state, HealthState::Up);
    QVERIFY(health.hasNode);
    QCOMPARE(health.value(HealthMetric::CpuPercent), 40.0); // the node's, not the app's 20 %
    QCOMPARE(health.value(HealthMetric::MemoryPercent), 25.0);
    QCOMPARE(health.value(HealthMetric::ResidentBytes), 50e6); // the app's
    QCOMPARE(health.value(HealthMetric::VirtualBytes), 900e6);
    QCOMPARE(tracker.sparkline(QStringLiteral("a"), HealthMetric::CpuPercent, 5).size(), std::size_t(2));
    QCOMPARE(tracker.sparkline(QStringLiteral("a"), HealthMetric::CpuPercent, 5).back(), 40.0);
    QCOMPARE(tracker.sparkline(QStringLiteral("a"), HealthMetric::VirtualBytes, 5),
             (std::vector<double>{900e6, 900e6}));

    // Round 2: the application fails, the node answers.
    clock.advanceSecs(12);
    tracker.record(failure(web, clock.now(), Failure::Http));
    clock.advanceSecs(3);
    tracker.record(success(host, clock.now(), node.next(0.6)));
    health = tracker.health(QStringLiteral("a"));
    QCOMPARE(health.state, HealthState::Down);
    QCOMPARE(health.reason, QStringLiteral("http://a.example:8000/metrics answered HTTP 500 Internal Server Error."));
    QCOMPARE(health.value(HealthMetric::CpuPercent), 60.0);
    QVERIFY(std::isnan(health.value(HealthMetric::ResidentBytes)));
    QCOMPARE(health.value(HealthMetric::Up), 0.0);
    QCOMPARE(tracker.store().rows(QStringLiteral("a")), std::size_t(3));
    QCOMPARE(tracker.sparkline(QStringLiteral("a"), HealthMetric::Up, 3), (std::vector<double>{1, 1, 0}));
    QCOMPARE(tracker.sparkline(QStringLiteral("a"), HealthMetric::CpuPercent, 1), (std::vector<double>{60.0}));
    QVERIFY(std::isnan(tracker.sparkline(QStringLiteral("a"), HealthMetric::ResidentBytes, 1).front()));

    // Round 3: both fail; the reason names the first and counts the other.
    clock.advanceSecs(12);
    tracker.record(failure(web, clock.now(), Failure::Transport));
    tracker.record(failure(host, clock.now(), Failure::Transport));
    QCOMPARE(
        tracker.health(QStringLiteral("a")).reason,
        QStringLiteral("http://a.example:8000/metrics: connection refused. 1 more endpoint(s) of a fail as well."));
}

void TestHealthTracker::rowsFollowRounds()
{
    const ScrapeTarget web = target(QStringLiteral("a"), QStringLiteral("s"), 8000);
    const ScrapeTarget host = target(QStringLiteral("a"), QStringLiteral("s"), 9100);
    Fixture fixture({web, host});
    auto& [clock, tracker] = fixture;
    Node node;
    tracker.record(success(web, clock.now(), app(1))); // row 0 at 0 s
    clock.advanceSecs(3);
    tracker.record(success(host, clock.now(), node.next(0.1))); // joins row 0
    clock.advanceSecs(12);
    tracker.record(success(web, clock.now(), app(2))); // web again: row 1 at 15 s
    clock.advanceSecs(25);
    tracker.record(failure(host, clock.now(), Failure::Timeout)); // backed off, 25 s after row 1: row 2
    clock.advanceSecs(1);
    tracker.record(success(web, clock.now(), app(3))); // joins row 2
    const HealthSeries up = tracker.history(QStringLiteral("a"), HealthMetric::Up, kStart, clock.now());
    QCOMPARE(up.timesMs,
             (std::vector<std::int64_t>{kStart.toMSecsSinceEpoch(), kStart.addSecs(15).toMSecsSinceEpoch(),
                                        kStart.addSecs(40).toMSecsSinceEpoch()}));
    QCOMPARE(up.values, (std::vector<double>{1, 1, 0}));
    const HealthSeries seconds = tracker.history(QStringLiteral("a"), HealthMetric::ScrapeSeconds, kStart, clock.now());
    QCOMPARE(seconds.values.back(), 10.0); // the slowest endpoint of the round
}

void TestHealthTracker::changedIsBatched()
{
    ManualClock clock(kStart);
    HealthTracker tracker(clock);
    QList<ScrapeTarget> targets;
    for (int i = 0; i < 50; ++i)
        targets.append(target(QStringLiteral("st%1").arg(i), QStringLiteral("site%1").arg(i % 5)));
    QSignalSpy changed(&tracker, &HealthTracker::healthChanged);
    tracker.setTargets(targets);
    QCOMPARE(changed.count(), 1);

    QSignalSpy changedStation(&tracker, &HealthTracker::stationChanged);
    Node node;
    for (const auto& on : targets)
        tracker.record(success(on, clock.now(), node.next(0.1)));
    QCOMPARE(changed.count(), 1); // record() never emits changed()
    QCOMPARE(changedStation.count(), 50);
    tracker.tick();
    QCOMPARE(changed.count(), 2); // one for the whole round
    tracker.tick();
    tracker.flush();
    QCOMPARE(changed.count(), 2); // nothing new
}

void TestHealthTracker::setTargetsKeepsAndDrops()
{
    const ScrapeTarget a = target(QStringLiteral("a"), QStringLiteral("s"));
    const ScrapeTarget b = target(QStringLiteral("b"), QStringLiteral("s"));
    Fixture fixture({a, b});
    auto& [clock, tracker] = fixture;
    QSignalSpy linkChanged(&tracker, &HealthTracker::siteLinkChanged);
    tracker.record(failure(a, clock.now(), Failure::Transport));
    tracker.record(failure(b, clock.now(), Failure::Transport));
    QVERIFY(tracker.siteLinkDown(QStringLiteral("s")));

    // b leaves: a one-station site is never link-down; a keeps its state and history.
    tracker.setTargets({a});
    QCOMPARE(linkChanged.count(), 2);
    QCOMPARE(linkChanged.at(1).at(1).toBool(), false);
    QCOMPARE(tracker.health(QStringLiteral("a")).state, HealthState::Down);
    QCOMPARE(tracker.store().rows(QStringLiteral("a")), std::size_t(1));
    QVERIFY(!tracker.store().contains(QStringLiteral("b")));
    QCOMPARE(tracker.health(QStringLiteral("b")).state, HealthState::Unknown);
    // A site that disappears while its link is down is reported up.
    tracker.setTargets({a, b});
    tracker.record(failure(b, clock.now().addSecs(1), Failure::Transport));
    QVERIFY(tracker.siteLinkDown(QStringLiteral("s")));
    tracker.setTargets({});
    QCOMPARE(linkChanged.count(), 4);
    QCOMPARE(linkChanged.at(3).at(1).toBool(), false);
    QVERIFY(tracker.sitesWithLinkDown().isEmpty());
}

void TestHealthTracker::lateOutcomesAndUnknownTargets()
{
    const ScrapeTarget a = target(QStringLiteral("a"), QStringLiteral("s"));
    Fixture fixture({a});
    auto& [clock, tracker] = fixture;
    QSignalSpy changedStation(&tracker, &HealthTracker::stationChanged);
    tracker.record(success(target(QStringLiteral("stranger"), QStringLiteral("s")), clock.now(), app(1)));
    QCOMPARE(changedStation.count(), 0);
    tracker.record(success(a, clock.now(), app(1)));
    tracker.record(failure(a, clock.now().addSecs(-30), Failure::Transport)); // older than the latest
    QCOMPARE(tracker.health(QStringLiteral("a")).state, HealthState::Up);
    QCOMPARE(tracker.store().rows(QStringLiteral("a")), std::size_t(1));
}

QTEST_GUILESS_MAIN(TestHealthTracker)
#include "tst_healthtracker.moc"
