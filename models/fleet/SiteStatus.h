// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "fleet/WindowSchedule.h"

#include <QDateTime>
#include <QString>

namespace sd {

// A site's clock and window at one instant, worked out once per refresh and shared by every
// station of the site (thousands of rows must not each consult the time zone database).
struct SiteStatus
{
    QDateTime localTime; // in the site's zone
    QString localTimeText; // "Tue 14:05"
    QString offsetText; // "UTC+05:45"
    bool windowOpen = false;
    bool hasWindows = false;
    QString windowText; // "open until 04:00", "opens Tue 02:00 (in 5 h)", "no window"
    QDateTime nextChange; // UTC: when it closes (open) or opens (closed); invalid when never
    qint64 sortKey = 0; // open windows first, by how soon they close; then by how soon they open

    static SiteStatus compute(const WindowSchedule& schedule, const QDateTime& nowUtc);
};

} // namespace sd
