// SPDX-License-Identifier: GPL-3.0-or-later
#include "TestSchedule.h"
#include "core/Clock.h"
#include "fleet/WindowState.h"

#include <QLocale>
#include <QObject>
#include <QTest>

using namespace Qt::StringLiterals;
using sd::WindowSchedule;
using sd::WindowState;

class TestWindowState : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void text_data();
    void text();
    void relativeText_data();
    void relativeText();
    void followsTheClock();
    void openValues();
};

using sd::test::schedule;
using sd::test::utc;

void TestWindowState::initTestCase()
{
    // Day names must stay English whatever the locale.
    QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany));
}

void TestWindowState::text_data()
{
    QTest::addColumn<QByteArray>("zone");
    QTest::addColumn<QString>("windows");
    QTest::addColumn<QString>("now");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("text");

    const QByteArray berlin("Europe/Berlin");
    const int open = int(WindowState::Status::Open);
    const int closed = int(WindowState::Status::Closed);
    const int none = int(WindowState::Status::NoWindow);

    // 2025-03-04 is a Tuesday; Berlin is +01:00 then.
    QTest::newRow("open same day") << berlin << u"Mon-Fri 02:00-04:00"_s << u"2025-03-04T01:30:00Z"_s << open
                                   << u"open until 04:00"_s;
    QTest::newRow("open past midnight") << berlin << u"Mon-Fri 23:30-01:30"_s << u"2025-03-04T22:45:00Z"_s << open
                                        << u"open until Wed 01:30"_s;
    QTest::newRow("open until midnight") << QByteArray("UTC") << u"22:00-24:00"_s << u"2025-03-04T23:00:00Z"_s << open
                                         << u"open until Wed 00:00"_s;
    QTest::newRow("opens in 5 h") << berlin << u"Mon-Fri 02:00-04:00"_s << u"2025-03-03T20:00:00Z"_s << closed
                                  << u"opens Tue 02:00 (in 5 h)"_s;
    QTest::newRow("opens in 45 min") << berlin << u"Mon-Fri 02:00-04:00"_s << u"2025-03-04T00:15:00Z"_s << closed
                                     << u"opens Tue 02:00 (in 45 min)"_s;
    QTest::newRow("opens in 1 h 30 min") << berlin << u"Mon-Fri 02:00-04:00"_s << u"2025-03-03T23:30:00Z"_s << closed
                                         << u"opens Tue 02:00 (in 1 h 30 min)"_s;
    QTest::newRow("opens after the weekend")
        << berlin << u"Mon-Fri 02:00-04:00"_s << u"2025-03-07T04:00:00Z"_s << closed << u"opens Mon 02:00 (in 2 d)"_s;
    QTest::newRow("opens in 21 h") << berlin << u"Mon-Fri 02:00-04:00"_s << u"2025-03-04T04:00:00Z"_s << closed
                                   << u"opens Wed 02:00 (in 21 h)"_s;
    QTest::newRow("opens next week") << QByteArray("Asia/Kathmandu") << u"Sun 02:00-03:00"_s
                                     << u"2025-03-08T21:15:00Z"_s << closed << u"opens Sun 16 Mar 02:00 (in 6 d)"_s;
    QTest::newRow("opens at the end of the gap")
        << berlin << u"Sun 02:30-03:30"_s << u"2025-03-30T00:00:00Z"_s << closed << u"opens Sun 03:00 (in 1 h)"_s;
    QTest::newRow("Lord Howe") << QByteArray("Australia/Lord_Howe") << u"Sat 23:00-01:00"_s << u"2025-07-05T13:00:00Z"_s
                               << open << u"open until Sun 01:00"_s;
    QTest::newRow("no window") << berlin << QString() << u"2025-03-04T01:30:00Z"_s << none << u"no window"_s;
}

void TestWindowState::text()
{
    QFETCH(QByteArray, zone);
    QFETCH(QString, windows);
    QFETCH(QString, now);
    QFETCH(int, status);
    QFETCH(QString, text);

    const sd::ManualClock clock(utc(now));
    const WindowState state = WindowState::at(schedule(windows, zone), clock.now());
    QCOMPARE(int(state.status()), status);
    QCOMPARE(state.text(), text);
}

void TestWindowState::relativeText_data()
{
    QTest::addColumn<qint64>("seconds");
    QTest::addColumn<QString>("text");

    QTest::newRow("now") << qint64(0) << u"in under 1 min"_s;
    QTest::newRow("59 s") << qint64(59) << u"in under 1 min"_s;
    QTest::newRow("1 min") << qint64(60) << u"in 1 min"_s;
    QTest::newRow("59 min 59 s") << qint64(3599) << u"in 59 min"_s;
    QTest::newRow("1 h") << qint64(3600) << u"in 1 h"_s;
    QTest::newRow("1 h 30 min") << qint64(5400) << u"in 1 h 30 min"_s;
    QTest::newRow("2 h 5 min 59 s") << qint64(7559) << u"in 2 h 5 min"_s;
    QTest::newRow("9 h 59 min") << qint64(10 * 3600 - 1) << u"in 9 h 59 min"_s;
    QTest::newRow("10 h") << qint64(10 * 3600) << u"in 10 h"_s;
    QTest::newRow("10 h 59 min") << qint64(11 * 3600 - 1) << u"in 10 h"_s;
    QTest::newRow("47 h 59 min") << qint64(48 * 3600 - 1) << u"in 47 h"_s;
    QTest::newRow("48 h") << qint64(48 * 3600) << u"in 2 d"_s;
    QTest::newRow("3 d 23 h") << qint64(4 * 86400 - 1) << u"in 3 d"_s;
    QTest::newRow("7 d") << qint64(7 * 86400) << u"in 7 d"_s;
}

void TestWindowState::relativeText()
{
    QFETCH(qint64, seconds);
    QFETCH(QString, text);

    QCOMPARE(WindowState::relativeText(seconds), text);
}

void TestWindowState::followsTheClock()
{
    const WindowSchedule windows = schedule(u"Mon-Fri 02:00-04:00"_s, "Europe/Berlin");
    sd::ManualClock clock(utc(u"2025-03-04T00:30:00Z"_s)); // Tue 01:30 CET
    QCOMPARE(WindowState::at(windows, clock.now()).text(), u"opens Tue 02:00 (in 30 min)"_s);
    clock.advanceSecs(30 * 60);
    QCOMPARE(WindowState::at(windows, clock.now()).text(), u"open until 04:00"_s);
    clock.advanceSecs(2 * 3600 - 1);
    QCOMPARE(WindowState::at(windows, clock.now()).text(), u"open until 04:00"_s);
    clock.advanceSecs(1);
    QCOMPARE(WindowState::at(windows, clock.now()).text(), u"opens Wed 02:00 (in 22 h)"_s);
}

void TestWindowState::openValues()
{
    const WindowSchedule windows = schedule(u"Sat,Sun 23:30-01:30"_s, "America/St_Johns");
    const WindowState state = WindowState::at(windows, utc(u"2025-07-06T03:00:00Z"_s)); // Sun 00:30 NDT
    QVERIFY(state.isOpen());
    QCOMPARE(state.now(), utc(u"2025-07-06T03:00:00Z"_s));
    QCOMPARE(state.opensUtc(), utc(u"2025-07-06T02:00:00Z"_s));
    QCOMPARE(state.closesUtc(), utc(u"2025-07-06T04:00:00Z"_s));
    QCOMPARE(state.closesLocal().time(), QTime(1, 30));
    QCOMPARE(state.closesLocal().date(), QDate(2025, 7, 6));
    QCOMPARE(state.closesLocal().offsetFromUtc(), -(2 * 3600 + 30 * 60));
    QCOMPARE(state.opensLocal().time(), QTime(23, 30));
    QCOMPARE(state.opensLocal().date(), QDate(2025, 7, 5));
    QCOMPARE(state.text(), u"open until 01:30"_s);

    const WindowState none = WindowState::at(WindowSchedule(), utc(u"2025-07-06T03:00:00Z"_s));
    QCOMPARE(none.status(), WindowState::Status::NoWindow);
    QVERIFY(!none.opensUtc().isValid());
    QVERIFY(!none.closesLocal().isValid());
}

QTEST_APPLESS_MAIN(TestWindowState)

#include "TestWindowState.moc"
