// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/Result.h"

#include <QMap>
#include <QString>

namespace sd {

// Labels as one line of text: "region=apac, tier=edge". parse() accepts ',' or ';' between
// pairs and spaces around them; a pair without '=' or with an empty name is an error.
class LabelText
{
public:
    static QString format(const QMap<QString, QString>& labels);
    static Result<QMap<QString, QString>> parse(const QString& text);
};

} // namespace sd
