// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QPalette>

namespace sd::test {

// A dark palette like the ones desktop themes hand to Qt, for checking that widgets follow it.
inline QPalette darkPalette()
{
    QPalette palette;
    const QColor text(0xe8, 0xea, 0xed);
    for (const QPalette::ColorGroup group : {QPalette::Active, QPalette::Inactive, QPalette::Disabled}) {
        palette.setColor(group, QPalette::Window, QColor(0x20, 0x21, 0x24));
        palette.setColor(group, QPalette::WindowText, text);
        palette.setColor(group, QPalette::Base, QColor(0x18, 0x1a, 0x1c));
        palette.setColor(group, QPalette::AlternateBase, QColor(0x24, 0x26, 0x28));
        palette.setColor(group, QPalette::Text, text);
        palette.setColor(group, QPalette::Button, QColor(0x2d, 0x2f, 0x31));
        palette.setColor(group, QPalette::ButtonText, text);
        palette.setColor(group, QPalette::Highlight, QColor(0x8a, 0xb4, 0xf8));
        palette.setColor(group, QPalette::HighlightedText, QColor(0x20, 0x21, 0x24));
        palette.setColor(group, QPalette::PlaceholderText, QColor(0x9a, 0xa0, 0xa6));
        palette.setColor(group, QPalette::ToolTipBase, QColor(0x30, 0x31, 0x34));
        palette.setColor(group, QPalette::ToolTipText, text);
        palette.setColor(group, QPalette::Link, QColor(0x8a, 0xb4, 0xf8));
        palette.setColor(group, QPalette::Light, QColor(0x3c, 0x40, 0x43));
        palette.setColor(group, QPalette::Midlight, QColor(0x35, 0x38, 0x3b));
        palette.setColor(group, QPalette::Mid, QColor(0x2a, 0x2c, 0x2e));
        palette.setColor(group, QPalette::Dark, QColor(0x10, 0x11, 0x12));
        palette.setColor(group, QPalette::Shadow, QColor(0x00, 0x00, 0x00));
    }
    return palette;
}

} // namespace sd::test
