// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>

namespace sd {

// What an inventory import did, by station name.
struct ImportReport
{
    QStringList added;
    QStringList changed; // includes stations that came back after being retired
    QStringList unchanged;
    QStringList retired;
    QStringList sitesAdded;
    QStringList sitesChanged;
    QStringList skippedHosts;
    QStringList warnings;

    bool changesAnything() const
    {
        return !added.isEmpty() || !changed.isEmpty() || !retired.isEmpty() || !sitesAdded.isEmpty()
            || !sitesChanged.isEmpty();
    }
    // "12 stations: 3 added, 1 changed, 8 unchanged, 0 retired; 2 hosts skipped (no stationdeck_site)"
    QString summary() const;
};

} // namespace sd
