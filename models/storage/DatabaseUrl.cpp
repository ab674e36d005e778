// SPDX-License-Identifier: GPL-3.0-or-later
#include "storage/DatabaseUrl.h"

#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>
#include <QUrl>

namespace sd {

namespace {

// The text as it may be shown in an error: any password in it replaced by "***". When unsure
// where the user part ends, more is hidden rather than less.
QString redacted(const QString& text)
{
    const qsizetype schemeEnd = text.indexOf(QStringLiteral("://"));
    const qsizetype restStart = schemeEnd < 0 ? 0 : schemeEnd + 3;
    const qsizetype at = text.lastIndexOf(u'@');
    if (at < restStart)
        return text;
    const qsizetype colon = text.indexOf(u':', restStart);
    if (colon < 0 || colon > at)
        return text;
    return text.left(colon + 1) + QStringLiteral("***") + text.mid(at);
}

Error badUrl(const QString& text, const QString& problem)
{
    return Error(QStringLiteral("The database URL \"%1\" %2.").arg(redacted(text), problem));
}

} // namespace

Result<DatabaseUrl> DatabaseUrl::parse(const QString& input)
{
    const QString text = input.trimmed();
    if (text.isEmpty())
        return Error(QStringLiteral("The database URL is empty; use sqlite:/path/file.db or "
                                    "postgresql://user@host:port/database."));
    if (text.startsWith(QStringLiteral("sqlite:"), Qt::CaseInsensitive))
        return parseSqlite(text);
    if (text.startsWith(QStringLiteral("postgresql://"), Qt::CaseInsensitive)
        || text.startsWith(QStringLiteral("postgres://"), Qt::CaseInsensitive))
        return parsePostgresql(text);
    const qsizetype colon = text.indexOf(u':');
    if (colon > 0)
        return badUrl(
            text,
            QStringLiteral("uses the unsupported scheme \"%1\" (use sqlite: or postgresql:)").arg(text.left(colon)));
    return badUrl(text, QStringLiteral("has no scheme (use sqlite:/path/file.db or postgresql://user@host/database)"));
}

Result<DatabaseUrl> DatabaseUrl::parseSqlite(const QString& text)
{
    QString path = text.mid(QStringLiteral("sqlite:").size());
    if (path.startsWith(QStringLiteral("///")))
        path = path.mid(2);
    else if (path.startsWith(QStringLiteral("//")))
        return badUrl(text,
                      QStringLiteral("names a host; SQLite files are local (use sqlite:/path/file.db or "
                                     "sqlite:///path/file.db)"));
    if (path.isEmpty())
        return badUrl(text, QStringLiteral("has no file path"));
    if (path == QStringLiteral("~") || path.startsWith(QStringLiteral("~/")))
        path = QDir::homePath() + path.mid(1);
    if (path.endsWith(u'/'))
        return badUrl(text, QStringLiteral("names a folder, not a database file"));
    DatabaseUrl url;
    url.m_kind = Kind::Sqlite;
    url.m_path = QDir::cleanPath(QFileInfo(path).absoluteFilePath());
    return url;
}

Result<DatabaseUrl> DatabaseUrl::parsePostgresql(const QString& text)
{
    const QUrl qurl(text, QUrl::StrictMode);
    if (!qurl.isValid())
        return badUrl(text, QStringLiteral("is not a valid URL (%1)").arg(qurl.errorString().section(u';', 0, 0)));
    if (qurl.host().isEmpty())
        return badUrl(text, QStringLiteral("has no host"));
    if (qurl.hasQuery() || qurl.hasFragment())
        return badUrl(text,
                      QStringLiteral("has a query or fragment, which Stationdeck does not support; put "
                                     "connection settings into ~/.pg_service.conf or PG* variables"));
    const int port = qurl.port(5432);
    if (port < 1 || port > 65535)
        return badUrl(text, QStringLiteral("has port %1, which is not between 1 and 65535").arg(port));
    const QString database = qurl.path(QUrl::FullyDecoded).mid(1);
    if (database.isEmpty())
        return badUrl(text, QStringLiteral("has no database name (add /name after the host)"));
    if (database.contains(u'/'))
        return badUrl(text, QStringLiteral("has a path with more than a database name"));
    DatabaseUrl url;
    url.m_kind = Kind::Postgresql;
    url.m_host = qurl.host(QUrl::FullyDecoded);
    url.m_port = port;
    url.m_user = qurl.userName(QUrl::FullyDecoded);
    url.m_password = qurl.password(QUrl::FullyDecoded);
    url.m_databaseName = database;
    return url;
}

DatabaseUrl DatabaseUrl::defaultSqlite()
{
    DatabaseUrl url;
    url.m_kind = Kind::Sqlite;
    url.m_path = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/stationdeck.db");
    return url;
}

QString DatabaseUrl::displayString() const
{
    if (m_kind == Kind::Sqlite)
        return QStringLiteral("sqlite:") + m_path;
    QUrl url;
    url.setScheme(QStringLiteral("postgresql"));
    url.setUserName(m_user, QUrl::DecodedMode);
    url.setHost(m_host, QUrl::DecodedMode);
    url.setPort(m_port);
    url.setPath(u'/' + m_databaseName, QUrl::DecodedMode);
    return url.toString(QUrl::FullyEncoded);
}

} // namespace sd
