// SPDX-License-Identifier: GPL-3.0-or-later
#include "metrics/ByteText.h"

#include <array>
#include <cmath>

namespace sd {

QString formatBytes(double bytes)
{
    if (std::isnan(bytes))
        return {};
    static const std::array<const char*, 6> units = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
    double value = bytes;
    std::size_t unit = 0;
    while (std::abs(value) >= 1024 && unit + 1 < units.size()) {
        value /= 1024;
        ++unit;
    }
    if (unit == 0)
        return QStringLiteral("%1 B").arg(qint64(value));
    const int decimals = std::abs(value) < 10 ? 2 : std::abs(value) < 100 ? 1 : 0;
    return QStringLiteral("%1 %2").arg(value, 0, 'f', decimals).arg(QLatin1String(units[unit]));
}

} // namespace sd
