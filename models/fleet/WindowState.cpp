// SPDX-License-Identifier: GPL-3.0-or-later
#include "fleet/WindowState.h"

#include <QLocale>

using namespace Qt::StringLiterals;

namespace sd {

namespace {

QDateTime inZone(const QDateTime& utc, const QTimeZone& zone)
{
    if (!utc.isValid()) {
        return {};
    }
    return utc.toOffsetFromUtc(zone.offsetFromUtc(utc));
}

} // namespace

WindowState WindowState::at(const WindowSchedule& schedule, const QDateTime& now)
{
    WindowState state;
    state.m_now = now.toUTC();
    state.m_zone = schedule.zone();
    if (const auto open = schedule.openAt(now)) {
        state.m_status = Status::Open;
        state.m_occurrence = *open;
    } else if (const auto next = schedule.nextOpening(now)) {
        state.m_status = Status::Closed;
        state.m_occurrence = *next;
    }
    return state;
}

QDateTime WindowState::opensLocal() const
{
    return inZone(m_occurrence.opens, m_zone);
}

QDateTime WindowState::closesLocal() const
{
    return inZone(m_occurrence.closes, m_zone);
}

QString WindowState::text() const
{
    switch (m_status) {
    case Status::Open:
        return u"open until "_s + localText(m_occurrence.closes, false);
    case Status::Closed:
        return u"opens "_s + localText(m_occurrence.opens, true) + u" ("_s
            + relativeText(m_now.secsTo(m_occurrence.opens)) + u')';
    case Status::NoWindow:
        break;
    }
    return u"no window"_s;
}

QString WindowState::relativeText(qint64 seconds)
{
    const qint64 minutes = seconds / 60;
    if (minutes < 1) {
        return u"in under 1 min"_s;
    }
    if (minutes < 60) {
        return u"in %1 min"_s.arg(minutes);
    }
    const qint64 hours = minutes / 60;
    if (hours < 10 && minutes % 60 != 0) {
        return u"in %1 h %2 min"_s.arg(hours).arg(minutes % 60);
    }
    if (hours < 48) {
        return u"in %1 h"_s.arg(hours);
    }
    return u"in %1 d"_s.arg(hours / 24);
}

// "04:00" on the local day of now, "Tue 01:30" on another day, "Tue 9 Mar 01:30" a week or more away.
QString WindowState::localText(const QDateTime& utc, bool alwaysWithDay) const
{
    const QDateTime local = inZone(utc, m_zone);
    const qint64 days = inZone(m_now, m_zone).date().daysTo(local.date());
    const QLocale c = QLocale::c();
    if (days == 0 && !alwaysWithDay) {
        return c.toString(local, u"HH:mm");
    }
    if (days >= 7 || days <= -7) {
        return c.toString(local, u"ddd d MMM HH:mm");
    }
    return c.toString(local, u"ddd HH:mm");
}

} // namespace sd
