// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/Result.h"
#include "storage/DatabaseUrl.h"

#include <QString>
#include <QTemporaryDir>

#include <memory>

// Where tst_storage runs: a fresh SQLite file per test (the default), or a fresh PostgreSQL
// database per test on the server named by STATIONDECK_TEST_PG_URL, or by the URL written in the
// file named by STATIONDECK_TEST_PG_URL_FILE (the ctest fixture writes it). The server's own
// database is never changed: each test gets a database created and dropped around it.
class TestBackend
{
public:
    // Reads the environment; an error when a URL file is named but cannot be read.
    static sd::Result<QString> postgresUrlFromEnvironment();

    explicit TestBackend(QString postgresUrl);
    ~TestBackend();

    bool isSqlite() const { return m_postgresUrl.isEmpty(); }
    QString name() const { return isSqlite() ? QStringLiteral("sqlite") : QStringLiteral("postgresql"); }

    sd::Result<sd::DatabaseUrl> createFresh(); // a new, empty database
    void dropFresh();

private:
    QString m_postgresUrl;
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_database; // PostgreSQL: the per-test database
    int m_counter = 0;
};
