// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace sd {

// Bytes as people read them, in binary units: "512 B", "1.5 KiB", "23.4 MiB", "7.8 GiB", "1.2 TiB".
// Three significant digits; an empty string for NaN.
QString formatBytes(double bytes);

} // namespace sd
