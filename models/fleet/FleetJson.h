// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QJsonArray>

namespace sd {

class Fleet;

// The fleet as JSON for scripts (stationdeck-cli sites --json, stations --json). Instants are
// ISO 8601 with the site's UTC offset.
class FleetJson
{
public:
    static QJsonArray sites(const Fleet& fleet, const QDateTime& nowUtc);
    static QJsonArray stations(const Fleet& fleet, bool includeRetired);
};

} // namespace sd
