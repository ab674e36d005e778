// SPDX-License-Identifier: GPL-3.0-or-later
#include "storage/Migration.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>

namespace sd {

QString Migration::builtInDirectory(DatabaseUrl::Kind kind)
{
    return kind == DatabaseUrl::Kind::Sqlite ? QStringLiteral(":/migrations/sqlite")
                                             : QStringLiteral(":/migrations/postgresql");
}

Result<QList<Migration>> Migration::loadDirectory(const QString& directory)
{
    static const QRegularExpression pattern(QStringLiteral("^([0-9]{4})_([a-z0-9_]+)\\.sql$"));
    const QDir dir(directory);
    QList<Migration> migrations;
    const QStringList files = dir.entryList({QStringLiteral("*.sql")}, QDir::Files, QDir::Name);
    for (const QString& fileName : files) {
        const QRegularExpressionMatch match = pattern.match(fileName);
        if (!match.hasMatch())
            return Error(QStringLiteral("The migration file %1 in %2 is not named NNNN_name.sql (four digits, "
                                        "then lower-case letters, digits and underscores).")
                             .arg(fileName, directory));
        QFile file(dir.filePath(fileName));
        if (!file.open(QIODevice::ReadOnly))
            return Error(
                QStringLiteral("Could not read the migration file %1: %2.").arg(file.fileName(), file.errorString()));
        Migration migration;
        migration.version = match.captured(1).toInt();
        migration.name = match.captured(2);
        migration.fileName = fileName;
        migration.sql = QString::fromUtf8(file.readAll());
        if (migration.version == 0)
            return Error(QStringLiteral("The migration file %1 in %2 has version 0; versions start at 0001.")
                             .arg(fileName, directory));
        if (!migrations.isEmpty() && migrations.constLast().version == migration.version)
            return Error(QStringLiteral("The migration files %1 and %2 in %3 have the same version number.")
                             .arg(migrations.constLast().fileName, fileName, directory));
        migrations.append(migration);
    }
    if (migrations.isEmpty())
        return Error(QStringLiteral("There are no migration files (NNNN_name.sql) in %1.").arg(directory));
    return migrations;
}

} // namespace sd
