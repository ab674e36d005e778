// SPDX-License-Identifier: GPL-3.0-or-later
#include "metrics/PercentText.h"

#include <cmath>

namespace sd {

QString formatPercent(double value)
{
    return std::isnan(value) ? QString() : QStringLiteral("%1 %").arg(value, 0, 'f', std::abs(value) < 10 ? 1 : 0);
}

} // namespace sd
