// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace sd {

// A percentage as the console shows it everywhere: one decimal below 10 ("3.8 %"), none above
// ("53 %"); an empty string for NaN.
QString formatPercent(double value);

} // namespace sd
