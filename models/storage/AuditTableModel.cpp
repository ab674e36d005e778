// SPDX-License-Identifier: GPL-3.0-or-later
#include "storage/AuditTableModel.h"

#include "storage/AuditLog.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace sd {

namespace {

// "added: ktm-01, ktm-02, ktm-03 and 10 more; unchanged: 0" — the full JSON is in the tool tip.
QString summary(const QJsonObject& details)
{
    QStringList parts;
    for (auto it = details.constBegin(); it != details.constEnd(); ++it) {
        const QJsonValue value = it.value();
        QString text;
        if (value.isArray()) {
            const QJsonArray array = value.toArray();
            if (array.isEmpty())
                continue;
            QStringList names;
            for (qsizetype i = 0; i < std::min<qsizetype>(array.size(), 3); ++i)
                names.append(
                    array.at(i).isString()
                        ? array.at(i).toString()
                        : QString::fromUtf8(QJsonDocument(QJsonArray{array.at(i)}).toJson(QJsonDocument::Compact)));
            text = names.join(QStringLiteral(", "));
            if (array.size() > 3)
                text += QStringLiteral(" and %1 more").arg(array.size() - 3);
        } else if (value.isObject()) {
            text = QStringLiteral("{…}");
        } else if (value.isBool()) {
            text = value.toBool() ? QStringLiteral("yes") : QStringLiteral("no");
        } else {
            text = value.toVariant().toString();
        }
        parts.append(it.key() + QStringLiteral(": ") + text);
    }
    return parts.join(QStringLiteral("; "));
}

} // namespace

AuditTableModel::AuditTableModel(Database& db, QObject* parent)
    : QAbstractTableModel(parent)
    , m_db(db)
{ }

Result<void> AuditTableModel::reload(int limit)
{
    auto entries = AuditLog(m_db).recent(limit);
    if (!entries)
        return entries.error();
    beginResetModel();
    m_entries = std::move(entries.value());
    endResetModel();
    return {};
}

int AuditTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int AuditTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AuditTableModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const AuditEntry& entry = m_entries.at(index.row());
    if (role == SortRole && index.column() == WhenColumn)
        return entry.id;
    if (role == Qt::ToolTipRole && index.column() == WhenColumn)
        return entry.at.toString(Qt::ISODate);
    if (role == Qt::ToolTipRole && index.column() == DetailsColumn)
        return QString::fromUtf8(QJsonDocument(entry.details).toJson(QJsonDocument::Indented));
    if (role != Qt::DisplayRole && role != SortRole)
        return {};
    switch (index.column()) {
    case WhenColumn:
        return entry.at.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    case ActorColumn:
        return entry.actor;
    case ActionColumn:
        return entry.action;
    case SubjectColumn:
        return entry.subject;
    case DetailsColumn:
        return summary(entry.details);
    default:
        return {};
    }
}

QVariant AuditTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case WhenColumn:
        return tr("When");
    case ActorColumn:
        return tr("Who");
    case ActionColumn:
        return tr("Action");
    case SubjectColumn:
        return tr("Subject");
    case DetailsColumn:
        return tr("Details");
    default:
        return {};
    }
}

} // namespace sd
