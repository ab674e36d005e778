// SPDX-License-Identifier: GPL-3.0-or-later
#include "TestBackend.h"
#include "storage/AuditLog.h"
#include "storage/Database.h"
#include "storage/SiteRepository.h"
#include "storage/StationRepository.h"

#include <QCryptographicHash>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTest>
#include <QTimeZone>

using namespace sd;

// One test class, run against SQLite (default) or PostgreSQL (see TestBackend).
class TestStorage : public QObject
{
    Q_OBJECT

public:
    explicit TestStorage(QString postgresUrl)
        : m_backend(std::move(postgresUrl))
    { }

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void migrationsApplied();
    void reopenKeepsSchema();
    void newMigrationApplied();
    void failedMigrationRollsBack();
    void newerSchemaRefused();
    void siteRoundTrip();
    void stationRoundTrip();
    void unknownSite();
    void duplicateNames();
    void updateMissingRow();
    void transactionRollsBack();
    void transactionCommitFailure();
    void transactionNotReentrant();
    void auditAppendAndRecent();
    void auditIsAppendOnly();
    void foreignKeysEnforced();
    void sqliteSettings();
    void connectionsAreSeparate();
    void openErrorHidesPassword();
    void defaultLocationCreated();

private:
    std::unique_ptr<Database> open(const QString& migrations = QString());
    QString migrationsWith(const QString& fileName, const QString& sql);
    static int count(Database& db, const QString& sql);
    static bool exec(Database& db, const QString& sql, QString* error = nullptr);
    static Site site(const QString& name);
    static Station station(const QString& name, const QString& site);

    TestBackend m_backend;
    DatabaseUrl m_url;
    QTemporaryDir m_migrationsDir;
};

std::unique_ptr<Database> TestStorage::open(const QString& migrations)
{
    auto db = Database::open(m_url, migrations);
    if (!db) {
        qWarning("%s", qPrintable(db.error().message()));
        return nullptr;
    }
    return std::move(db).value();
}

// The built-in migrations of the dialect plus one more file.
QString TestStorage::migrationsWith(const QString& fileName, const QString& sql)
{
    const QString dialect = m_backend.name();
    const QString dir = m_migrationsDir.filePath(dialect + QString::number(QDateTime::currentMSecsSinceEpoch()));
    QDir().mkpath(dir);
    QFile::copy(QStringLiteral(":/migrations/%1/0001_init.sql").arg(dialect), dir + QStringLiteral("/0001_init.sql"));
    QFile extra(dir + u'/' + fileName);
    if (extra.open(QIODevice::WriteOnly))
        extra.write(sql.toUtf8());
    return dir;
}

int TestStorage::count(Database& db, const QString& sql)
{
    QSqlQuery query(db.handle());
    if (!query.exec(sql) || !query.next())
        return -1;
    return query.value(0).toInt();
}

bool TestStorage::exec(Database& db, const QString& sql, QString* error)
{
    QSqlQuery query(db.handle());
    const bool ok = query.exec(sql);
    if (error)
        *error = query.lastError().text();
    return ok;
}

Site TestStorage::site(const QString& name)
{
    Site site;
    site.name = name;
    site.timeZone = QStringLiteral("Asia/Kathmandu");
    site.windows = QStringLiteral("Mon-Fri 02:00-04:00");
    return site;
}

Station TestStorage::station(const QString& name, const QString& siteName)
{
    Station station;
    station.name = name;
    station.site = siteName;
    station.ansibleHost = name + QStringLiteral(".example.org");
    station.metricsUrls = {QStringLiteral("http://%1:9100/metrics").arg(name),
                           QStringLiteral("http://%1:8080/metrics?x=\"1\"").arg(name)};
    station.labels = {{QStringLiteral("role"), QStringLiteral("ticketing")},
                      {QStringLiteral("floor"), QStringLiteral("2 \"east\" — Zürich")}};
    return station;
}

void TestStorage::initTestCase()
{
    qInfo("Backend: %s", qPrintable(m_backend.name()));
    QVERIFY(m_migrationsDir.isValid());
}

void TestStorage::init()
{
    QTest::failOnWarning(QRegularExpression(QStringLiteral("still in use|duplicate connection|Unable to free")));
    auto url = m_backend.createFresh();
    QVERIFY2(url.ok(), qPrintable(url.ok() ? QString() : url.error().message()));
    m_url = *url;
}

void TestStorage::cleanup()
{
    m_backend.dropFresh();
}

void TestStorage::migrationsApplied()
{
    auto db = open();
    QVERIFY(db);
    QCOMPARE(db->schemaVersion(), 1);
    QSqlQuery query(db->handle());
    QVERIFY(query.exec(QStringLiteral("SELECT version, name, applied_at, app_version FROM schema_version")));
    QVERIFY(query.next());
    QCOMPARE(query.value(0).toInt(), 1);
    QCOMPARE(query.value(1).toString(), QStringLiteral("init"));
    const QString appliedAt = query.value(2).toString();
    QVERIFY2(appliedAt.endsWith(u'Z'), qPrintable(appliedAt));
    QVERIFY(QDateTime::fromString(appliedAt, Qt::ISODateWithMs).isValid());
    QCOMPARE(query.value(3).toString(), QStringLiteral(STATIONDECK_VERSION));
    QVERIFY(!query.next());
    for (const char* table : {"sites", "stations", "audit_log"})
        QCOMPARE(count(*db, QStringLiteral("SELECT count(*) FROM %1").arg(QLatin1String(table))), 0);
}

void TestStorage::reopenKeepsSchema()
{
    {
        auto db = open();
        QVERIFY(db);
        QVERIFY(SiteRepository(*db).insert(site(QStringLiteral("Kathmandu"))).ok());
    }
    auto db = open();
    QVERIFY(db);
    QCOMPARE(db->schemaVersion(), 1);
    QCOMPARE(count(*db, QStringLiteral("SELECT count(*) FROM schema_version")), 1);
    QCOMPARE(count(*db, QStringLiteral("SELECT count(*) FROM sites")), 1);
}

void TestStorage::newMigrationApplied()
{
    QVERIFY(open());
    const QString dir
        = migrationsWith(QStringLiteral("0002_notes.sql"),
                         QStringLiteral("-- a second migration\nCREATE TABLE notes (body TEXT NOT NULL);\n"
                                        "INSERT INTO notes (body) VALUES ('first; note');\n"));
    auto db = open(dir);
    QVERIFY(db);
    QCOMPARE(db->schemaVersion(), 2);
    QCOMPARE(count(*db, QStringLiteral("SELECT count(*) FROM schema_version")), 2);
    QCOMPARE(count(*db, QStringLiteral("SELECT count(*) FROM notes")), 1);
}

void TestStorage::failedMigrationRollsBack()
{
    const QString dir = migrationsWith(QStringLiteral("0002_broken.sql"),
                                       QStringLiteral("CREATE TABLE extra (a INTEGER);\n"
                                                      "INSERT INTO extra (a) VALUES (1);\n"
                                                      "CREATE TABLE oops (a INTEGER,);\n"));
    auto failed = Database::open(m_url, dir);
    QVERIFY(!failed.ok());
    const QString message = failed.error().message();
    qInfo("%s", qPrintable(message));
    QVERIFY2(message.startsWith(QStringLiteral("Migration 0002_broken.sql failed on ") + m_url.displayString()),
             qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("line 3")), qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("syntax error")), qPrintable(message));

    auto db = open();
    QVERIFY(db);
    QCOMPARE(db->schemaVersion(), 1);
    QString error;
    QVERIFY(!exec(*db, QStringLiteral("SELECT count(*) FROM extra"), &error));
}

void TestStorage::newerSchemaRefused()
{
    {
        auto db = open();
        QVERIFY(db);
        QVERIFY(SiteRepository(*db).insert(site(QStringLiteral("Kathmandu"))).ok());
        QVERIFY(exec(*db,
                     QStringLiteral("INSERT INTO schema_version (version, name, applied_at, app_version) "
                                    "VALUES (7, 'future', '2030-01-01T00:00:00.000Z', '9.0.0')")));
    }
    QByteArray before;
    if (m_backend.isSqlite()) {
        QFile file(m_url.sqlitePath());
        QVERIFY(file.open(QIODevice::ReadOnly));
        before = QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256);
    }

    auto refused = Database::open(m_url);
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error().message(),
             QStringLiteral("The database at %1 was written by a newer Stationdeck (schema version 7; this build knows "
                            "up to 1). Upgrade Stationdeck or choose another database.")
                 .arg(m_url.displayString()));

    if (m_backend.isSqlite()) {
        QFile file(m_url.sqlitePath());
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256), before);
    }
    // Look with a build that knows version 7, so that the check passes.
    QString dir = migrationsWith(QStringLiteral("0007_future.sql"), QStringLiteral("SELECT 1;"));
    auto db = open(dir);
    QVERIFY(db);
    QCOMPARE(count(*db, QStringLiteral("SELECT count(*) FROM schema_version")), 2);
    QCOMPARE(count(*db, QStringLiteral("SELECT count(*) FROM sites")), 1);
}

void TestStorage::siteRoundTrip()
{
    auto db = open();
    QVERIFY(db);
    SiteRepository sites(*db);
    Site pokhara = site(QStringLiteral("Pokhara"));
    Site kathmandu = site(QStringLiteral("Kathmandu"));
    kathmandu.windows.clear();
    auto id = sites.insert(pokhara);
    QVERIFY(id.ok());
    pokhara.id = *id;
    id = sites.insert(kathmandu);
    QVERIFY(id.ok());
    kathmandu.id = *id;
    QVERIFY(kathmandu.id != pokhara.id);

    const auto found = sites.byName(QStringLiteral("Pokhara"));
    QVERIFY(found.ok() && found->has_value());
    QCOMPARE(found->value(), pokhara);
    QCOMPARE(sites.all().value(), (QList<Site>{kathmandu, pokhara}));

    pokhara.name = QStringLiteral("Pokhara Lakeside");
    pokhara.timeZone = QStringLiteral("UTC");
    pokhara.windows = QStringLiteral("Sat,Sun 23:30-01:30");
    pokhara.retired = true;
    QVERIFY(sites.update(pokhara).ok());
    QVERIFY(!sites.byName(QStringLiteral("Pokhara")).value().has_value());
    QCOMPARE(sites.byName(QStringLiteral("Pokhara Lakeside")).value().value(), pokhara);
    QCOMPARE(sites.all(true).value(), (QList<Site>{kathmandu, pokhara}));
    QCOMPARE(sites.all(false).value(), QList<Site>{kathmandu});
}

void TestStorage::stationRoundTrip()
{
    auto db = open();
    QVERIFY(db);
    QVERIFY(SiteRepository(*db).insert(site(QStringLiteral("Kathmandu"))).ok());
    QVERIFY(SiteRepository(*db).insert(site(QStringLiteral("Pokhara"))).ok());
    StationRepository stations(*db);
    Station b = station(QStringLiteral("ktm-b"), QStringLiteral("Kathmandu"));
    Station a = station(QStringLiteral("ktm-a"), QStringLiteral("Kathmandu"));
    a.source = Station::Source::Manual;
    a.labels.clear();
    a.metricsUrls.clear();
    auto id = stations.insert(b);
    QVERIFY(id.ok());
    b.id = *id;
    id = stations.insert(a);
    QVERIFY(id.ok());
    a.id = *id;

    QCOMPARE(stations.byName(QStringLiteral("ktm-b")).value().value(), b);
    QCOMPARE(stations.all().value(), (QList<Station>{a, b}));
    QVERIFY(!stations.byName(QStringLiteral("nope")).value().has_value());

    b.name = QStringLiteral("pkr-b");
    b.site = QStringLiteral("Pokhara");
    b.labels.insert(QStringLiteral("moved"), QStringLiteral("yes"));
    b.metricsUrls.append(QStringLiteral("https://pkr-b/metrics"));
    b.retired = true;
    b.source = Station::Source::Manual;
    QVERIFY(stations.update(b).ok());
    QCOMPARE(stations.byName(QStringLiteral("pkr-b")).value().value(), b);
    QCOMPARE(stations.all(false).value(), QList<Station>{a});

    QSqlQuery query(db->handle());
    QVERIFY(query.exec(QStringLiteral("SELECT metrics_urls, labels FROM stations WHERE name = 'pkr-b'")));
    QVERIFY(query.next());
    QCOMPARE(QJsonDocument::fromJson(query.value(0).toString().toUtf8()).array().size(), 3);
    QCOMPARE(QJsonDocument::fromJson(query.value(1).toString().toUtf8()).object().value(QStringLiteral("moved")),
             QJsonValue(QStringLiteral("yes")));
}

void TestStorage::unknownSite()
{
    auto db = open();
    QVERIFY(db);
    const auto id = StationRepository(*db).insert(station(QStringLiteral("ktm-a"), QStringLiteral("Nowhere")));
    QVERIFY(!id.ok());
    QCOMPARE(id.error().message(),
             QStringLiteral("Could not add station \"ktm-a\": there is no site named \"Nowhere\"."));
    QCOMPARE(count(*db, QStringLiteral("SELECT count(*) FROM stations")), 0);
}

void TestStorage::duplicateNames()
{
    auto db = open();
    QVERIFY(db);
    SiteRepository sites(*db);
    StationRepository stations(*db);
    QVERIFY(sites.insert(site(QStringLiteral("Kathmandu"))).ok());
    auto again = sites.insert(site(QStringLiteral("Kathmandu")));
    QVERIFY(!again.ok());
    QCOMPARE(again.error().message(), QStringLiteral("A site named \"Kathmandu\" already exists."));

    QVERIFY(stations.insert(station(QStringLiteral("ktm-a"), QStringLiteral("Kathmandu"))).ok());
    auto dup = stations.insert(station(QStringLiteral("ktm-a"), QStringLiteral("Kathmandu")));
    QVERIFY(!dup.ok());
    QCOMPARE(dup.error().message(), QStringLiteral("A station named \"ktm-a\" already exists."));

    auto other = stations.insert(station(QStringLiteral("ktm-b"), QStringLiteral("Kathmandu")));
    QVERIFY(other.ok());
    Station renamed = stations.byName(QStringLiteral("ktm-b")).value().value();
    renamed.name = QStringLiteral("ktm-a");
    const auto update = stations.update(renamed);
    QVERIFY(!update.ok());
    QVERIFY2(update.error().message().contains(QStringLiteral("\"ktm-a\"")), qPrintable(update.error().message()));
    QCOMPARE(count(*db, QStringLiteral("SELECT count(*) FROM stations")), 2);
}

void TestStorage::updateMissingRow()
{
    auto db = open();
    QVERIFY(db);
    Site ghost = site(QStringLiteral("Ghost"));
    ghost.id = 4242;
    const auto updated = SiteRepository(*db).update(ghost);
    QVERIFY(!updated.ok());
    QVERIFY2(updated.error().message().contains(QStringLiteral("4242")), qPrintable(updated.error().message()));
}

void TestStorage::transactionRollsBack()
{
    auto db = open();
    QVERIFY(db);
    SiteRepository sites(*db);
    QVERIFY(sites.insert(site(QStringLiteral("Kathmandu"))).ok());

    auto result = db->transaction([&]() -> Result<void> {
        if (auto id = sites.insert(site(QStringLiteral("Pokhara"))); !id)
            return id.error();
        return Error(QStringLiteral("The operator cancelled."));
    });
    QVERIFY(!result.ok());
    QCOMPARE(result.error().message(), QStringLiteral("The operator cancelled."));

    // A failing statement half-way: the earlier insert goes too.
    result = db->transaction([&]() -> Result<void> {
        if (auto id = sites.insert(site(QStringLiteral("Pokhara"))); !id)
            return id.error();
        if (auto id = sites.insert(site(QStringLiteral("Kathmandu"))); !id)
            return id.error();
        return {};
    });
    QVERIFY(!result.ok());
    QCOMPARE(result.error().message(), QStringLiteral("A site named \"Kathmandu\" already exists."));
    QCOMPARE(sites.all().value().size(), 1);

    result = db->transaction([&]() -> Result<void> {
        if (auto id = sites.insert(site(QStringLiteral("Pokhara"))); !id)
            return id.error();
        return {};
    });
    QVERIFY(result.ok());
    QCOMPARE(sites.all().value().size(), 2);
}

void TestStorage::transactionCommitFailure()
{
    auto db = open();
    QVERIFY(db);
    // A deferred foreign key is checked at COMMIT only.
    QVERIFY(exec(*db, QStringLiteral("CREATE TABLE parent_t (id INTEGER PRIMARY KEY)")));
    QVERIFY(exec(*db,
                 QStringLiteral("CREATE TABLE child_t (id INTEGER PRIMARY KEY, parent_id INTEGER "
                                "REFERENCES parent_t (id) DEFERRABLE INITIALLY DEFERRED)")));
    SiteRepository sites(*db);
    auto result = db->transaction([&]() -> Result<void> {
        if (auto id = sites.insert(site(QStringLiteral("Pokhara"))); !id)
            return id.error();
        if (!exec(*db, QStringLiteral("INSERT INTO child_t (id, parent_id) VALUES (1, 99)")))
            return Error(QStringLiteral("The insert failed early."));
        return {};
    });
    QVERIFY(!result.ok());
    qInfo("%s", qPrintable(result.error().message()));
    QVERIFY2(result.error().message().startsWith(QStringLiteral("Could not commit to ") + m_url.displayString()),
             qPrintable(result.error().message()));
    QCOMPARE(sites.all().value().size(), 0);
    QCOMPARE(count(*db, QStringLiteral("SELECT count(*) FROM child_t")), 0);
    // The connection is usable afterwards.
    QVERIFY(db->transaction([&]() -> Result<void> { return Result<void>(); }).ok());
    QVERIFY(sites.insert(site(QStringLiteral("Pokhara"))).ok());
}

void TestStorage::transactionNotReentrant()
{
    auto db = open();
    QVERIFY(db);
    Result<void> inner;
    const auto outer = db->transaction([&]() -> Result<void> {
        inner = db->transaction([]() -> Result<void> { return {}; });
        return {};
    });
    QVERIFY(outer.ok());
    QVERIFY(!inner.ok());
    QVERIFY(inner.error().message().contains(QStringLiteral("do not nest")));
}

void TestStorage::auditAppendAndRecent()
{
    auto db = open();
    QVERIFY(db);
    AuditLog log(*db);
    const QDateTime start = QDateTime(QDate(2024, 3, 31), QTime(1, 30), QTimeZone::utc());
    QList<qint64> ids;
    for (int i = 0; i < 3; ++i) {
        AuditEntry entry;
        entry.at = start.addSecs(60 * i);
        entry.actor = QStringLiteral("alice");
        entry.action = QStringLiteral("station.edit");
        entry.subject = QStringLiteral("ktm-%1").arg(i);
        entry.details = {{QStringLiteral("index"), i}, {QStringLiteral("note"), QStringLiteral("ünïcode \"q\"")}};
        auto id = log.append(entry);
        QVERIFY(id.ok());
        ids.append(*id);
    }
    QVERIFY(ids[0] < ids[1] && ids[1] < ids[2]);

    const auto recent = log.recent();
    QVERIFY(recent.ok());
    QCOMPARE(recent->size(), 3);
    QCOMPARE(recent->at(0).id, ids[2]);
    QCOMPARE(recent->at(2).id, ids[0]);
    QCOMPARE(recent->at(0).at, start.addSecs(120));
    QCOMPARE(recent->at(0).at.timeSpec(), Qt::UTC);
    QCOMPARE(recent->at(0).subject, QStringLiteral("ktm-2"));
    QCOMPARE(recent->at(0).details.value(QStringLiteral("note")).toString(), QStringLiteral("ünïcode \"q\""));
    QCOMPARE(log.recent(2).value().size(), 2);

    QSqlQuery query(db->handle());
    QVERIFY(query.exec(QStringLiteral("SELECT at FROM audit_log ORDER BY id")));
    QVERIFY(query.next());
    QCOMPARE(query.value(0).toString(), QStringLiteral("2024-03-31T01:30:00.000Z"));
}

void TestStorage::auditIsAppendOnly()
{
    auto db = open();
    QVERIFY(db);
    AuditEntry entry;
    entry.actor = QStringLiteral("alice");
    entry.action = QStringLiteral("site.retire");
    entry.subject = QStringLiteral("Pokhara");
    QVERIFY(AuditLog(*db).append(entry).ok());

    QString error;
    QVERIFY(!exec(*db, QStringLiteral("UPDATE audit_log SET actor = 'mallory'"), &error));
    QVERIFY2(error.contains(QStringLiteral("append-only")), qPrintable(error));
    QVERIFY(!exec(*db, QStringLiteral("DELETE FROM audit_log"), &error));
    QVERIFY2(error.contains(QStringLiteral("append-only")), qPrintable(error));
    if (!m_backend.isSqlite()) {
        QVERIFY(!exec(*db, QStringLiteral("TRUNCATE audit_log"), &error));
        QVERIFY2(error.contains(QStringLiteral("append-only")), qPrintable(error));
    }
    const auto entries = AuditLog(*db).recent();
    QCOMPARE(entries->size(), 1);
    QCOMPARE(entries->at(0).actor, QStringLiteral("alice"));
}

void TestStorage::foreignKeysEnforced()
{
    auto db = open();
    QVERIFY(db);
    QString error;
    QVERIFY(!exec(*db,
                  QStringLiteral("INSERT INTO stations (name, site_id, ansible_host, metrics_urls, labels, source) "
                                 "VALUES ('x', 999, 'x', '[]', '{}', 'manual')"),
                  &error));
    QVERIFY2(error.contains(QStringLiteral("foreign key"), Qt::CaseInsensitive), qPrintable(error));
    QVERIFY(SiteRepository(*db).insert(site(QStringLiteral("Kathmandu"))).ok());
    QVERIFY(StationRepository(*db).insert(station(QStringLiteral("ktm-a"), QStringLiteral("Kathmandu"))).ok());
    QVERIFY(!exec(*db, QStringLiteral("DELETE FROM sites"), &error));
    QCOMPARE(count(*db, QStringLiteral("SELECT count(*) FROM sites")), 1);
}

void TestStorage::sqliteSettings()
{
    if (!m_backend.isSqlite())
        QSKIP("SQLite only");
    auto db = open();
    QVERIFY(db);
    QSqlQuery query(db->handle());
    QVERIFY(query.exec(QStringLiteral("PRAGMA journal_mode")) && query.next());
    QCOMPARE(query.value(0).toString(), QStringLiteral("wal"));
    QVERIFY(query.exec(QStringLiteral("PRAGMA foreign_keys")) && query.next());
    QCOMPARE(query.value(0).toInt(), 1);
    QVERIFY(query.exec(QStringLiteral("PRAGMA busy_timeout")) && query.next());
    QVERIFY(query.value(0).toInt() > 0);
}

void TestStorage::connectionsAreSeparate()
{
    auto first = open();
    auto second = open();
    QVERIFY(first && second);
    const QString firstName = first->handle().connectionName();
    QVERIFY(firstName != second->handle().connectionName());
    QVERIFY(SiteRepository(*first).insert(site(QStringLiteral("Kathmandu"))).ok());
    QVERIFY(SiteRepository(*second).byName(QStringLiteral("Kathmandu")).value().has_value());
    first.reset();
    QVERIFY(!QSqlDatabase::contains(firstName));
    QCOMPARE(SiteRepository(*second).all().value().size(), 1);
}

void TestStorage::openErrorHidesPassword()
{
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost));
    const quint16 port = probe.serverPort();
    probe.close(); // nothing listens there now
    const auto url = DatabaseUrl::parse(QStringLiteral("postgresql://ops:hunter22secret@127.0.0.1:%1/sd").arg(port));
    QVERIFY(url.ok());
    const auto db = Database::open(*url);
    QVERIFY(!db.ok());
    const QString message = db.error().message();
    qInfo("%s", qPrintable(message));
    QVERIFY2(message.startsWith(
                 QStringLiteral("Could not open the database at postgresql://ops@127.0.0.1:%1/sd: ").arg(port)),
             qPrintable(message));
    QVERIFY(!message.contains(QStringLiteral("hunter22")));
}

void TestStorage::defaultLocationCreated()
{
    if (!m_backend.isSqlite())
        QSKIP("SQLite only");
    QStandardPaths::setTestModeEnabled(true);
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    QDir(folder).removeRecursively();
    {
        auto db = Database::open(DatabaseUrl::defaultSqlite());
        QVERIFY2(db.ok(), qPrintable(db.ok() ? QString() : db.error().message()));
        QVERIFY(QFile::exists(folder + QStringLiteral("/stationdeck.db")));
    }
    QVERIFY(QDir(folder).removeRecursively());
}

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    const auto postgresUrl = TestBackend::postgresUrlFromEnvironment();
    if (!postgresUrl) {
        qCritical("%s", qPrintable(postgresUrl.error().message()));
        return 1;
    }
    TestStorage test(*postgresUrl);
    return QTest::qExec(&test, argc, argv);
}

#include "tst_storage.moc"
