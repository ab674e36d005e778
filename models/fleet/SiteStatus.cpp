// SPDX-License-Identifier: GPL-3.0-or-later
#include "fleet/SiteStatus.h"

#include "fleet/WindowState.h"

#include <QLocale>

namespace sd {

namespace {

QString formatOffset(int seconds)
{
    const QChar sign = seconds < 0 ? QLatin1Char('-') : QLatin1Char('+');
    const int minutes = std::abs(seconds) / 60;
    return QStringLiteral("UTC%1%2:%3")
        .arg(sign)
        .arg(minutes / 60, 2, 10, QLatin1Char('0'))
        .arg(minutes % 60, 2, 10, QLatin1Char('0'));
}

} // namespace

SiteStatus SiteStatus::compute(const WindowSchedule& schedule, const QDateTime& nowUtc)
{
    SiteStatus status;
    status.localTime = nowUtc.toTimeZone(schedule.zone());
    status.localTimeText = QLocale::c().toString(status.localTime, QStringLiteral("ddd HH:mm"));
    status.offsetText = formatOffset(status.localTime.offsetFromUtc());
    status.hasWindows = !schedule.isEmpty();

    const WindowState state = WindowState::at(schedule, nowUtc);
    status.windowOpen = state.isOpen();
    status.windowText = state.text();
    status.nextChange = state.isOpen() ? state.closesUtc() : state.opensUtc();
    // Open windows sort first (closing soonest first), then closed ones by how soon they open,
    // then sites with no window.
    constexpr qint64 kWeek = 8 * 24 * 3600;
    if (state.status() == WindowState::Status::NoWindow)
        status.sortKey = 3 * kWeek;
    else if (state.isOpen())
        status.sortKey = nowUtc.secsTo(state.closesUtc());
    else
        status.sortKey = kWeek + nowUtc.secsTo(state.opensUtc());
    return status;
}

} // namespace sd
