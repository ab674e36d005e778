// SPDX-License-Identifier: GPL-3.0-or-later
#include "storage/AuditLog.h"

#include "storage/Database.h"
#include "storage/Statement.h"

#include <QJsonDocument>

namespace sd {

Result<qint64> AuditLog::append(const AuditEntry& entry)
{
    const QDateTime at = entry.at.isValid() ? entry.at.toUTC() : QDateTime::currentDateTimeUtc();
    Statement query(m_db,
                    QStringLiteral("INSERT INTO audit_log (at, actor, action, subject, details) "
                                   "VALUES (:at, :actor, :action, :subject, :details) RETURNING id"));
    query.bind(QStringLiteral(":at"), at.toString(Qt::ISODateWithMs))
        .bind(QStringLiteral(":actor"), entry.actor)
        .bind(QStringLiteral(":action"), entry.action)
        .bind(QStringLiteral(":subject"), entry.subject)
        .bind(QStringLiteral(":details"),
              QString::fromUtf8(QJsonDocument(entry.details).toJson(QJsonDocument::Compact)));
    auto ran = query.exec();
    if (!ran || !query.next())
        return Error(QStringLiteral("Could not write \"%1\" on \"%2\" to the audit log in %3: %4.")
                         .arg(entry.action, entry.subject, m_db.url().displayString(),
                              ran ? QStringLiteral("the database returned no id") : ran.error().message()));
    const qint64 id = query.value(0).toLongLong();
    query.finish();
    return id;
}

Result<QList<AuditEntry>> AuditLog::recent(int limit) const
{
    Statement query(m_db,
                    QStringLiteral("SELECT id, at, actor, action, subject, details FROM audit_log "
                                   "ORDER BY at DESC, id DESC LIMIT :limit"));
    query.bind(QStringLiteral(":limit"), qMax(0, limit));
    if (auto ran = query.exec(); !ran)
        return Error(QStringLiteral("Could not read the audit log from %1: %2.")
                         .arg(m_db.url().displayString(), ran.error().message()));
    QList<AuditEntry> entries;
    while (query.next()) {
        AuditEntry entry;
        entry.id = query.value(0).toLongLong();
        entry.at = QDateTime::fromString(query.value(1).toString(), Qt::ISODateWithMs).toUTC();
        entry.actor = query.value(2).toString();
        entry.action = query.value(3).toString();
        entry.subject = query.value(4).toString();
        entry.details = QJsonDocument::fromJson(query.value(5).toString().toUtf8()).object();
        entries.append(entry);
    }
    return entries;
}

} // namespace sd
