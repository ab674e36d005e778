// SPDX-License-Identifier: GPL-3.0-or-later
#include "fleet/MaintenanceWindow.h"

#include <QObject>
#include <QTest>

using namespace Qt::StringLiterals;
using sd::MaintenanceWindow;

class TestMaintenanceWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parse_data();
    void parse();
    void parseErrors_data();
    void parseErrors();
    void roundTrip_data();
    void roundTrip();
    void toStringOfBuiltWindows_data();
    void toStringOfBuiltWindows();
    void dayNames();
};

namespace {
constexpr int Mon = 1 << 0, Tue = 1 << 1, Wed = 1 << 2, Thu = 1 << 3, Fri = 1 << 4, Sat = 1 << 5, Sun = 1 << 6;
constexpr int Every = 0x7f;
} // namespace

void TestMaintenanceWindow::parse_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("days");
    QTest::addColumn<int>("start");
    QTest::addColumn<int>("end");
    QTest::addColumn<QString>("canonical");

    QTest::newRow("every day") << u"02:00-04:00"_s << Every << 120 << 240 << u"02:00-04:00"_s;
    QTest::newRow("range") << u"Mon-Fri 02:00-04:00"_s << (Mon | Tue | Wed | Thu | Fri) << 120 << 240
                           << u"Mon-Fri 02:00-04:00"_s;
    QTest::newRow("whitespace around") << u"  Mon-Fri 02:00-04:00 \t"_s << (Mon | Tue | Wed | Thu | Fri) << 120 << 240
                                       << u"Mon-Fri 02:00-04:00"_s;
    QTest::newRow("lower case") << u"mon-fri 02:00-04:00"_s << (Mon | Tue | Wed | Thu | Fri) << 120 << 240
                                << u"Mon-Fri 02:00-04:00"_s;
    QTest::newRow("full names") << u"Monday-FRIDAY 02:00-04:00"_s << (Mon | Tue | Wed | Thu | Fri) << 120 << 240
                                << u"Mon-Fri 02:00-04:00"_s;
    QTest::newRow("list, crossing midnight")
        << u"Sat,Sun 23:30-01:30"_s << (Sat | Sun) << 1410 << 90 << u"Sat,Sun 23:30-01:30"_s;
    QTest::newRow("spaces inside") << u"Sat , Sun 23:30 - 01:30"_s << (Sat | Sun) << 1410 << 90
                                   << u"Sat,Sun 23:30-01:30"_s;
    QTest::newRow("mixed") << u"Mon,Wed-Fri 02:00-04:00"_s << (Mon | Wed | Thu | Fri) << 120 << 240
                           << u"Mon,Wed-Fri 02:00-04:00"_s;
    QTest::newRow("wrap range") << u"Fri-Mon 22:00-02:00"_s << (Fri | Sat | Sun | Mon) << 1320 << 120
                                << u"Fri-Mon 22:00-02:00"_s;
    QTest::newRow("wrap two days") << u"Sun-Mon 01:00-02:00"_s << (Sun | Mon) << 60 << 120 << u"Sun,Mon 01:00-02:00"_s;
    QTest::newRow("all days by range") << u"Mon-Sun 01:00-02:00"_s << Every << 60 << 120 << u"01:00-02:00"_s;
    QTest::newRow("all days by wrap") << u"Tue-Mon 01:00-02:00"_s << Every << 60 << 120 << u"01:00-02:00"_s;
    QTest::newRow("list becomes range") << u"Mon,Tue,Wed 01:00-02:00"_s << (Mon | Tue | Wed) << 60 << 120
                                        << u"Mon-Wed 01:00-02:00"_s;
    QTest::newRow("list out of order") << u"Thu,Tue 01:00-02:00"_s << (Tue | Thu) << 60 << 120
                                       << u"Tue,Thu 01:00-02:00"_s;
    QTest::newRow("list wraps") << u"Sat,Sun,Mon 01:00-02:00"_s << (Sat | Sun | Mon) << 60 << 120
                                << u"Sat-Mon 01:00-02:00"_s;
    QTest::newRow("duplicate day") << u"Mon,mon 01:00-02:00"_s << Mon << 60 << 120 << u"Mon 01:00-02:00"_s;
    QTest::newRow("no space before time")
        << u"Tue-Thu02:00-04:00"_s << (Tue | Wed | Thu) << 120 << 240 << u"Tue-Thu 02:00-04:00"_s;
    QTest::newRow("one-digit hours") << u"Wed 2:05-3:10"_s << Wed << 125 << 190 << u"Wed 02:05-03:10"_s;
    QTest::newRow("end 24:00") << u"22:00-24:00"_s << Every << 1320 << 0 << u"22:00-24:00"_s;
    QTest::newRow("end 00:00") << u"22:00-00:00"_s << Every << 1320 << 0 << u"22:00-24:00"_s;
    QTest::newRow("whole day") << u"00:00-24:00"_s << Every << 0 << 0 << u"00:00-24:00"_s;
    QTest::newRow("last minute") << u"SUNDAY 23:59-00:01"_s << Sun << 1439 << 1 << u"Sun 23:59-00:01"_s;
}

void TestMaintenanceWindow::parse()
{
    QFETCH(QString, text);
    QFETCH(int, days);
    QFETCH(int, start);
    QFETCH(int, end);
    QFETCH(QString, canonical);

    const auto window = MaintenanceWindow::parse(text);
    QVERIFY2(window.ok(), qPrintable(window.ok() ? QString() : window.error().message()));
    QCOMPARE(int(window->days), days);
    QCOMPARE(window->startMinute, start);
    QCOMPARE(window->endMinute, end);
    QCOMPARE(window->toString(), canonical);
}

void TestMaintenanceWindow::parseErrors_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("error");

    QTest::newRow("bad day")
        << u"Mon-Fry 02:00-04:00"_s
        << u"\"Mon-Fry 02:00-04:00\": \"Fry\" is not a day (use Mon, Tue, Wed, Thu, Fri, Sat, Sun)"_s;
    QTest::newRow("abbreviation")
        << u"Tues 02:00-04:00"_s
        << u"\"Tues 02:00-04:00\": \"Tues\" is not a day (use Mon, Tue, Wed, Thu, Fri, Sat, Sun)"_s;
    QTest::newRow("hour 25") << u"25:00-04:00"_s << u"\"25:00-04:00\": 25:00 is not a time of day"_s;
    QTest::newRow("minute 60") << u"Sat 02:60-04:00"_s << u"\"Sat 02:60-04:00\": 02:60 is not a time of day"_s;
    QTest::newRow("24:30") << u"02:00-24:30"_s << u"\"02:00-24:30\": 24:30 is not a time of day"_s;
    QTest::newRow("24:00 start") << u"24:00-02:00"_s
                                 << u"\"24:00-02:00\": 24:00 can only end a window (start at 00:00 instead)"_s;
    QTest::newRow("empty window")
        << u"Mon 02:00-02:00"_s
        << u"\"Mon 02:00-02:00\": the window starts and ends at 02:00 (a window needs a length; use 00:00-24:00 for the whole day)"_s;
    QTest::newRow("midnight to midnight")
        << u"00:00-00:00"_s
        << u"\"00:00-00:00\": the window starts and ends at 00:00 (a window needs a length; use 00:00-24:00 for the whole day)"_s;
    QTest::newRow("no time") << u"Mon-Fri"_s
                             << u"\"Mon-Fri\": a time range is missing (use e.g. Mon-Fri 02:00-04:00)"_s;
    QTest::newRow("empty") << u"  "_s << u"\"\": a time range is missing (use e.g. Mon-Fri 02:00-04:00)"_s;
    QTest::newRow("days without separator")
        << u"Mon Fri 02:00-04:00"_s
        << u"\"Mon Fri 02:00-04:00\": \"Mon Fri\" needs ',' or '-' between the days (e.g. Sat,Sun or Mon-Fri)"_s;
    QTest::newRow("three-day range")
        << u"Mon-Wed-Fri 02:00-04:00"_s
        << u"\"Mon-Wed-Fri 02:00-04:00\": \"Mon-Wed-Fri\" is not a day range (use two days, e.g. Mon-Fri)"_s;
    QTest::newRow("empty list item") << u"Mon,,Fri 02:00-04:00"_s
                                     << u"\"Mon,,Fri 02:00-04:00\": a day is missing in \"Mon,,Fri\""_s;
    QTest::newRow("open range") << u"Mon- 02:00-04:00"_s << u"\"Mon- 02:00-04:00\": a day is missing in \"Mon-\""_s;
    QTest::newRow("no dash")
        << u"02:00 04:00"_s
        << u"\"02:00 04:00\": \"02:00 04:00\" is not a time range (use HH:MM-HH:MM, e.g. 02:00-04:00)"_s;
    QTest::newRow("three times")
        << u"02:00-04:00-06:00"_s
        << u"\"02:00-04:00-06:00\": \"02:00-04:00-06:00\" is not a time range (use HH:MM-HH:MM, e.g. 02:00-04:00)"_s;
    QTest::newRow("am/pm") << u"2am-4am"_s << u"\"2am-4am\": \"2am\" is not a time (use HH:MM, e.g. 02:00)"_s;
    QTest::newRow("hour only") << u"02:00-4"_s << u"\"02:00-4\": \"4\" is not a time (use HH:MM, e.g. 02:00)"_s;
    QTest::newRow("three-digit hour") << u"002:00-04:00"_s
                                      << u"\"002:00-04:00\": \"002:00\" is not a time (use HH:MM, e.g. 02:00)"_s;
    QTest::newRow("trailing text") << u"02:00-04:00 UTC"_s
                                   << u"\"02:00-04:00 UTC\": \"04:00 UTC\" is not a time (use HH:MM, e.g. 02:00)"_s;
    QTest::newRow("non-ASCII digits")
        << u"\u0662:00-04:00"_s
        << u"\"\u0662:00-04:00\": \"\u0662:\" is not a day (use Mon, Tue, Wed, Thu, Fri, Sat, Sun)"_s;
}

void TestMaintenanceWindow::parseErrors()
{
    QFETCH(QString, text);
    QFETCH(QString, error);

    const auto window = MaintenanceWindow::parse(text);
    QVERIFY(!window.ok());
    QCOMPARE(window.error().message(), error);
}

void TestMaintenanceWindow::roundTrip_data()
{
    parse_data();
}

void TestMaintenanceWindow::roundTrip()
{
    QFETCH(QString, text);

    const auto first = MaintenanceWindow::parse(text);
    QVERIFY(first.ok());
    const QString canonical = first->toString();
    const auto second = MaintenanceWindow::parse(canonical);
    QVERIFY2(second.ok(), qPrintable(canonical));
    QCOMPARE(*second, *first);
    QCOMPARE(second->toString(), canonical);
}

void TestMaintenanceWindow::toStringOfBuiltWindows_data()
{
    QTest::addColumn<int>("days");
    QTest::addColumn<QString>("text");

    // Every set of days prints as text that parses back to the same set.
    for (int days = 1; days <= Every; ++days) {
        const auto built = MaintenanceWindow{quint8(days), 60, 120}.toString();
        QTest::addRow("mask %d", days) << days << built;
    }
}

void TestMaintenanceWindow::toStringOfBuiltWindows()
{
    QFETCH(int, days);
    QFETCH(QString, text);

    const auto parsed = MaintenanceWindow::parse(text);
    QVERIFY2(parsed.ok(), qPrintable(text));
    QCOMPARE(int(parsed->days), days);
    QCOMPARE(parsed->toString(), text);
}

void TestMaintenanceWindow::dayNames()
{
    QCOMPARE(MaintenanceWindow::dayName(1), u"Mon"_s);
    QCOMPARE(MaintenanceWindow::dayName(7), u"Sun"_s);
    QCOMPARE(MaintenanceWindow::dayName(0), QString());
    const MaintenanceWindow weekend{quint8(Sat | Sun), 0, 60};
    QVERIFY(weekend.opensOn(6));
    QVERIFY(weekend.opensOn(7));
    QVERIFY(!weekend.opensOn(1));
    QVERIFY(!weekend.opensOn(8));
}

QTEST_APPLESS_MAIN(TestMaintenanceWindow)

#include "TestMaintenanceWindow.moc"
