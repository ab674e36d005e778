// SPDX-License-Identifier: GPL-3.0-or-later
#include "fleet/InventorySync.h"

#include "fleet/Fleet.h"
#include "fleet/InventoryImport.h"
#include "fleet/InventoryParser.h"

namespace sd {

InventorySync::InventorySync(Database& db, Fleet& fleet, const Clock& clock, QObject* parent)
    : QObject(parent)
    , m_db(db)
    , m_fleet(fleet)
    , m_clock(clock)
{
    connect(&m_runner, &InventoryRunner::finished, this, &InventorySync::onInventory);
}

void InventorySync::start(const QString& inventoryPath)
{
    m_path = inventoryPath;
    Q_EMIT started(inventoryPath);
    m_runner.start(inventoryPath);
}

void InventorySync::onInventory(const Result<QByteArray>& json)
{
    if (!json)
        return Q_EMIT finished(json.error());
    auto data = InventoryParser::parse(*json);
    if (!data)
        return Q_EMIT finished(data.error().withContext(QStringLiteral("nothing was imported from %1").arg(m_path)));
    auto report = InventoryImport(m_db, m_clock).apply(*data, m_path, m_actor);
    if (!report)
        return Q_EMIT finished(report.error());
    if (auto reloaded = m_fleet.reload(); !reloaded)
        return Q_EMIT finished(reloaded.error());
    Q_EMIT finished(report);
}

} // namespace sd
