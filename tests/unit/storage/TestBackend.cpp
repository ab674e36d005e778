// SPDX-License-Identifier: GPL-3.0-or-later
#include "TestBackend.h"

#include <QCoreApplication>
#include <QFile>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

namespace {

const QString adminConnection = QStringLiteral("tst-storage-admin");

// Runs one statement on the server's own database, through a short-lived connection.
sd::Result<void> runOnServer(const sd::DatabaseUrl& url, const QString& sql)
{
    sd::Result<void> result;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), adminConnection);
        db.setHostName(url.host());
        db.setPort(url.port());
        db.setUserName(url.user());
        db.setPassword(url.password());
        db.setDatabaseName(url.databaseName());
        if (!db.open()) {
            result = sd::Error(db.lastError().text());
        } else {
            QSqlQuery query(db);
            if (!query.exec(sql))
                result = sd::Error(query.lastError().text());
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(adminConnection);
    return result;
}

} // namespace

sd::Result<QString> TestBackend::postgresUrlFromEnvironment()
{
    const QString url = qEnvironmentVariable("STATIONDECK_TEST_PG_URL");
    if (!url.isEmpty())
        return url;
    const QString path = qEnvironmentVariable("STATIONDECK_TEST_PG_URL_FILE");
    if (path.isEmpty())
        return QString();
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return sd::Error(QStringLiteral("Cannot read the PostgreSQL URL from %1: %2.").arg(path, file.errorString()));
    return QString::fromUtf8(file.readAll()).trimmed();
}

TestBackend::TestBackend(QString postgresUrl)
    : m_postgresUrl(std::move(postgresUrl))
{ }

TestBackend::~TestBackend()
{
    dropFresh();
}

sd::Result<sd::DatabaseUrl> TestBackend::createFresh()
{
    dropFresh();
    if (isSqlite()) {
        m_dir = std::make_unique<QTemporaryDir>();
        if (!m_dir->isValid())
            return sd::Error(QStringLiteral("Cannot create a temporary folder."));
        return sd::DatabaseUrl::parse(QStringLiteral("sqlite:") + m_dir->filePath(QStringLiteral("test.db")));
    }
    auto server = sd::DatabaseUrl::parse(m_postgresUrl);
    if (!server)
        return server.error();
    const QString name = QStringLiteral("sd_tst_%1_%2").arg(QCoreApplication::applicationPid()).arg(++m_counter);
    if (auto created = runOnServer(*server, QStringLiteral("CREATE DATABASE %1").arg(name)); !created)
        return created.error();
    m_database = name;
    QString url = m_postgresUrl;
    url.replace(QRegularExpression(QStringLiteral("/[^/?]+$")), u'/' + name);
    return sd::DatabaseUrl::parse(url);
}

void TestBackend::dropFresh()
{
    m_dir.reset();
    if (m_database.isEmpty())
        return;
    const auto server = sd::DatabaseUrl::parse(m_postgresUrl);
    if (server) {
        if (auto dropped
            = runOnServer(*server, QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(m_database));
            !dropped)
            qWarning("Could not drop the test database %s: %s", qPrintable(m_database),
                     qPrintable(dropped.error().message()));
    }
    m_database.clear();
}
