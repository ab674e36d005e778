// SPDX-License-Identifier: GPL-3.0-or-later
#include "fleet/HealthColors.h"

namespace sd {

QColor healthColor(HealthState state, const QPalette& palette)
{
    const bool dark = palette.color(QPalette::Window).lightness() < 128;
    switch (state) {
    case HealthState::Up:
        return dark ? QColor(0x66, 0xbb, 0x6a) : QColor(0x2e, 0x7d, 0x32);
    case HealthState::Down:
        return dark ? QColor(0xef, 0x53, 0x50) : QColor(0xc6, 0x28, 0x28);
    case HealthState::LinkDown:
        return dark ? QColor(0xff, 0xa7, 0x26) : QColor(0xe6, 0x51, 0x00);
    case HealthState::Stale:
        return dark ? QColor(0xbd, 0xbd, 0xbd) : QColor(0x75, 0x75, 0x75);
    case HealthState::Unknown:
        return dark ? QColor(0x9e, 0x9e, 0x9e) : QColor(0x9e, 0x9e, 0x9e);
    }
    return {};
}

} // namespace sd
