// SPDX-License-Identifier: GPL-3.0-or-later
// SiteLinkDetector: what one station's endpoints say about the link (witness), and the site
// decision — every witness unreachable in the same round, at least two witnesses, HTTP and body
// errors never count, up again on any answer, a one-station site never link-down.
#include "metrics/SiteLinkDetector.h"

#include <QTest>

using namespace sd;

Q_DECLARE_METATYPE(sd::SiteLinkDetector::Attempt)

namespace {

using Failure = ScrapeOutcome::Failure;
using Evidence = SiteLinkDetector::Witness::Evidence;
using Attempt = SiteLinkDetector::Attempt;
using Witness = SiteLinkDetector::Witness;

const QDateTime kNow = QDateTime(QDate(2026, 3, 1), QTime(10, 0), Qt::UTC);
constexpr qint64 kWindow = 30'000; // two 15 s intervals

Attempt attempt(Failure failure, qint64 secondsAgo = 0, qint64 failingForSeconds = 0)
{
    Attempt made;
    made.made = true;
    made.failure = failure;
    made.at = kNow.addSecs(-secondsAgo);
    if (failure == Failure::Transport || failure == Failure::Timeout)
        made.unreachableSince = made.at.addSecs(-failingForSeconds);
    return made;
}

Witness station(Failure failure, qint64 secondsAgo = 0, qint64 failingForSeconds = 0)
{
    return SiteLinkDetector::witness({attempt(failure, secondsAgo, failingForSeconds)});
}

} // namespace

class TestSiteLinkDetector : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void witnessEvidence_data();
    void witnessEvidence();
    void witnessTimes();
    void allUnreachableIsLinkDown();
    void oneAnswerKeepsLinkUp();
    void httpErrorsAreAnswers();
    void oneStationSiteNeverLinkDown();
    void stationsWithoutEvidenceDoNotCount();
    void pendingStationBlocks();
    void oldFailuresAreNotOneRound();
    void staysDownUntilAnAnswer();
    void sinceIsWhenTheLastStationFailed();
};

void TestSiteLinkDetector::witnessEvidence_data()
{
    QTest::addColumn<QList<Attempt>>("endpoints");
    QTest::addColumn<int>("evidence");

    QTest::newRow("no endpoint") << QList<Attempt>{} << int(Evidence::None);
    QTest::newRow("not tried yet") << QList<Attempt>{Attempt{}} << int(Evidence::Pending);
    QTest::newRow("ok") << QList<Attempt>{attempt(Failure::None)} << int(Evidence::Answered);
    QTest::newRow("refused connection") << QList<Attempt>{attempt(Failure::Transport)} << int(Evidence::Unreachable);
    QTest::newRow("timeout") << QList<Attempt>{attempt(Failure::Timeout)} << int(Evidence::Unreachable);
    QTest::newRow("HTTP 500") << QList<Attempt>{attempt(Failure::Http)} << int(Evidence::Answered);
    QTest::newRow("bad body") << QList<Attempt>{attempt(Failure::Body)} << int(Evidence::Answered);
    QTest::newRow("not sent (policy)") << QList<Attempt>{attempt(Failure::Refused)} << int(Evidence::None);
    QTest::newRow("node down, app 404") << QList<Attempt>{attempt(Failure::Transport), attempt(Failure::Http)}
                                        << int(Evidence::Answered);
    QTest::newRow("both unreachable") << QList<Attempt>{attempt(Failure::Transport), attempt(Failure::Timeout)}
                                      << int(Evidence::Unreachable);
    QTest::newRow("one unreachable, one untried")
        << QList<Attempt>{attempt(Failure::Transport), Attempt{}} << int(Evidence::Pending);
    QTest::newRow("unreachable and not sent")
        << QList<Attempt>{attempt(Failure::Transport), attempt(Failure::Refused)} << int(Evidence::Unreachable);
}

void TestSiteLinkDetector::witnessEvidence()
{
    QFETCH(QList<Attempt>, endpoints);
    QFETCH(int, evidence);
    QCOMPARE(int(SiteLinkDetector::witness(endpoints).evidence), evidence);
}

void TestSiteLinkDetector::witnessTimes()
{
    // Oldest latest attempt (for the round), latest start of a failing run (since when all fail).
    const Witness witness
        = SiteLinkDetector::witness({attempt(Failure::Transport, 10, 100), attempt(Failure::Timeout, 4, 20)});
    QCOMPARE(witness.oldestAttempt, kNow.addSecs(-10));
    QCOMPARE(witness.unreachableSince, kNow.addSecs(-24));
}

void TestSiteLinkDetector::allUnreachableIsLinkDown()
{
    const auto decision = SiteLinkDetector::decide(
        false, {station(Failure::Transport, 12), station(Failure::Timeout, 3), station(Failure::Transport, 0)}, kNow,
        kWindow);
    QVERIFY(decision.down);
    QCOMPARE(decision.witnesses, 3);
    QCOMPARE(decision.since, kNow);
}

void TestSiteLinkDetector::oneAnswerKeepsLinkUp()
{
    const auto decision = SiteLinkDetector::decide(
        false, {station(Failure::Transport), station(Failure::None), station(Failure::Transport)}, kNow, kWindow);
    QVERIFY(!decision.down);
    QCOMPARE(decision.witnesses, 3);
    QVERIFY(!decision.since.isValid());
}

void TestSiteLinkDetector::httpErrorsAreAnswers()
{
    QVERIFY(!SiteLinkDetector::decide(false, {station(Failure::Http), station(Failure::Http)}, kNow, kWindow).down);
    QVERIFY(
        !SiteLinkDetector::decide(false, {station(Failure::Body), station(Failure::Transport)}, kNow, kWindow).down);
    // An answer brings a down link back up as well.
    QVERIFY(!SiteLinkDetector::decide(true, {station(Failure::Http), station(Failure::Transport)}, kNow, kWindow).down);
}

void TestSiteLinkDetector::oneStationSiteNeverLinkDown()
{
    const auto decision = SiteLinkDetector::decide(false, {station(Failure::Transport)}, kNow, kWindow);
    QVERIFY(!decision.down);
    QCOMPARE(decision.witnesses, 1);
    // Even when it was down before (the site lost its other stations).
    QVERIFY(!SiteLinkDetector::decide(true, {station(Failure::Transport)}, kNow, kWindow).down);
}

void TestSiteLinkDetector::stationsWithoutEvidenceDoNotCount()
{
    // A station without endpoints, or one the scraper refuses to ask, is neither for nor against.
    const Witness none = SiteLinkDetector::witness({});
    const Witness refused = station(Failure::Refused);
    auto decision = SiteLinkDetector::decide(
        false, {none, refused, station(Failure::Transport), station(Failure::Transport)}, kNow, kWindow);
    QVERIFY(decision.down);
    QCOMPARE(decision.witnesses, 2);
    decision = SiteLinkDetector::decide(false, {none, refused, station(Failure::Transport)}, kNow, kWindow);
    QVERIFY(!decision.down);
}

void TestSiteLinkDetector::pendingStationBlocks()
{
    const Witness pending = SiteLinkDetector::witness({Attempt{}});
    QVERIFY(!SiteLinkDetector::decide(false, {station(Failure::Transport), station(Failure::Transport), pending}, kNow,
                                      kWindow)
                 .down);
}

void TestSiteLinkDetector::oldFailuresAreNotOneRound()
{
    // One station failed 3 intervals ago and has not been tried since: not the same round.
    QVERIFY(!SiteLinkDetector::decide(false, {station(Failure::Transport, 45), station(Failure::Transport, 2)}, kNow,
                                      kWindow)
                 .down);
    // At the window's edge it still counts.
    QVERIFY(SiteLinkDetector::decide(false, {station(Failure::Transport, 30), station(Failure::Transport, 2)}, kNow,
                                     kWindow)
                .down);
}

void TestSiteLinkDetector::staysDownUntilAnAnswer()
{
    // The scraper backs off a site whose link is down: old failures keep it down.
    const QList<Witness> old = {station(Failure::Transport, 600), station(Failure::Timeout, 900)};
    QVERIFY(SiteLinkDetector::decide(true, old, kNow, kWindow).down);
    QVERIFY(!SiteLinkDetector::decide(false, old, kNow, kWindow).down);
    QVERIFY(!SiteLinkDetector::decide(true, {station(Failure::Transport, 600), station(Failure::None)}, kNow, kWindow)
                 .down);
}

void TestSiteLinkDetector::sinceIsWhenTheLastStationFailed()
{
    // Station a has been dead alone for an hour; b and c stopped answering 20 s and 5 s ago: the
    // link went down when c did, not an hour ago.
    const auto decision = SiteLinkDetector::decide(
        false,
        {station(Failure::Transport, 3, 3600), station(Failure::Transport, 1, 20), station(Failure::Transport, 5)},
        kNow, kWindow);
    QVERIFY(decision.down);
    QCOMPARE(decision.since, kNow.addSecs(-5));
}

QTEST_GUILESS_MAIN(TestSiteLinkDetector)
#include "tst_sitelinkdetector.moc"
