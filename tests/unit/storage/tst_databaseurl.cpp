// SPDX-License-Identifier: GPL-3.0-or-later
#include "storage/DatabaseUrl.h"

#include <QDir>
#include <QStandardPaths>
#include <QTest>

using sd::DatabaseUrl;

class TestDatabaseUrl : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void sqlite_data();
    void sqlite();
    void postgresql_data();
    void postgresql();
    void invalid_data();
    void invalid();
    void defaultSqlite();
};

void TestDatabaseUrl::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestDatabaseUrl::sqlite_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("path");

    const QString cwd = QDir::currentPath();
    QTest::newRow("absolute") << QStringLiteral("sqlite:/var/lib/sd/stationdeck.db")
                              << QStringLiteral("/var/lib/sd/stationdeck.db");
    QTest::newRow("three slashes") << QStringLiteral("sqlite:///var/lib/sd/stationdeck.db")
                                   << QStringLiteral("/var/lib/sd/stationdeck.db");
    QTest::newRow("relative") << QStringLiteral("sqlite:data/sd.db") << cwd + QStringLiteral("/data/sd.db");
    QTest::newRow("dot segments") << QStringLiteral("sqlite:/a/b/../c/./sd.db") << QStringLiteral("/a/c/sd.db");
    QTest::newRow("home") << QStringLiteral("sqlite:~/sd.db") << QDir::homePath() + QStringLiteral("/sd.db");
    QTest::newRow("spaces around, upper-case scheme")
        << QStringLiteral("  SQLite:/tmp/a b.db ") << QStringLiteral("/tmp/a b.db");
}

void TestDatabaseUrl::sqlite()
{
    QFETCH(QString, text);
    QFETCH(QString, path);

    const auto url = DatabaseUrl::parse(text);
    QVERIFY2(url.ok(), qPrintable(url.ok() ? QString() : url.error().message()));
    QCOMPARE(url->kind(), DatabaseUrl::Kind::Sqlite);
    QCOMPARE(url->sqlitePath(), path);
    QCOMPARE(url->displayString(), QStringLiteral("sqlite:") + path);
}

void TestDatabaseUrl::postgresql_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("password");
    QTest::addColumn<QString>("database");
    QTest::addColumn<QString>("display");

    QTest::newRow("full") << QStringLiteral("postgresql://ops@db.example.org:6543/stationdeck")
                          << QStringLiteral("db.example.org") << 6543 << QStringLiteral("ops") << QString()
                          << QStringLiteral("stationdeck")
                          << QStringLiteral("postgresql://ops@db.example.org:6543/stationdeck");
    QTest::newRow("postgres scheme, default port")
        << QStringLiteral("postgres://ops@db/sd") << QStringLiteral("db") << 5432 << QStringLiteral("ops") << QString()
        << QStringLiteral("sd") << QStringLiteral("postgresql://ops@db:5432/sd");
    QTest::newRow("no user") << QStringLiteral("postgresql://127.0.0.1:5433/sd") << QStringLiteral("127.0.0.1") << 5433
                             << QString() << QString() << QStringLiteral("sd")
                             << QStringLiteral("postgresql://127.0.0.1:5433/sd");
    QTest::newRow("password is kept but never shown")
        << QStringLiteral("postgresql://ops:s3cr%40t@db:5432/sd") << QStringLiteral("db") << 5432
        << QStringLiteral("ops") << QStringLiteral("s3cr@t") << QStringLiteral("sd")
        << QStringLiteral("postgresql://ops@db:5432/sd");
    QTest::newRow("ipv6") << QStringLiteral("postgresql://ops@[::1]:5432/sd") << QStringLiteral("::1") << 5432
                          << QStringLiteral("ops") << QString() << QStringLiteral("sd")
                          << QStringLiteral("postgresql://ops@[::1]:5432/sd");
    QTest::newRow("encoded names") << QStringLiteral("postgresql://ops%2Bci@db/my%20db") << QStringLiteral("db") << 5432
                                   << QStringLiteral("ops+ci") << QString() << QStringLiteral("my db")
                                   << QStringLiteral("postgresql://ops+ci@db:5432/my%20db");
}

void TestDatabaseUrl::postgresql()
{
    QFETCH(QString, text);
    QFETCH(QString, host);
    QFETCH(int, port);
    QFETCH(QString, user);
    QFETCH(QString, password);
    QFETCH(QString, database);
    QFETCH(QString, display);

    const auto url = DatabaseUrl::parse(text);
    QVERIFY2(url.ok(), qPrintable(url.ok() ? QString() : url.error().message()));
    QCOMPARE(url->kind(), DatabaseUrl::Kind::Postgresql);
    QCOMPARE(url->host(), host);
    QCOMPARE(url->port(), port);
    QCOMPARE(url->user(), user);
    QCOMPARE(url->password(), password);
    QCOMPARE(url->databaseName(), database);
    QCOMPARE(url->displayString(), display);
    if (!password.isEmpty())
        QVERIFY(!url->displayString().contains(password));
}

void TestDatabaseUrl::invalid_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("message");

    QTest::newRow("empty") << QStringLiteral("  ")
                           << QStringLiteral("The database URL is empty; use sqlite:/path/file.db or "
                                             "postgresql://user@host:port/database.");
    QTest::newRow("sqlite without path") << QStringLiteral("sqlite:")
                                         << QStringLiteral("The database URL \"sqlite:\" has no file path.");
    QTest::newRow("sqlite with host")
        << QStringLiteral("sqlite://server/x.db")
        << QStringLiteral("The database URL \"sqlite://server/x.db\" names a host; SQLite files are local (use "
                          "sqlite:/path/file.db or sqlite:///path/file.db).");
    QTest::newRow("sqlite folder") << QStringLiteral("sqlite:/tmp/")
                                   << QStringLiteral("The database URL \"sqlite:/tmp/\" names a folder, not a database "
                                                     "file.");
    QTest::newRow("unknown scheme with password")
        << QStringLiteral("mysql://ops:hunter22@db/sd")
        << QStringLiteral(
               "The database URL \"mysql://ops:***@db/sd\" uses the unsupported scheme \"mysql\" (use sqlite: "
               "or postgresql:).");
    QTest::newRow("no scheme") << QStringLiteral("stationdeck.db")
                               << QStringLiteral("The database URL \"stationdeck.db\" has no scheme (use "
                                                 "sqlite:/path/file.db or postgresql://user@host/database).");
    QTest::newRow("no host") << QStringLiteral("postgresql:///sd")
                             << QStringLiteral("The database URL \"postgresql:///sd\" has no host.");
    QTest::newRow("no database, password hidden")
        << QStringLiteral("postgresql://ops:hunter22@db:5432")
        << QStringLiteral("The database URL \"postgresql://ops:***@db:5432\" has no database name (add /name after "
                          "the host).");
    QTest::newRow("bad port, password hidden")
        << QStringLiteral("postgresql://ops:hunter22@db:99999/sd")
        << QStringLiteral("The database URL \"postgresql://ops:***@db:99999/sd\" is not a valid URL (Invalid port or "
                          "port number out of range).");
    QTest::newRow("port zero") << QStringLiteral("postgresql://db:0/sd")
                               << QStringLiteral("The database URL \"postgresql://db:0/sd\" has port 0, which is not "
                                                 "between 1 and 65535.");
    QTest::newRow("path too deep") << QStringLiteral("postgresql://db/sd/x")
                                   << QStringLiteral("The database URL \"postgresql://db/sd/x\" has a path with more "
                                                     "than a database name.");
    QTest::newRow("query, password with @ hidden")
        << QStringLiteral("postgresql://ops:hun@ter22@db/sd?sslmode=require")
        << QStringLiteral("The database URL \"postgresql://ops:***@db/sd?sslmode=require\" is not a valid URL "
                          "(Invalid hostname (contains invalid characters)).");
    QTest::newRow("query") << QStringLiteral("postgresql://db/sd?sslmode=require")
                           << QStringLiteral("The database URL \"postgresql://db/sd?sslmode=require\" has a query or "
                                             "fragment, which Stationdeck does not support; put connection settings "
                                             "into ~/.pg_service.conf or PG* variables.");
}

void TestDatabaseUrl::invalid()
{
    QFETCH(QString, text);
    QFETCH(QString, message);

    const auto url = DatabaseUrl::parse(text);
    QVERIFY(!url.ok());
    QCOMPARE(url.error().message(), message);
    QVERIFY(!url.error().message().contains(QStringLiteral("hunter")));
    QVERIFY(!url.error().message().contains(QStringLiteral("ter22")));
}

void TestDatabaseUrl::defaultSqlite()
{
    const DatabaseUrl url = DatabaseUrl::defaultSqlite();
    QCOMPARE(url.kind(), DatabaseUrl::Kind::Sqlite);
    QCOMPARE(url.sqlitePath(),
             QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/stationdeck.db"));
    QVERIFY(QDir::isAbsolutePath(url.sqlitePath()));
    const auto reparsed = DatabaseUrl::parse(url.displayString());
    QVERIFY(reparsed.ok());
    QCOMPARE(reparsed->sqlitePath(), url.sqlitePath());
}

QTEST_GUILESS_MAIN(TestDatabaseUrl)
#include "tst_databaseurl.moc"
