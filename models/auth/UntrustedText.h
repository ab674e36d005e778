// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace sd {

// Text that someone else wrote (an identity provider's error description, a callback's query)
// made fit for one line of an Error sentence: control and format characters (including
// bidirectional overrides) and line breaks become single spaces, the ends are trimmed, and the
// result is cut to `maxLength` characters, the last of them "…" when something was cut.
class UntrustedText
{
public:
    static QString sanitize(const QString& text, qsizetype maxLength = 200);
};

} // namespace sd
