// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/Result.h"
#include "fleet/ImportReport.h"
#include "fleet/InventoryData.h"

namespace sd {

class Clock;
class Database;

// Brings the database in line with an inventory, in one transaction: sites are added or updated,
// stations added, changed or brought back, and inventory stations that left the inventory are
// retired (never deleted). Stations added by hand are left alone. Idempotent: the same inventory
// twice changes nothing the second time. One audit entry records what happened.
class InventoryImport
{
public:
    InventoryImport(Database& db, const Clock& clock)
        : m_db(db)
        , m_clock(clock)
    { }

    Result<ImportReport> apply(const InventoryData& data, const QString& source, const QString& actor);

private:
    Database& m_db;
    const Clock& m_clock;
};

} // namespace sd
