// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "metrics/StationHealth.h"

#include <QColor>
#include <QPalette>

namespace sd {

// The colour of each station state, the same in the table's badges, the overview and the station
// page; a little lighter on a dark palette so that it reads on a dark background.
QColor healthColor(HealthState state, const QPalette& palette);

} // namespace sd
