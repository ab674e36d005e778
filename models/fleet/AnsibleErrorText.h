// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace sd {

// Turns what ansible-inventory prints on stderr when it cannot read an inventory into one
// readable sentence. Ansible wraps its messages at 80 columns and tries every inventory plugin in
// turn (auto, yaml, ini, …), each failing in its own way; the plugin that fits the file's kind
// says what is actually wrong ("did not find expected ',' … line 4, column 11"), so that is kept
// and the others are dropped.
class AnsibleErrorText
{
public:
    static QString summarize(const QString& stderrText, const QString& inventoryPath);
};

} // namespace sd
