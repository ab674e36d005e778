// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Shared by the tests: a real SQLite database in a temporary folder, and the demo lab inventory
// as the real ansible-inventory printed it (tests/data/inventory-json, captured by
// tests/data/capture-inventories.sh).

#include "core/Clock.h"
#include "fleet/InventoryImport.h"
#include "fleet/InventoryParser.h"
#include "storage/Database.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

namespace sd::test {

inline QByteArray inventoryJson(const QString& name)
{
    QFile file(QStringLiteral(STATIONDECK_TEST_DATA "/inventory-json/") + name + QStringLiteral(".json"));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("missing test data %s", qPrintable(file.fileName()));
    return file.readAll();
}

inline InventoryData inventory(const QString& name)
{
    return InventoryParser::parse(inventoryJson(name)).value();
}

// A new SQLite database named after the running test function.
inline std::unique_ptr<Database> temporaryDatabase(const QTemporaryDir& dir)
{
    const QString path = dir.filePath(QString::fromLatin1(QTest::currentTestFunction()) + QStringLiteral(".db"));
    auto db = Database::open(DatabaseUrl::parse(QStringLiteral("sqlite:") + path).value());
    if (!db)
        qFatal("cannot open %s: %s", qPrintable(path), qPrintable(db.error().message()));
    return std::move(db.value());
}

// The demo lab's 4 sites and 13 stations, imported.
inline void importDemo(Database& db, const Clock& clock)
{
    if (auto report = InventoryImport(db, clock).apply(inventory(QStringLiteral("demo")), QStringLiteral("demo"),
                                                       QStringLiteral("test"));
        !report)
        qFatal("cannot import the demo inventory: %s", qPrintable(report.error().message()));
}

} // namespace sd::test
