// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "fleet/Site.h"
#include "fleet/Station.h"

#include <QList>
#include <QStringList>

namespace sd {

// What an Ansible inventory says about the fleet, checked and ready to import.
struct InventoryData
{
    QList<Site> sites; // ordered by name
    QList<Station> stations; // ordered by name
    QStringList skippedHosts; // hosts without stationdeck_site
    QStringList warnings; // sentences, e.g. a site without a time zone
};

} // namespace sd
