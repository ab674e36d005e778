// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/Result.h"

#include <QDateTime>
#include <QList>
#include <QTimeZone>

#include <optional>

namespace sd {

// One maintenance window entry in site-local wall-clock time:
//   "02:00-04:00"             every day
//   "Mon-Fri 02:00-04:00"     days (Mon Tue Wed Thu Fri Sat Sun, ranges and commas, wrap allowed: "Fri-Mon")
//   "Sat,Sun 23:30-01:30"     crosses midnight: opens on the named day, closes the next day
// The days name the day the window opens. Start and end may not be equal.
struct MaintenanceWindow
{
    quint8 days = 0x7f;   // bit 0 = Monday ... bit 6 = Sunday
    int startMinute = 0;  // minutes after local midnight, 0..1439
    int endMinute = 0;    // 0..1439; endMinute <= startMinute means it closes the next day

    static Result<MaintenanceWindow> parse(QStringView text);
    QString toString() const;
    friend bool operator==(const MaintenanceWindow&, const MaintenanceWindow&) = default;
};

// A site's windows in its IANA time zone, and when they are open, in UTC and site time.
//
// Daylight saving time, pinned by tests:
// - A local time inside a skipped hour (spring forward) is taken at the end of the gap: a window
//   starting at 02:30 on a day when 02:00 jumps to 03:00 opens at 03:00.
// - A window lying wholly inside the skipped hour does not open that day.
// - A local time inside a repeated hour (fall back) means its first occurrence.
// - Overlapping or touching occurrences merge into one.
class WindowSchedule
{
public:
    struct Occurrence
    {
        QDateTime opens;  // UTC
        QDateTime closes; // UTC
        friend bool operator==(const Occurrence&, const Occurrence&) = default;
    };

    // "" (no windows) or entries separated by ';'. Errors name the bad entry.
    static Result<WindowSchedule> parse(const QString& text, const QTimeZone& zone);

    WindowSchedule() = default;
    WindowSchedule(QList<MaintenanceWindow> windows, QTimeZone zone);

    bool isEmpty() const { return m_windows.isEmpty(); }
    const QList<MaintenanceWindow>& windows() const { return m_windows; }
    const QTimeZone& zone() const { return m_zone; }
    QString toString() const; // canonical text, "; "-separated

    // The occurrence containing the instant (opens <= instant < closes), if any.
    std::optional<Occurrence> openAt(const QDateTime& instant) const;
    // The first occurrence that opens strictly after the instant, if any (searches 8 days ahead).
    std::optional<Occurrence> nextOpening(const QDateTime& instant) const;
    // Local date + time in the zone to UTC, with the DST rules above.
    QDateTime toUtc(QDate localDate, int minuteOfDay) const;

private:
    QList<Occurrence> occurrencesAround(const QDateTime& instant) const;

    QList<MaintenanceWindow> m_windows;
    QTimeZone m_zone = QTimeZone::utc();
};

} // namespace sd
