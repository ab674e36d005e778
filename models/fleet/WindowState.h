// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "fleet/WindowSchedule.h"

#include <QDateTime>
#include <QString>

namespace sd {

// Whether a site's maintenance window is open at an instant, for display. A value computed once
// from a schedule and "now" (take it from a Clock); recompute when the clock moves.
//
// Texts, always in site-local time with English day names whatever the system locale:
//   "open until 04:00"              closes later the same local day
//   "open until Tue 01:30"          closes on another local day (a date is added a week or more ahead)
//   "opens Tue 02:00 (in 5 h)"      closed; the next opening and how far away it is
//   "no window"                     no windows, or none in the eight days searched
// The relative part (see relativeText) rounds down:
//   under 1 minute "in under 1 min"; under 1 hour "in 45 min"; under 10 hours "in 1 h 30 min" (or
//   "in 5 h" on the hour); under 48 hours "in 30 h"; from 48 hours "in 3 d".
class WindowState
{
public:
    enum class Status { NoWindow, Open, Closed };

    static WindowState at(const WindowSchedule& schedule, const QDateTime& now);

    Status status() const { return m_status; }
    bool isOpen() const { return m_status == Status::Open; }
    QDateTime now() const { return m_now; } // UTC

    // Open: the occurrence containing now. Closed: the next one. NoWindow: invalid values.
    QDateTime opensUtc() const { return m_occurrence.opens; }
    QDateTime closesUtc() const { return m_occurrence.closes; }
    QDateTime opensLocal() const; // site-local wall clock
    QDateTime closesLocal() const;

    QString text() const;
    // "in 45 min" for a positive number of seconds, by the rule above.
    static QString relativeText(qint64 seconds);

private:
    QString localText(const QDateTime& utc, bool alwaysWithDay) const;

    Status m_status = Status::NoWindow;
    QDateTime m_now;
    WindowSchedule::Occurrence m_occurrence;
    QTimeZone m_zone = QTimeZone::utc();
};

} // namespace sd
