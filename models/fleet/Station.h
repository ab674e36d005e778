// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QMap>
#include <QString>
#include <QStringList>

namespace sd {

// A station: one managed host at a site. Stations are never deleted, only retired, so that
// their history (audit log, later deployments and health) stays.
struct Station
{
    enum class Source { Inventory, Manual };

    qint64 id = 0; // 0 until stored
    QString name; // the Ansible inventory host name; unique
    QString site; // site name
    QString ansibleHost;
    QStringList metricsUrls;
    QMap<QString, QString> labels;
    bool retired = false;
    Source source = Source::Inventory;

    friend bool operator==(const Station&, const Station&) = default;
};

} // namespace sd
