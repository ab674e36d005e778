// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/Result.h"
#include "fleet/Site.h"
#include "fleet/Station.h"

#include <QUrl>

namespace sd {

// The rules a site or station must meet, whether it comes from an inventory or from the user.
// Errors are sentences that name the thing and the bad value.
class FleetValidation
{
public:
    static Result<void> checkSite(const Site& site);
    static Result<void> checkStation(const Station& station);
    static Result<void> checkTimeZone(const QString& timeZone);
    // Names of sites and stations: not empty, no control characters, no spaces at either end.
    static Result<void> checkName(const QString& name);
    static Result<QUrl> checkMetricsUrl(const QString& text);
    static QString defaultMetricsUrl(const QString& host);
};

} // namespace sd
