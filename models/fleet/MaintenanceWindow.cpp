// SPDX-License-Identifier: GPL-3.0-or-later
#include "fleet/MaintenanceWindow.h"

#include <QStringList>

#include <array>
#include <optional>

using namespace Qt::StringLiterals;

namespace sd {

namespace {

constexpr std::array<QStringView, 7> ShortDayNames{u"Mon", u"Tue", u"Wed", u"Thu", u"Fri", u"Sat", u"Sun"};
constexpr std::array<QStringView, 7> FullDayNames{u"Monday", u"Tuesday",  u"Wednesday", u"Thursday",
                                                  u"Friday", u"Saturday", u"Sunday"};
constexpr int MinutesPerDay = 24 * 60;

QString quoted(QStringView text)
{
    return u'"' + text.toString() + u'"';
}

Error entryError(QStringView entry, const QString& what)
{
    return Error(quoted(entry) + u": "_s + what);
}

bool isAsciiDigit(QChar c)
{
    return c >= u'0' && c <= u'9';
}

// 0 = Monday ... 6 = Sunday.
std::optional<int> dayIndex(QStringView name)
{
    for (int i = 0; i < 7; ++i) {
        if (name.compare(ShortDayNames[i], Qt::CaseInsensitive) == 0
            || name.compare(FullDayNames[i], Qt::CaseInsensitive) == 0) {
            return i;
        }
    }
    return std::nullopt;
}

// The days part: items separated by ',', each a day or a range "Day-Day" (wrapping past Sunday).
Result<quint8> parseDays(QStringView entry, QStringView text)
{
    const QString notADay = u" is not a day (use Mon, Tue, Wed, Thu, Fri, Sat, Sun)"_s;
    quint8 days = 0;
    for (QStringView item : text.split(u',')) {
        item = item.trimmed();
        if (item.isEmpty()) {
            return entryError(entry, u"a day is missing in "_s + quoted(text));
        }
        const QList<QStringView> ends = item.split(u'-');
        if (ends.size() > 2) {
            return entryError(entry, quoted(item) + u" is not a day range (use two days, e.g. Mon-Fri)"_s);
        }
        std::array<int, 2> range{};
        for (qsizetype i = 0; i < ends.size(); ++i) {
            const QStringView name = ends[i].trimmed();
            if (name.isEmpty()) {
                return entryError(entry, u"a day is missing in "_s + quoted(item));
            }
            if (name.contains(u' ') || name.contains(u'\t')) {
                return entryError(entry,
                                  quoted(name) + u" needs ',' or '-' between the days (e.g. Sat,Sun or Mon-Fri)"_s);
            }
            const std::optional<int> index = dayIndex(name);
            if (!index) {
                return entryError(entry, quoted(name) + notADay);
            }
            range[i] = *index;
        }
        if (ends.size() == 1) {
            range[1] = range[0];
        }
        for (int day = range[0];; day = (day + 1) % 7) {
            days |= quint8(1u << day);
            if (day == range[1]) {
                break;
            }
        }
    }
    return days;
}

// "HH:MM" (or "H:MM") to minutes after midnight; "24:00" only as an end time (returns 1440).
Result<int> parseTime(QStringView entry, QStringView text, bool isEnd)
{
    const QString shape = quoted(text) + u" is not a time (use HH:MM, e.g. 02:00)"_s;
    const qsizetype colon = text.indexOf(u':');
    if (colon < 1 || colon > 2 || text.size() != colon + 3) {
        return entryError(entry, shape);
    }
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (i != colon && !isAsciiDigit(text[i])) {
            return entryError(entry, shape);
        }
    }
    const int hour = text.left(colon).toInt();
    const int minute = text.mid(colon + 1).toInt();
    if (hour == 24 && minute == 0) {
        if (isEnd) {
            return MinutesPerDay;
        }
        return entryError(entry, u"24:00 can only end a window (start at 00:00 instead)"_s);
    }
    if (hour > 23 || minute > 59) {
        return entryError(entry, text.toString() + u" is not a time of day"_s);
    }
    return hour * 60 + minute;
}

QString formatMinute(int minute)
{
    return u"%1:%2"_s.arg(minute / 60, 2, 10, QChar(u'0')).arg(minute % 60, 2, 10, QChar(u'0'));
}

// Canonical days: runs of three or more days as ranges, shorter runs as lists. A run that wraps past
// Sunday starts the text ("Fri-Mon"); otherwise runs are listed from Monday.
QString formatDays(quint8 days)
{
    days &= MaintenanceWindow::EveryDay;
    const auto has = [days](int day) { return (days & (1u << ((day + 7) % 7))) != 0; };
    int first = 0;
    for (int day = 0; day < 7; ++day) {
        if (has(day) && !has(day - 1)) {
            first = day;
            break;
        }
    }
    QStringList parts;
    for (int offset = 0; offset < 7;) {
        const int day = (first + offset) % 7;
        if (!has(day)) {
            ++offset;
            continue;
        }
        int length = 1;
        while (offset + length < 7 && has(day + length)) {
            ++length;
        }
        if (length >= 3) {
            parts.append(ShortDayNames[day] + u'-' + ShortDayNames[(day + length - 1) % 7]);
        } else {
            for (int i = 0; i < length; ++i) {
                parts.append(ShortDayNames[(day + i) % 7].toString());
            }
        }
        offset += length;
    }
    return parts.join(u',');
}

} // namespace

Result<MaintenanceWindow> MaintenanceWindow::parse(QStringView text)
{
    const QStringView entry = text.trimmed();
    // Day names hold no digits, so the time range starts at the first digit.
    qsizetype timeStart = 0;
    while (timeStart < entry.size() && !isAsciiDigit(entry[timeStart])) {
        ++timeStart;
    }
    if (timeStart == entry.size()) {
        return entryError(entry, u"a time range is missing (use e.g. Mon-Fri 02:00-04:00)"_s);
    }

    MaintenanceWindow window;
    const QStringView daysText = entry.left(timeStart).trimmed();
    if (!daysText.isEmpty()) {
        const Result<quint8> days = parseDays(entry, daysText);
        if (!days) {
            return days.error();
        }
        window.days = *days;
    }

    const QStringView rangeText = entry.mid(timeStart);
    const QList<QStringView> times = rangeText.split(u'-');
    if (times.size() != 2) {
        return entryError(entry, quoted(rangeText) + u" is not a time range (use HH:MM-HH:MM, e.g. 02:00-04:00)"_s);
    }
    const Result<int> start = parseTime(entry, times[0].trimmed(), false);
    if (!start) {
        return start.error();
    }
    const Result<int> end = parseTime(entry, times[1].trimmed(), true);
    if (!end) {
        return end.error();
    }
    if (*start == *end) {
        return entryError(entry,
                          u"the window starts and ends at "_s + formatMinute(*start)
                              + u" (a window needs a length; use 00:00-24:00 for the whole day)"_s);
    }
    window.startMinute = *start;
    window.endMinute = *end % MinutesPerDay;
    return window;
}

QString MaintenanceWindow::toString() const
{
    const QString range = formatMinute(startMinute) + u'-' + (endMinute == 0 ? u"24:00"_s : formatMinute(endMinute));
    if ((days & EveryDay) == EveryDay) {
        return range;
    }
    return formatDays(days) + u' ' + range;
}

bool MaintenanceWindow::opensOn(int isoDayOfWeek) const
{
    return isoDayOfWeek >= 1 && isoDayOfWeek <= 7 && (days & (1u << (isoDayOfWeek - 1))) != 0;
}

QString MaintenanceWindow::dayName(int isoDayOfWeek)
{
    if (isoDayOfWeek < 1 || isoDayOfWeek > 7) {
        return {};
    }
    return ShortDayNames[isoDayOfWeek - 1].toString();
}

} // namespace sd
