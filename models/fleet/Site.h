// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace sd {

// A site: one place with one central server, many stations, one IANA time zone and its
// maintenance windows written in site-local time (see WindowSchedule for the syntax).
struct Site
{
    qint64 id = 0; // 0 until stored
    QString name;
    QString timeZone = QStringLiteral("UTC"); // IANA id, e.g. "Asia/Kathmandu"
    QString windows; // e.g. "Mon-Fri 02:00-04:00; Sat,Sun 00:00-06:00"
    bool retired = false;

    friend bool operator==(const Site&, const Site&) = default;
};

} // namespace sd
