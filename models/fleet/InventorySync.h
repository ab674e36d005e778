// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/Result.h"
#include "fleet/ImportReport.h"
#include "fleet/InventoryRunner.h"

#include <QObject>

namespace sd {

class Clock;
class Database;
class Fleet;

// Re-reads an Ansible inventory and imports it, without blocking: ansible-inventory runs in a
// child process, its JSON is checked, the database is updated in one transaction, the fleet
// reloads. On any error nothing is changed and the error says why.
class InventorySync : public QObject
{
    Q_OBJECT
public:
    InventorySync(Database& db, Fleet& fleet, const Clock& clock, QObject* parent = nullptr);

    InventoryRunner& runner() { return m_runner; }
    void setActor(const QString& actor) { m_actor = actor; }
    bool isRunning() const { return m_runner.isRunning(); }

    void start(const QString& inventoryPath);

Q_SIGNALS:
    void started(const QString& inventoryPath);
    void finished(const sd::Result<sd::ImportReport>& report);

private:
    void onInventory(const Result<QByteArray>& json);

    Database& m_db;
    Fleet& m_fleet;
    const Clock& m_clock;
    InventoryRunner m_runner;
    QString m_path;
    QString m_actor;
};

} // namespace sd
