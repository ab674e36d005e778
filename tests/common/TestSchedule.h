// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Shared by the window tests: instants from ISO text, schedules that must parse.

#include "fleet/WindowSchedule.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>
#include <QTimeZone>

namespace sd::test {

inline QDateTime utc(const QString& iso)
{
    return QDateTime::fromString(iso, Qt::ISODate);
}

inline WindowSchedule schedule(const QString& text, const QByteArray& zone)
{
    auto parsed = WindowSchedule::parse(text, QTimeZone(zone));
    if (!parsed)
        qFatal("bad test schedule: %s", qPrintable(parsed.error().message()));
    return *parsed;
}

} // namespace sd::test
