// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/Result.h"
#include "fleet/MaintenanceWindow.h"

#include <QDateTime>
#include <QList>
#include <QTimeZone>

#include <optional>

namespace sd {

// A site's windows in its IANA time zone, and when they are open, in UTC and site time.
//
// Daylight saving time, pinned by tests:
// - A local time inside a skipped hour (spring forward) is taken at the end of the gap: a window
//   starting at 02:30 on a day when 02:00 jumps to 03:00 opens at 03:00.
// - A window lying wholly inside the skipped hour does not open that day.
// - A local time inside a repeated hour (fall back) means its first occurrence.
// - Overlapping or touching occurrences merge into one.
//
// Occurrences are computed for the local dates from two days before to eight days after the
// instant's local date; a schedule that is open without a break (e.g. "00:00-24:00") reports the
// edges of that span as its opening and closing. See docs/maintenance-windows.md.
class WindowSchedule
{
public:
    struct Occurrence
    {
        QDateTime opens; // UTC
        QDateTime closes; // UTC
        friend bool operator==(const Occurrence&, const Occurrence&) = default;
    };

    // "" (no windows) or entries separated by ';'. Errors name the bad entry.
    static Result<WindowSchedule> parse(const QString& text, const QTimeZone& zone);
    // As above with an IANA id ("Asia/Kathmandu"); an unknown id is an error that names it.
    static Result<WindowSchedule> parse(const QString& text, const QString& ianaZoneId);

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
    // The instant as wall-clock time in the zone (a QDateTime carrying the zone's offset then).
    QDateTime toLocal(const QDateTime& instant) const;

private:
    QList<Occurrence> occurrencesAround(const QDateTime& instant) const;
    int offsetAt(qint64 utcSecs) const;
    qint64 toUtcSecs(QDate localDate, int minuteOfDay) const;

    QList<MaintenanceWindow> m_windows;
    QTimeZone m_zone = QTimeZone::utc();
};

} // namespace sd
