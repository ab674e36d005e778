// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QUrl>

namespace sd {

// One metrics endpoint of one station, as the inventory gives it. A station has one or more.
struct ScrapeTarget
{
    QString station;
    QString site;
    QUrl url;

    friend bool operator==(const ScrapeTarget&, const ScrapeTarget&) = default;
};

} // namespace sd
