// SPDX-License-Identifier: GPL-3.0-or-later
// ScrapeSchedule under a ManualClock: each target's phase (a hash of its URL, stable across runs and
// even over the interval), due times, exponential backoff with its cap and jitter, the return to the
// phase after a success, link-down probing (one target of the site at a time, in turn, at the
// site's backoff) and everything of the site due at once when the link is back.
#include "core/Clock.h"
#include "metrics/ScrapeSchedule.h"

#include <QHash>
#include <QSet>
#include <QTest>

#include <chrono>

using namespace sd;
using namespace std::chrono_literals;

namespace {

const QDateTime kStart = QDateTime::fromString(QStringLiteral("2026-03-01T12:00:00.000Z"), Qt::ISODate);

ScrapeTarget target(const QString& station, const QString& site, const QString& url)
{
    return ScrapeTarget{station, site, QUrl(url)};
}

ScrapeTarget node(int i, const QString& site = QStringLiteral("ktm"))
{
    return target(QStringLiteral("%1-%2").arg(site).arg(i, 2, 10, QLatin1Char('0')), site,
                  QStringLiteral("http://10.1.%1.%2:9100/metrics").arg(i / 200).arg(i % 200 + 1));
}

qint64 ms(const QDateTime& t)
{
    return t.toMSecsSinceEpoch();
}

// Moves the clock to the target's due time and takes what is due.
QList<ScrapeTarget> takeAt(ManualClock& clock, ScrapeSchedule& schedule, const ScrapeTarget& which)
{
    const auto due = schedule.dueAt(which);
    if (!due)
        qFatal("target %s is not waiting", qPrintable(which.station));
    clock.set(*due);
    return schedule.takeDue();
}

} // namespace

class TestScrapeSchedule : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void hashIsFnv1a64()
    {
        QCOMPARE(ScrapeSchedule::hash(QByteArray()), 14695981039346656037ULL);
        QCOMPARE(ScrapeSchedule::hash(QByteArray("a")), 0xaf63dc4c8601ec8cULL);
        QCOMPARE(ScrapeSchedule::hash(QByteArray("foobar")), 0x85944171f73967e8ULL);
    }

    void phaseIsStableAndWithinTheInterval()
    {
        ManualClock clock(kStart);
        ScrapeSchedule one(clock);
        ManualClock later(kStart.addDays(3).addMSecs(1234));
        ScrapeSchedule two(later);
        const QUrl url(QStringLiteral("http://10.1.2.3:9100/metrics"));
        QCOMPARE(one.phaseOffset(url), two.phaseOffset(url));
        QVERIFY(one.phaseOffset(url) >= 0ms);
        QVERIFY(one.phaseOffset(url) < 15000ms);
        QVERIFY(one.phaseOffset(url) != one.phaseOffset(QUrl(QStringLiteral("http://10.1.2.4:9100/metrics"))));
    }

    void phasesSpreadEvenly()
    {
        ManualClock clock(kStart);
        ScrapeSchedule schedule(clock);
        const int targets = 2000;
        const int buckets = 10;
        QList<int> counts(buckets, 0);
        for (int i = 0; i < targets; ++i)
            ++counts[int(schedule.phaseOffset(node(i).url).count() * buckets / 15000)];
        for (int count : counts) {
            QVERIFY2(count > targets / buckets * 7 / 10 && count < targets / buckets * 13 / 10,
                     qPrintable(QStringLiteral("bucket of %1 out of %2").arg(count).arg(targets)));
        }
    }

    void firstDueOnThePhaseWithinOneInterval()
    {
        ManualClock clock(kStart.addMSecs(777));
        ScrapeSchedule schedule(clock);
        const ScrapeTarget t = node(1);
        schedule.setTargets({t});
        const auto due = schedule.dueAt(t);
        QVERIFY(due.has_value());
        QVERIFY(ms(*due) >= ms(clock.now()));
        QVERIFY(ms(*due) < ms(clock.now()) + 15000);
        QCOMPARE(ms(*due) % 15000, schedule.phaseOffset(t.url).count());
        QCOMPARE(schedule.nextDue(), due);

        clock.set(due->addMSecs(-1));
        QVERIFY(schedule.takeDue().isEmpty());
        clock.set(*due);
        QCOMPARE(schedule.takeDue(), QList<ScrapeTarget>{t});
        QVERIFY(schedule.isInFlight(t));
        QVERIFY(!schedule.dueAt(t).has_value());
        QVERIFY(!schedule.nextDue().has_value()); // all out
        QVERIFY(schedule.takeDue().isEmpty());

        clock.set(due->addMSecs(250)); // the answer came after 250 ms
        schedule.reportSuccess(t);
        QCOMPARE(schedule.dueAt(t), due->addMSecs(15000));
        QCOMPARE(schedule.failures(t), 0);
    }

    void restartKeepsThePhase()
    {
        const ScrapeTarget t = node(7);
        ManualClock clock(kStart);
        ScrapeSchedule first(clock);
        first.setTargets({t});
        ManualClock other(kStart.addSecs(3600 * 5 + 7).addMSecs(321));
        ScrapeSchedule second(other);
        second.setTargets({t});
        QCOMPARE(ms(*first.dueAt(t)) % 15000, ms(*second.dueAt(t)) % 15000);
    }

    void backoffDoublesUpToTheCap()
    {
        ManualClock clock(kStart);
        ScrapeSchedule schedule(clock);
        QCOMPARE(schedule.maxBackoff(), 300000ms); // 5 min = 20 × 15 s
        const QByteArray key("http://10.1.2.3:9100/metrics");
        const qint64 bases[] = {15000, 30000, 60000, 120000, 240000, 300000, 300000, 300000};
        for (int n = 0; n < 8; ++n) {
            const qint64 wait = schedule.backoff(key, n).count();
            QVERIFY2(wait <= bases[n] && wait >= bases[n] * 8 / 10,
                     qPrintable(QStringLiteral("after %1 failures: %2 ms").arg(n).arg(wait)));
        }
        QCOMPARE(schedule.backoff(key, 3), schedule.backoff(key, 3)); // deterministic
        QVERIFY(schedule.backoff(key, 1000).count() <= 300000);
    }

    void capDefaultsAndOverride()
    {
        ManualClock clock(kStart);
        ScrapeSchedule schedule(clock);
        schedule.setInterval(1s);
        QCOMPARE(schedule.maxBackoff(), 20s);
        schedule.setInterval(60s);
        QCOMPARE(schedule.maxBackoff(), 300s);
        schedule.setInterval(600s);
        QCOMPARE(schedule.maxBackoff(), 600s); // never below one interval
        schedule.setInterval(15s);
        schedule.setMaxBackoff(45s);
        QCOMPARE(schedule.maxBackoff(), 45s);
        QVERIFY(schedule.backoff("x", 5) <= 45s);
        schedule.setMaxBackoff(0ms);
        QCOMPARE(schedule.maxBackoff(), 300s);
    }

    void failuresBackOffAndASuccessReturnsToThePhase()
    {
        ManualClock clock(kStart);
        ScrapeSchedule schedule(clock);
        const ScrapeTarget t = node(3);
        schedule.setTargets({t});
        const qint64 phase = schedule.phaseOffset(t.url).count();
        for (int n = 1; n <= 7; ++n) {
            QCOMPARE(takeAt(clock, schedule, t), QList<ScrapeTarget>{t});
            clock.set(clock.now().addMSecs(100));
            schedule.reportFailure(t);
            QCOMPARE(schedule.failures(t), n);
            const qint64 wait = ms(*schedule.dueAt(t)) - ms(clock.now());
            QCOMPARE(wait, schedule.backoff(t.url.toEncoded(), n).count());
            const qint64 base = std::min<qint64>(15000LL << n, 300000);
            QVERIFY2(wait <= base && wait >= base * 8 / 10, qPrintable(QString::number(wait)));
        }
        QCOMPARE(takeAt(clock, schedule, t), QList<ScrapeTarget>{t});
        schedule.reportSuccess(t);
        QCOMPARE(schedule.failures(t), 0);
        const qint64 due = ms(*schedule.dueAt(t));
        QCOMPARE(due % 15000, phase);
        QVERIFY(due > ms(clock.now()) && due <= ms(clock.now()) + 15000);
    }

    void jitterSpreadsRetriesOfTargetsThatFailedTogether()
    {
        ManualClock clock(kStart);
        ScrapeSchedule schedule(clock);
        QList<ScrapeTarget> all;
        for (int i = 0; i < 100; ++i)
            all.append(node(i));
        schedule.setTargets(all);
        QCOMPARE(schedule.takeAll().size(), 100);
        QSet<qint64> retries;
        for (const ScrapeTarget& t : all) {
            schedule.reportFailure(t);
            const qint64 wait = ms(*schedule.dueAt(t)) - ms(clock.now());
            QVERIFY(wait >= 24000 && wait <= 30000);
            retries.insert(wait);
        }
        QVERIFY2(retries.size() > 90, qPrintable(QString::number(retries.size())));
    }

    void dueTargetsComeEarliestFirst()
    {
        ManualClock clock(kStart);
        ScrapeSchedule schedule(clock);
        QList<ScrapeTarget> all;
        for (int i = 0; i < 50; ++i)
            all.append(node(i));
        schedule.setTargets(all);
        QHash<QString, qint64> dueOf;
        for (const ScrapeTarget& t : all)
            dueOf.insert(t.station, ms(*schedule.dueAt(t)));
        clock.set(kStart.addSecs(15));
        const QList<ScrapeTarget> due = schedule.takeDue();
        QCOMPARE(due.size(), 50);
        for (int i = 1; i < due.size(); ++i)
            QVERIFY(dueOf.value(due[i - 1].station) <= dueOf.value(due[i].station));
        QVERIFY(!schedule.nextDue().has_value());
    }

    void linkDownProbesOneTargetAtATimeInTurn()
    {
        ManualClock clock(kStart);
        ScrapeSchedule schedule(clock);
        const QList<ScrapeTarget> site = {node(1), node(2), node(3)};
        const ScrapeTarget elsewhere = node(4, QStringLiteral("pkr"));
        schedule.setTargets(site + QList<ScrapeTarget>{elsewhere});
        schedule.setSiteLinkDown(QStringLiteral("ktm"), true);
        QVERIFY(schedule.isSiteLinkDown(QStringLiteral("ktm")));
        QVERIFY(!schedule.isSiteLinkDown(QStringLiteral("pkr")));
        QVERIFY(schedule.dueAt(elsewhere).has_value()); // another site is not touched

        QSet<QString> probed;
        for (int round = 1; round <= 6; ++round) {
            QList<ScrapeTarget> waiting;
            for (const ScrapeTarget& t : site) {
                if (schedule.dueAt(t))
                    waiting.append(t);
            }
            QCOMPARE(waiting.size(), 1); // one probe, the others rest
            const ScrapeTarget probe = waiting.front();
            probed.insert(probe.station);
            const QDateTime before = clock.now();
            const qint64 wait = ms(*schedule.dueAt(probe)) - ms(before);
            QCOMPARE(wait, schedule.backoff("ktm", round).count()); // the site's own backoff
            const QList<ScrapeTarget> taken = takeAt(clock, schedule, probe);
            QVERIFY(taken.contains(probe));
            for (const ScrapeTarget& t : site) {
                QVERIFY(t == probe || !taken.contains(t));
                QVERIFY(!schedule.dueAt(t).has_value()); // nothing else while the probe is out
            }
            if (taken.contains(elsewhere))
                schedule.reportSuccess(elsewhere);
            schedule.reportFailure(probe);
        }
        QCOMPARE(probed.size(), 3); // each target in turn

        schedule.setSiteLinkDown(QStringLiteral("ktm"), false);
        for (const ScrapeTarget& t : site) {
            QCOMPARE(schedule.dueAt(t), clock.now()); // all due at once
            QCOMPARE(schedule.failures(t), 0);
        }
        QCOMPARE(schedule.takeDue().size(), 3);
    }

    void aSuccessfulProbeKeepsProbingAtTheInterval()
    {
        ManualClock clock(kStart);
        ScrapeSchedule schedule(clock);
        const QList<ScrapeTarget> site = {node(1), node(2)};
        schedule.setTargets(site);
        schedule.setSiteLinkDown(QStringLiteral("ktm"), true);
        ScrapeTarget probe = schedule.dueAt(site[0]) ? site[0] : site[1];
        QCOMPARE(takeAt(clock, schedule, probe).size(), 1);
        schedule.reportSuccess(probe); // the link is back; whoever watches lifts link-down
        const ScrapeTarget next = probe == site[0] ? site[1] : site[0];
        QCOMPARE(ms(*schedule.dueAt(next)) - ms(clock.now()), 15000);
    }

    void scrapesOutWhenTheLinkGoesDownRestWhenTheyComeBack()
    {
        ManualClock clock(kStart);
        ScrapeSchedule schedule(clock);
        const QList<ScrapeTarget> site = {node(1), node(2), node(3)};
        schedule.setTargets(site);
        QCOMPARE(schedule.takeAll().size(), 3);
        schedule.setSiteLinkDown(QStringLiteral("ktm"), true);
        QVERIFY(!schedule.nextDue().has_value()); // all three out: no probe yet
        schedule.reportFailure(site[0]);
        // the first to come back becomes the probe, at the site's backoff
        QCOMPARE(ms(*schedule.dueAt(site[0])) - ms(clock.now()), schedule.backoff("ktm", 1).count());
        schedule.reportFailure(site[1]);
        schedule.reportFailure(site[2]);
        QVERIFY(!schedule.dueAt(site[1]).has_value());
        QVERIFY(!schedule.dueAt(site[2]).has_value());
    }

    void setTargetsKeepsStateAndDropsDuplicates()
    {
        ManualClock clock(kStart);
        ScrapeSchedule schedule(clock);
        const ScrapeTarget a = node(1);
        const ScrapeTarget b = node(2);
        schedule.setTargets({a, b, a});
        QCOMPARE(schedule.targets().size(), 2);
        QCOMPARE(schedule.takeAll().size(), 2);
        schedule.reportFailure(a);
        const auto aDue = schedule.dueAt(a);
        const ScrapeTarget c = node(3);
        schedule.setTargets({a, c}); // b is out and removed
        QCOMPARE(schedule.failures(a), 1);
        QCOMPARE(schedule.dueAt(a), aDue);
        QCOMPARE(schedule.failures(b), -1);
        schedule.reportFailure(b); // ignored
        QCOMPARE(schedule.targets(), (QList<ScrapeTarget>{a, c}));
        schedule.setTargets({});
        QVERIFY(!schedule.nextDue().has_value());
    }

    void linkDownSurvivesNewTargets()
    {
        ManualClock clock(kStart);
        ScrapeSchedule schedule(clock);
        schedule.setTargets({node(1), node(2)});
        schedule.setSiteLinkDown(QStringLiteral("ktm"), true);
        schedule.setTargets({node(1), node(2), node(3)});
        int waiting = 0;
        for (int i = 1; i <= 3; ++i)
            waiting += schedule.dueAt(node(i)).has_value() ? 1 : 0;
        QCOMPARE(waiting, 1);
    }

    void takeAllIncludesRestingTargetsAndCancelCountsNothing()
    {
        ManualClock clock(kStart);
        ScrapeSchedule schedule(clock);
        const QList<ScrapeTarget> site = {node(1), node(2)};
        schedule.setTargets(site);
        schedule.setSiteLinkDown(QStringLiteral("ktm"), true);
        QCOMPARE(schedule.takeAll().size(), 2);
        QVERIFY(schedule.takeAll().isEmpty());
        schedule.setSiteLinkDown(QStringLiteral("ktm"), false);
        for (const ScrapeTarget& t : site)
            schedule.cancel(t);
        for (const ScrapeTarget& t : site) {
            QCOMPARE(schedule.failures(t), 0);
            QVERIFY(schedule.dueAt(t).has_value());
            QCOMPARE(ms(*schedule.dueAt(t)) % 15000, schedule.phaseOffset(t.url).count());
        }
    }

    void newIntervalMovesTargetsToTheirNewPhase()
    {
        ManualClock clock(kStart);
        ScrapeSchedule schedule(clock);
        const ScrapeTarget t = node(5);
        schedule.setTargets({t});
        schedule.setInterval(60s);
        QCOMPARE(ms(*schedule.dueAt(t)) % 60000, schedule.phaseOffset(t.url).count());
        QVERIFY(ms(*schedule.dueAt(t)) < ms(kStart) + 60000);
    }
};

QTEST_GUILESS_MAIN(TestScrapeSchedule)
#include "tst_scrapeschedule.moc"
