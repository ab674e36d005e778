// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/Result.h"

#include <QString>
#include <QStringView>

namespace sd {

// One maintenance window entry in site-local wall-clock time:
//   "02:00-04:00"             every day
//   "Mon-Fri 02:00-04:00"     days (Mon Tue Wed Thu Fri Sat Sun, ranges and commas, wrap allowed: "Fri-Mon")
//   "Sat,Sun 23:30-01:30"     crosses midnight: opens on the named day, closes the next day
// The days name the day the window opens. Start and end may not be equal.
//
// Day names are case-insensitive, short (Mon) or full (Monday); lists and ranges may be mixed
// ("Mon,Wed-Fri"). Hours are 00-23, minutes 00-59; "24:00" is accepted as an end time and means
// midnight at the end of the day ("22:00-24:00", "00:00-24:00" = the whole day).
// See docs/maintenance-windows.md.
struct MaintenanceWindow
{
    quint8 days = 0x7f; // bit 0 = Monday ... bit 6 = Sunday
    int startMinute = 0; // minutes after local midnight, 0..1439
    int endMinute = 0; // 0..1439; endMinute <= startMinute means it closes the next day

    static constexpr quint8 EveryDay = 0x7f;

    // One entry, e.g. "Mon-Fri 02:00-04:00". Errors are sentences that quote the entry.
    static Result<MaintenanceWindow> parse(QStringView text);
    // Canonical text: "Mon,Wed-Fri 02:00-04:00"; no days for every day; an end at midnight as "24:00".
    QString toString() const;
    // True if the window opens on that ISO weekday (1 = Monday ... 7 = Sunday, as QDate::dayOfWeek()).
    bool opensOn(int isoDayOfWeek) const;
    // English three-letter day name (Mon ... Sun) for an ISO weekday, independent of the locale.
    static QString dayName(int isoDayOfWeek);

    friend bool operator==(const MaintenanceWindow&, const MaintenanceWindow&) = default;
};

} // namespace sd
