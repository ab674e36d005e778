// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/Result.h"
#include "storage/AuditEntry.h"

#include <QList>

namespace sd {

class Database;

// The append-only audit log: the database refuses UPDATE and DELETE on it (triggers).
class AuditLog
{
public:
    explicit AuditLog(Database& db)
        : m_db(db)
    { }

    Result<qint64> append(const AuditEntry& entry);
    Result<QList<AuditEntry>> recent(int limit = 1000) const; // newest first

private:
    Database& m_db;
};

} // namespace sd
