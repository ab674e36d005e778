// SPDX-License-Identifier: GPL-3.0-or-later
#include "fleet/LabelText.h"

#include <QRegularExpression>
#include <QStringList>

namespace sd {

QString LabelText::format(const QMap<QString, QString>& labels)
{
    QStringList parts;
    for (auto it = labels.cbegin(); it != labels.cend(); ++it)
        parts.append(it.key() + QLatin1Char('=') + it.value());
    return parts.join(QStringLiteral(", "));
}

Result<QMap<QString, QString>> LabelText::parse(const QString& text)
{
    static const QRegularExpression separator(QStringLiteral("[,;]"));
    QMap<QString, QString> labels;
    for (const QString& part : text.split(separator, Qt::SkipEmptyParts)) {
        const QString pair = part.trimmed();
        if (pair.isEmpty())
            continue;
        const qsizetype eq = pair.indexOf(QLatin1Char('='));
        if (eq < 0)
            return Error(QStringLiteral("label \"%1\" has no value; write name=value").arg(pair));
        const QString name = pair.left(eq).trimmed();
        if (name.isEmpty())
            return Error(QStringLiteral("label \"%1\" has no name; write name=value").arg(pair));
        if (labels.contains(name))
            return Error(QStringLiteral("label \"%1\" is given twice").arg(name));
        labels.insert(name, pair.mid(eq + 1).trimmed());
    }
    return labels;
}

} // namespace sd
