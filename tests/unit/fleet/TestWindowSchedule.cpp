// SPDX-License-Identifier: GPL-3.0-or-later
#include "TestSchedule.h"
#include "fleet/WindowSchedule.h"

#include <QObject>
#include <QTest>

using namespace Qt::StringLiterals;
using sd::WindowSchedule;

// Instants are written in UTC ("2025-03-30T01:00:00Z"); an occurrence as "opens/closes".
// DST dates used (tzdata 2025): Berlin 2025-03-30 01:00Z (02:00 CET -> 03:00 CEST) and
// 2025-10-26 01:00Z (03:00 CEST -> 02:00 CET); New York 2025-03-09 07:00Z and 2025-11-02 06:00Z;
// St John's 2025-03-09 05:30Z and 2025-11-02 04:30Z; Lord Howe 2025-10-04 15:30Z (02:00 +10:30 ->
// 02:30 +11:00) and 2025-04-05 15:00Z (02:00 +11:00 -> 01:30 +10:30); Sydney 2025-10-04 16:00Z and
// 2025-04-05 16:00Z. Kathmandu is +05:45 all year.
class TestWindowSchedule : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void parse_data();
    void parse();
    void parseErrors();
    void toUtc_data();
    void toUtc();
    void occurrences_data();
    void occurrences();
    void everyQuarterHour_data();
    void everyQuarterHour();
    void emptySchedule();
    void toLocal();
};

using sd::test::schedule;
using sd::test::utc;

namespace {

QString format(const std::optional<WindowSchedule::Occurrence>& occurrence)
{
    if (!occurrence) {
        return {};
    }
    return occurrence->opens.toUTC().toString(Qt::ISODate) + u'/' + occurrence->closes.toUTC().toString(Qt::ISODate);
}

} // namespace

void TestWindowSchedule::initTestCase()
{
    for (const char* id : {"Europe/Berlin", "America/New_York", "America/St_Johns", "Asia/Kathmandu",
                           "Australia/Lord_Howe", "Australia/Sydney"}) {
        QVERIFY2(QTimeZone(id).isValid(), id);
    }
}

void TestWindowSchedule::parse_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("count");
    QTest::addColumn<QString>("canonical");

    QTest::newRow("empty") << QString() << 0 << QString();
    QTest::newRow("only separators") << u" ; ;; "_s << 0 << QString();
    QTest::newRow("one") << u"Mon-Fri 02:00-04:00"_s << 1 << u"Mon-Fri 02:00-04:00"_s;
    QTest::newRow("two") << u"Mon-Fri 02:00-04:00;Sat,Sun 00:00-06:00"_s << 2
                         << u"Mon-Fri 02:00-04:00; Sat,Sun 00:00-06:00"_s;
    QTest::newRow("empty entries") << u"; monday 1:00-2:00 ;; sunday-monday 23:00-24:00 ;"_s << 2
                                   << u"Mon 01:00-02:00; Sun,Mon 23:00-24:00"_s;
}

void TestWindowSchedule::parse()
{
    QFETCH(QString, text);
    QFETCH(int, count);
    QFETCH(QString, canonical);

    const auto parsed = WindowSchedule::parse(text, QTimeZone("Asia/Kathmandu"));
    QVERIFY(parsed.ok());
    QCOMPARE(parsed->windows().size(), count);
    QCOMPARE(parsed->isEmpty(), count == 0);
    QCOMPARE(parsed->zone().id(), QByteArray("Asia/Kathmandu"));
    QCOMPARE(parsed->toString(), canonical);

    const auto again = WindowSchedule::parse(parsed->toString(), parsed->zone());
    QVERIFY(again.ok());
    QCOMPARE(again->windows(), parsed->windows());
    QCOMPARE(again->toString(), canonical);
}

void TestWindowSchedule::parseErrors()
{
    const auto badEntry = WindowSchedule::parse(u"Mon-Fri 02:00-04:00; Sat 25:00-04:00"_s, QTimeZone("Europe/Berlin"));
    QVERIFY(!badEntry.ok());
    QCOMPARE(badEntry.error().message(), u"\"Sat 25:00-04:00\": 25:00 is not a time of day"_s);

    const auto badZone = WindowSchedule::parse(u"02:00-04:00"_s, QTimeZone("Mars/Olympus_Mons"));
    QVERIFY(!badZone.ok());
    QCOMPARE(badZone.error().message(), u"the site's time zone is not valid (use an IANA id such as Europe/Berlin)"_s);

    const auto badZoneId = WindowSchedule::parse(u"02:00-04:00"_s, u"Mars/Olympus_Mons"_s);
    QVERIFY(!badZoneId.ok());
    QCOMPARE(badZoneId.error().message(),
             u"\"Mars/Olympus_Mons\" is not a known time zone (use an IANA id such as Europe/Berlin)"_s);

    const auto goodZoneId = WindowSchedule::parse(u"02:00-04:00"_s, u"America/St_Johns"_s);
    QVERIFY(goodZoneId.ok());
    QCOMPARE(goodZoneId->zone().id(), QByteArray("America/St_Johns"));
}

void TestWindowSchedule::toUtc_data()
{
    QTest::addColumn<QByteArray>("zone");
    QTest::addColumn<QDate>("date");
    QTest::addColumn<QString>("time");
    QTest::addColumn<QString>("expected");

    QTest::newRow("UTC") << QByteArray("UTC") << QDate(2025, 3, 5) << u"02:00"_s << u"2025-03-05T02:00:00Z"_s;
    QTest::newRow("Berlin winter") << QByteArray("Europe/Berlin") << QDate(2025, 3, 5) << u"02:00"_s
                                   << u"2025-03-05T01:00:00Z"_s;
    QTest::newRow("Berlin summer") << QByteArray("Europe/Berlin") << QDate(2025, 7, 2) << u"02:00"_s
                                   << u"2025-07-02T00:00:00Z"_s;
    QTest::newRow("Berlin before gap") << QByteArray("Europe/Berlin") << QDate(2025, 3, 30) << u"01:59"_s
                                       << u"2025-03-30T00:59:00Z"_s;
    QTest::newRow("Berlin gap start") << QByteArray("Europe/Berlin") << QDate(2025, 3, 30) << u"02:00"_s
                                      << u"2025-03-30T01:00:00Z"_s;
    QTest::newRow("Berlin in gap") << QByteArray("Europe/Berlin") << QDate(2025, 3, 30) << u"02:30"_s
                                   << u"2025-03-30T01:00:00Z"_s;
    QTest::newRow("Berlin after gap") << QByteArray("Europe/Berlin") << QDate(2025, 3, 30) << u"03:00"_s
                                      << u"2025-03-30T01:00:00Z"_s;
    QTest::newRow("Berlin 03:30 after gap")
        << QByteArray("Europe/Berlin") << QDate(2025, 3, 30) << u"03:30"_s << u"2025-03-30T01:30:00Z"_s;
    QTest::newRow("Berlin repeated first")
        << QByteArray("Europe/Berlin") << QDate(2025, 10, 26) << u"02:00"_s << u"2025-10-26T00:00:00Z"_s;
    QTest::newRow("Berlin repeated 02:30")
        << QByteArray("Europe/Berlin") << QDate(2025, 10, 26) << u"02:30"_s << u"2025-10-26T00:30:00Z"_s;
    QTest::newRow("Berlin after repeat") << QByteArray("Europe/Berlin") << QDate(2025, 10, 26) << u"03:00"_s
                                         << u"2025-10-26T02:00:00Z"_s;
    QTest::newRow("New York gap") << QByteArray("America/New_York") << QDate(2025, 3, 9) << u"02:30"_s
                                  << u"2025-03-09T07:00:00Z"_s;
    QTest::newRow("New York repeated") << QByteArray("America/New_York") << QDate(2025, 11, 2) << u"01:30"_s
                                       << u"2025-11-02T05:30:00Z"_s;
    QTest::newRow("St John's winter") << QByteArray("America/St_Johns") << QDate(2025, 1, 15) << u"02:00"_s
                                      << u"2025-01-15T05:30:00Z"_s;
    QTest::newRow("St John's summer") << QByteArray("America/St_Johns") << QDate(2025, 7, 15) << u"02:00"_s
                                      << u"2025-07-15T04:30:00Z"_s;
    QTest::newRow("St John's gap") << QByteArray("America/St_Johns") << QDate(2025, 3, 9) << u"02:15"_s
                                   << u"2025-03-09T05:30:00Z"_s;
    QTest::newRow("St John's repeated") << QByteArray("America/St_Johns") << QDate(2025, 11, 2) << u"01:15"_s
                                        << u"2025-11-02T03:45:00Z"_s;
    QTest::newRow("Kathmandu") << QByteArray("Asia/Kathmandu") << QDate(2025, 3, 5) << u"02:00"_s
                               << u"2025-03-04T20:15:00Z"_s;
    QTest::newRow("Lord Howe standard") << QByteArray("Australia/Lord_Howe") << QDate(2025, 7, 2) << u"02:00"_s
                                        << u"2025-07-01T15:30:00Z"_s;
    QTest::newRow("Lord Howe summer") << QByteArray("Australia/Lord_Howe") << QDate(2025, 1, 15) << u"02:00"_s
                                      << u"2025-01-14T15:00:00Z"_s;
    QTest::newRow("Lord Howe 01:45 before gap")
        << QByteArray("Australia/Lord_Howe") << QDate(2025, 10, 5) << u"01:45"_s << u"2025-10-04T15:15:00Z"_s;
    QTest::newRow("Lord Howe in gap") << QByteArray("Australia/Lord_Howe") << QDate(2025, 10, 5) << u"02:15"_s
                                      << u"2025-10-04T15:30:00Z"_s;
    QTest::newRow("Lord Howe gap end") << QByteArray("Australia/Lord_Howe") << QDate(2025, 10, 5) << u"02:30"_s
                                       << u"2025-10-04T15:30:00Z"_s;
    QTest::newRow("Lord Howe repeated") << QByteArray("Australia/Lord_Howe") << QDate(2025, 4, 6) << u"01:45"_s
                                        << u"2025-04-05T14:45:00Z"_s;
    QTest::newRow("Lord Howe after repeat")
        << QByteArray("Australia/Lord_Howe") << QDate(2025, 4, 6) << u"02:00"_s << u"2025-04-05T15:30:00Z"_s;
    QTest::newRow("Sydney gap") << QByteArray("Australia/Sydney") << QDate(2025, 10, 5) << u"02:30"_s
                                << u"2025-10-04T16:00:00Z"_s;
    QTest::newRow("Sydney repeated") << QByteArray("Australia/Sydney") << QDate(2025, 4, 6) << u"02:30"_s
                                     << u"2025-04-05T15:30:00Z"_s;
}

void TestWindowSchedule::toUtc()
{
    QFETCH(QByteArray, zone);
    QFETCH(QDate, date);
    QFETCH(QString, time);
    QFETCH(QString, expected);

    const QTime local = QTime::fromString(time, u"HH:mm");
    const WindowSchedule windows({}, QTimeZone(zone));
    const QDateTime result = windows.toUtc(date, local.hour() * 60 + local.minute());
    QCOMPARE(result, utc(expected));
    QCOMPARE(result.toString(Qt::ISODate), expected);
}

void TestWindowSchedule::occurrences_data()
{
    QTest::addColumn<QByteArray>("zone");
    QTest::addColumn<QString>("windows");
    QTest::addColumn<QString>("instant");
    QTest::addColumn<QString>("open");
    QTest::addColumn<QString>("next");

    const QByteArray utcZone("UTC");
    const QByteArray berlin("Europe/Berlin");
    const QByteArray newYork("America/New_York");
    const QByteArray stJohns("America/St_Johns");
    const QByteArray kathmandu("Asia/Kathmandu");
    const QByteArray lordHowe("Australia/Lord_Howe");
    const QByteArray sydney("Australia/Sydney");

    // Ordinary days (2025-03-05 is a Wednesday).
    QTest::newRow("inside") << utcZone << u"02:00-04:00"_s << u"2025-03-05T03:00:00Z"_s
                            << u"2025-03-05T02:00:00Z/2025-03-05T04:00:00Z"_s
                            << u"2025-03-06T02:00:00Z/2025-03-06T04:00:00Z"_s;
    QTest::newRow("before") << utcZone << u"02:00-04:00"_s << u"2025-03-05T01:00:00Z"_s << QString()
                            << u"2025-03-05T02:00:00Z/2025-03-05T04:00:00Z"_s;
    QTest::newRow("at opening") << utcZone << u"02:00-04:00"_s << u"2025-03-05T02:00:00Z"_s
                                << u"2025-03-05T02:00:00Z/2025-03-05T04:00:00Z"_s
                                << u"2025-03-06T02:00:00Z/2025-03-06T04:00:00Z"_s;
    QTest::newRow("at closing") << utcZone << u"02:00-04:00"_s << u"2025-03-05T04:00:00Z"_s << QString()
                                << u"2025-03-06T02:00:00Z/2025-03-06T04:00:00Z"_s;
    QTest::newRow("Berlin winter") << berlin << u"Mon-Fri 02:00-04:00"_s << u"2025-03-05T00:30:00Z"_s << QString()
                                   << u"2025-03-05T01:00:00Z/2025-03-05T03:00:00Z"_s;
    QTest::newRow("Berlin summer") << berlin << u"Mon-Fri 02:00-04:00"_s << u"2025-07-02T00:30:00Z"_s
                                   << u"2025-07-02T00:00:00Z/2025-07-02T02:00:00Z"_s
                                   << u"2025-07-03T00:00:00Z/2025-07-03T02:00:00Z"_s;
    QTest::newRow("Berlin weekend skipped") << berlin << u"Mon-Fri 02:00-04:00"_s << u"2025-03-07T03:00:00Z"_s
                                            << QString() << u"2025-03-10T01:00:00Z/2025-03-10T03:00:00Z"_s;

    // Crossing midnight and day masks: "Fri 23:00-01:30" opens Friday, still open early Saturday.
    QTest::newRow("Fri night, Sat 00:30")
        << berlin << u"Fri 23:00-01:30"_s << u"2025-03-07T23:30:00Z"_s << u"2025-03-07T22:00:00Z/2025-03-08T00:30:00Z"_s
        << u"2025-03-14T22:00:00Z/2025-03-15T00:30:00Z"_s;
    QTest::newRow("Fri night, Sat 23:30") << berlin << u"Fri 23:00-01:30"_s << u"2025-03-08T22:30:00Z"_s << QString()
                                          << u"2025-03-14T22:00:00Z/2025-03-15T00:30:00Z"_s;
    QTest::newRow("Fri night, Thu 23:30") << berlin << u"Fri 23:00-01:30"_s << u"2025-03-06T22:30:00Z"_s << QString()
                                          << u"2025-03-07T22:00:00Z/2025-03-08T00:30:00Z"_s;
    QTest::newRow("end at 24:00") << utcZone << u"Wed 22:00-24:00"_s << u"2025-03-05T23:59:00Z"_s
                                  << u"2025-03-05T22:00:00Z/2025-03-06T00:00:00Z"_s
                                  << u"2025-03-12T22:00:00Z/2025-03-13T00:00:00Z"_s;

    // Week wrap: Sunday night into Monday; a Fri-Mon range.
    QTest::newRow("Sun into Mon") << utcZone << u"Sun 22:00-02:00"_s << u"2025-03-10T01:00:00Z"_s
                                  << u"2025-03-09T22:00:00Z/2025-03-10T02:00:00Z"_s
                                  << u"2025-03-16T22:00:00Z/2025-03-17T02:00:00Z"_s;
    QTest::newRow("Fri-Mon from Tue") << utcZone << u"Fri-Mon 22:00-23:00"_s << u"2025-03-04T12:00:00Z"_s << QString()
                                      << u"2025-03-07T22:00:00Z/2025-03-07T23:00:00Z"_s;
    QTest::newRow("Fri-Mon from Sun") << utcZone << u"Fri-Mon 22:00-23:00"_s << u"2025-03-09T23:00:00Z"_s << QString()
                                      << u"2025-03-10T22:00:00Z/2025-03-10T23:00:00Z"_s;
    QTest::newRow("Fri-Mon after Mon") << utcZone << u"Fri-Mon 22:00-23:00"_s << u"2025-03-10T23:00:00Z"_s << QString()
                                       << u"2025-03-14T22:00:00Z/2025-03-14T23:00:00Z"_s;

    // Merging.
    QTest::newRow("touching merge") << utcZone << u"Sun 22:00-24:00; Mon 00:00-02:00"_s << u"2025-03-09T23:00:00Z"_s
                                    << u"2025-03-09T22:00:00Z/2025-03-10T02:00:00Z"_s
                                    << u"2025-03-16T22:00:00Z/2025-03-17T02:00:00Z"_s;
    QTest::newRow("overlap merge") << utcZone << u"01:00-03:00; 02:00-04:00"_s << u"2025-03-05T02:30:00Z"_s
                                   << u"2025-03-05T01:00:00Z/2025-03-05T04:00:00Z"_s
                                   << u"2025-03-06T01:00:00Z/2025-03-06T04:00:00Z"_s;
    QTest::newRow("merged opening is not next")
        << utcZone << u"22:00-02:00; 02:00-04:00"_s << u"2025-03-05T01:00:00Z"_s
        << u"2025-03-04T22:00:00Z/2025-03-05T04:00:00Z"_s << u"2025-03-05T22:00:00Z/2025-03-06T04:00:00Z"_s;

    // Kathmandu, +05:45: Wednesday 02:00 local is Tuesday 20:15 UTC.
    QTest::newRow("Kathmandu before") << kathmandu << u"Mon-Fri 02:00-04:00"_s << u"2025-03-04T20:00:00Z"_s << QString()
                                      << u"2025-03-04T20:15:00Z/2025-03-04T22:15:00Z"_s;
    QTest::newRow("Kathmandu inside") << kathmandu << u"Mon-Fri 02:00-04:00"_s << u"2025-03-04T21:00:00Z"_s
                                      << u"2025-03-04T20:15:00Z/2025-03-04T22:15:00Z"_s
                                      << u"2025-03-05T20:15:00Z/2025-03-05T22:15:00Z"_s;
    QTest::newRow("Kathmandu Sat skipped") << kathmandu << u"Mon-Fri 02:00-04:00"_s << u"2025-03-07T23:00:00Z"_s
                                           << QString() << u"2025-03-09T20:15:00Z/2025-03-09T22:15:00Z"_s;

    // St John's, -03:30 standard and -02:30 summer; spring forward 2025-03-09 02:00 -> 03:00.
    QTest::newRow("St John's winter") << stJohns << u"02:00-04:00"_s << u"2025-03-05T06:00:00Z"_s
                                      << u"2025-03-05T05:30:00Z/2025-03-05T07:30:00Z"_s
                                      << u"2025-03-06T05:30:00Z/2025-03-06T07:30:00Z"_s;
    QTest::newRow("St John's summer") << stJohns << u"02:00-04:00"_s << u"2025-07-02T04:00:00Z"_s << QString()
                                      << u"2025-07-02T04:30:00Z/2025-07-02T06:30:00Z"_s;
    QTest::newRow("St John's spring forward") << stJohns << u"Sun 02:30-03:30"_s << u"2025-03-09T05:00:00Z"_s
                                              << QString() << u"2025-03-09T05:30:00Z/2025-03-09T06:00:00Z"_s;
    QTest::newRow("St John's fall back") << stJohns << u"Sun 01:30-02:30"_s << u"2025-11-02T05:00:00Z"_s
                                         << u"2025-11-02T04:00:00Z/2025-11-02T06:00:00Z"_s
                                         << u"2025-11-09T05:00:00Z/2025-11-09T06:00:00Z"_s;

    // Lord Howe: 02:00 +10:30 -> 02:30 +11:00 on 2025-10-05 (a 30-minute gap, 15:30 UTC).
    QTest::newRow("Lord Howe 01:45 into gap") << lordHowe << u"Sun 01:45-02:15"_s << u"2025-10-04T15:00:00Z"_s
                                              << QString() << u"2025-10-04T15:15:00Z/2025-10-04T15:30:00Z"_s;
    QTest::newRow("Lord Howe 01:45 over gap")
        << lordHowe << u"Sun 01:45-02:45"_s << u"2025-10-04T15:20:00Z"_s
        << u"2025-10-04T15:15:00Z/2025-10-04T15:45:00Z"_s << u"2025-10-11T14:45:00Z/2025-10-11T15:45:00Z"_s;
    QTest::newRow("Lord Howe window is the gap") << lordHowe << u"Sun 02:00-02:30"_s << u"2025-10-04T15:00:00Z"_s
                                                 << QString() << u"2025-10-11T15:00:00Z/2025-10-11T15:30:00Z"_s;
    QTest::newRow("Lord Howe opens at gap end") << lordHowe << u"Sun 02:15-03:00"_s << u"2025-10-04T15:00:00Z"_s
                                                << QString() << u"2025-10-04T15:30:00Z/2025-10-04T16:00:00Z"_s;
    // 2025-04-06: 02:00 +11:00 -> 01:30 +10:30 (01:30-02:00 repeats, 15:00 UTC).
    QTest::newRow("Lord Howe fall back") << lordHowe << u"Sun 01:30-02:00"_s << u"2025-04-05T15:10:00Z"_s
                                         << u"2025-04-05T14:30:00Z/2025-04-05T15:30:00Z"_s
                                         << u"2025-04-12T15:00:00Z/2025-04-12T15:30:00Z"_s;

    // Sydney, southern hemisphere: summer (+11) in January, winter (+10) in July.
    QTest::newRow("Sydney summer") << sydney << u"Sat 23:00-01:00"_s << u"2025-01-04T13:00:00Z"_s
                                   << u"2025-01-04T12:00:00Z/2025-01-04T14:00:00Z"_s
                                   << u"2025-01-11T12:00:00Z/2025-01-11T14:00:00Z"_s;
    QTest::newRow("Sydney winter") << sydney << u"Sat 23:00-01:00"_s << u"2025-07-05T12:30:00Z"_s << QString()
                                   << u"2025-07-05T13:00:00Z/2025-07-05T15:00:00Z"_s;
    QTest::newRow("Sydney spring forward") << sydney << u"Sun 02:30-03:30"_s << u"2025-10-04T15:00:00Z"_s << QString()
                                           << u"2025-10-04T16:00:00Z/2025-10-04T16:30:00Z"_s;
    QTest::newRow("Sydney fall back") << sydney << u"Sun 02:30-03:00"_s << u"2025-04-05T16:30:00Z"_s
                                      << u"2025-04-05T15:30:00Z/2025-04-05T17:00:00Z"_s
                                      << u"2025-04-12T16:30:00Z/2025-04-12T17:00:00Z"_s;

    // Berlin spring forward, 2025-03-30: 02:00 CET -> 03:00 CEST at 01:00 UTC.
    QTest::newRow("Berlin 02:30-03:30 opens at 03:00") << berlin << u"Sun 02:30-03:30"_s << u"2025-03-30T00:00:00Z"_s
                                                       << QString() << u"2025-03-30T01:00:00Z/2025-03-30T01:30:00Z"_s;
    QTest::newRow("Berlin 02:00-02:45 skipped") << berlin << u"Sun 02:00-02:45"_s << u"2025-03-30T00:00:00Z"_s
                                                << QString() << u"2025-04-06T00:00:00Z/2025-04-06T00:45:00Z"_s;
    QTest::newRow("Berlin 01:30-02:30 closes at 03:00")
        << berlin << u"Sun 01:30-02:30"_s << u"2025-03-30T00:45:00Z"_s << u"2025-03-30T00:30:00Z/2025-03-30T01:00:00Z"_s
        << u"2025-04-05T23:30:00Z/2025-04-06T00:30:00Z"_s;
    QTest::newRow("Berlin 01:30-02:30 closed at 03:00") << berlin << u"Sun 01:30-02:30"_s << u"2025-03-30T01:00:00Z"_s
                                                        << QString() << u"2025-04-05T23:30:00Z/2025-04-06T00:30:00Z"_s;
    QTest::newRow("Berlin daily over the gap") << berlin << u"02:00-04:00"_s << u"2025-03-30T00:59:00Z"_s << QString()
                                               << u"2025-03-30T01:00:00Z/2025-03-30T02:00:00Z"_s;

    // Berlin fall back, 2025-10-26: 03:00 CEST -> 02:00 CET at 01:00 UTC; 02:00-03:00 repeats.
    QTest::newRow("Berlin 02:30-03:00 first 02:30")
        << berlin << u"Sun 02:30-03:00"_s << u"2025-10-26T01:30:00Z"_s << u"2025-10-26T00:30:00Z/2025-10-26T02:00:00Z"_s
        << u"2025-11-02T01:30:00Z/2025-11-02T02:00:00Z"_s;
    QTest::newRow("Berlin 02:00-02:30 not twice") << berlin << u"Sun 02:00-02:30"_s << u"2025-10-26T01:15:00Z"_s
                                                  << QString() << u"2025-11-02T01:00:00Z/2025-11-02T01:30:00Z"_s;
    QTest::newRow("Berlin 01:00-04:00 is 4 h")
        << berlin << u"Sun 01:00-04:00"_s << u"2025-10-26T00:00:00Z"_s << u"2025-10-25T23:00:00Z/2025-10-26T03:00:00Z"_s
        << u"2025-11-02T00:00:00Z/2025-11-02T03:00:00Z"_s;

    // New York: 2025-03-09 02:00 EST -> 03:00 EDT (07:00 UTC); 2025-11-02 02:00 EDT -> 01:00 EST (06:00 UTC).
    QTest::newRow("New York spring forward") << newYork << u"Sun 02:30-04:00"_s << u"2025-03-09T06:00:00Z"_s
                                             << QString() << u"2025-03-09T07:00:00Z/2025-03-09T08:00:00Z"_s;
    QTest::newRow("New York window in gap") << newYork << u"Sun 02:15-02:45"_s << u"2025-03-09T06:00:00Z"_s << QString()
                                            << u"2025-03-16T06:15:00Z/2025-03-16T06:45:00Z"_s;
    QTest::newRow("New York fall back") << newYork << u"Sun 01:30-02:00"_s << u"2025-11-02T06:30:00Z"_s
                                        << u"2025-11-02T05:30:00Z/2025-11-02T07:00:00Z"_s
                                        << u"2025-11-09T06:30:00Z/2025-11-09T07:00:00Z"_s;
    QTest::newRow("New York Sat night into repeat") << newYork << u"Sat 23:00-01:30"_s << u"2025-11-02T05:45:00Z"_s
                                                    << QString() << u"2025-11-09T04:00:00Z/2025-11-09T06:30:00Z"_s;
    QTest::newRow("New York Sat night open")
        << newYork << u"Sat 23:00-01:30"_s << u"2025-11-02T05:00:00Z"_s
        << u"2025-11-02T03:00:00Z/2025-11-02T05:30:00Z"_s << u"2025-11-09T04:00:00Z/2025-11-09T06:30:00Z"_s;
}

void TestWindowSchedule::occurrences()
{
    QFETCH(QByteArray, zone);
    QFETCH(QString, windows);
    QFETCH(QString, instant);
    QFETCH(QString, open);
    QFETCH(QString, next);

    const WindowSchedule parsed = schedule(windows, zone);
    const QDateTime at = utc(instant);
    QVERIFY(at.isValid());
    QCOMPARE(format(parsed.openAt(at)), open);
    QCOMPARE(format(parsed.nextOpening(at)), next);
}

void TestWindowSchedule::everyQuarterHour_data()
{
    QTest::addColumn<QByteArray>("zone");

    for (const char* id : {"UTC", "Europe/Berlin", "America/New_York", "America/St_Johns", "Asia/Kathmandu",
                           "Australia/Lord_Howe", "Australia/Sydney", "Pacific/Chatham"}) {
        QTest::newRow(id) << QByteArray(id);
    }
}

// Over a whole year in quarter-hour steps, toUtc agrees with the zone: a UTC instant's wall-clock
// time maps back to that instant, or to the earlier one showing the same time (repeated hour); every
// wall-clock time maps to an instant showing it, or, when it is skipped, to the end of the gap.
void TestWindowSchedule::everyQuarterHour()
{
    QFETCH(QByteArray, zone);
    const QTimeZone timeZone(zone);
    QVERIFY(timeZone.isValid());
    const WindowSchedule windows({}, timeZone);
    const auto wallClock = [&windows](const QDateTime& instant) {
        const QDateTime local = windows.toLocal(instant);
        return std::pair{local.date(), local.time().hour() * 60 + local.time().minute()};
    };

    const QDateTime start = utc(u"2025-01-01T00:00:00Z"_s);
    int repeated = 0;
    for (QDateTime instant = start; instant < start.addDays(365); instant = instant.addSecs(15 * 60)) {
        const auto [date, minute] = wallClock(instant);
        const QDateTime back = windows.toUtc(date, minute);
        QVERIFY2(back <= instant, qPrintable(instant.toString(Qt::ISODate)));
        QCOMPARE(wallClock(back), std::pair(date, minute));
        if (back != instant) {
            ++repeated;
            QVERIFY(timeZone.offsetFromUtc(back) > timeZone.offsetFromUtc(instant));
        }
    }

    int skipped = 0;
    for (QDate date = start.date(); date < start.date().addDays(365); date = date.addDays(1)) {
        for (int minute = 0; minute < 24 * 60; minute += 15) {
            const QDateTime instant = windows.toUtc(date, minute);
            if (wallClock(instant) != std::pair(date, minute)) {
                ++skipped;
                // The end of the gap: the transition instant, showing a later wall-clock time.
                QVERIFY(timeZone.offsetFromUtc(instant.addSecs(-1)) < timeZone.offsetFromUtc(instant));
                QVERIFY(wallClock(instant) > std::pair(date, minute));
            }
        }
    }
    const int quarters = timeZone.hasDaylightTime() ? (zone == "Australia/Lord_Howe" ? 2 : 4) : 0;
    QCOMPARE(repeated, quarters);
    QCOMPARE(skipped, quarters);
}

void TestWindowSchedule::emptySchedule()
{
    const WindowSchedule none = schedule(QString(), "Europe/Berlin");
    QVERIFY(none.isEmpty());
    QVERIFY(!none.openAt(utc(u"2025-03-05T02:00:00Z"_s)));
    QVERIFY(!none.nextOpening(utc(u"2025-03-05T02:00:00Z"_s)));

    const WindowSchedule defaulted;
    QCOMPARE(defaulted.zone(), QTimeZone::utc());
    QVERIFY(!defaulted.nextOpening(QDateTime()));
}

void TestWindowSchedule::toLocal()
{
    const WindowSchedule windows = schedule(u"02:00-04:00"_s, "Asia/Kathmandu");
    const QDateTime local = windows.toLocal(utc(u"2025-03-04T20:15:00Z"_s));
    QCOMPARE(local.date(), QDate(2025, 3, 5));
    QCOMPARE(local.time(), QTime(2, 0));
    QCOMPARE(local.offsetFromUtc(), 5 * 3600 + 45 * 60);
}

QTEST_APPLESS_MAIN(TestWindowSchedule)

#include "TestWindowSchedule.moc"
