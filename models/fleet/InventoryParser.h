// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/Result.h"
#include "fleet/InventoryData.h"

#include <QByteArray>

namespace sd {

// Reads the JSON that `ansible-inventory --list` prints (host and group variables already merged
// by Ansible, a host's own value winning over its groups') and turns the hosts that carry
// `stationdeck_site` into sites and stations. Variables:
//   stationdeck_site         site name (required; hosts without it are listed as skipped)
//   stationdeck_timezone     the site's IANA time zone (UTC, with a warning, when missing)
//   stationdeck_window       the site's maintenance windows, see WindowSchedule
//   stationdeck_metrics_url  one URL or a list (default http://<ansible_host or name>:9100/metrics)
//   stationdeck_labels       a map of free labels
// Any bad value fails the whole parse with a sentence naming the host, its groups, the
// variable and the value.
class InventoryParser
{
public:
    static Result<InventoryData> parse(const QByteArray& json);
};

} // namespace sd
