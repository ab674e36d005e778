// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QString>

namespace sd {

// One line of the append-only audit log.
struct AuditEntry
{
    qint64 id = 0;
    QDateTime at; // UTC
    QString actor;
    QString action; // e.g. "inventory.import", "station.edit", "site.retire"
    QString subject; // e.g. station or site name, inventory path
    QJsonObject details;

    static AuditEntry make(const QDateTime& at, const QString& actor, const QString& action, const QString& subject,
                           const QJsonObject& details = {})
    {
        return {0, at, actor, action, subject, details};
    }
};

} // namespace sd
