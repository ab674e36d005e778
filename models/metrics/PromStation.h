// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>

namespace sd {

// A station as the Prometheus server knows it: its name (what results are reported under) and
// the values of the station label that stand for it (PromQlTemplates::keysFor: the host:port of
// each of its metrics URLs, or its name).
struct PromStation
{
    QString name;
    QStringList keys;
};

} // namespace sd
