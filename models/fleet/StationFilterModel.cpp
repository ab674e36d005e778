// SPDX-License-Identifier: GPL-3.0-or-later
#include "fleet/StationFilterModel.h"

#include "fleet/StationTableModel.h"

namespace sd {

StationFilterModel::StationFilterModel(QObject* parent)
    : QSortFilterProxyModel(parent)
{
    m_collator.setNumericMode(true);
    m_collator.setCaseSensitivity(Qt::CaseInsensitive);
    setSortRole(StationTableModel::SortRole);
}

void StationFilterModel::setFilterText(const QString& text)
{
    const QStringList words = text.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    if (words == m_words)
        return;
    m_words = words;
    invalidateFilter();
}

void StationFilterModel::setSite(const QString& siteName)
{
    if (siteName == m_site)
        return;
    m_site = siteName;
    invalidateFilter();
}

void StationFilterModel::setShowRetired(bool show)
{
    if (show == m_showRetired)
        return;
    m_showRetired = show;
    invalidateFilter();
}

bool StationFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    if (!m_showRetired && index.data(StationTableModel::RetiredRole).toBool())
        return false;
    if (!m_site.isEmpty() && index.data(StationTableModel::SiteNameRole).toString() != m_site)
        return false;
    if (m_words.isEmpty())
        return true;
    const QString haystack = index.data(StationTableModel::SearchTextRole).toString();
    return std::all_of(m_words.cbegin(), m_words.cend(),
                       [&](const QString& word) { return haystack.contains(word, Qt::CaseInsensitive); });
}

bool StationFilterModel::lessThan(const QModelIndex& left, const QModelIndex& right) const
{
    const QVariant a = left.data(sortRole());
    const QVariant b = right.data(sortRole());
    if (a.typeId() == QMetaType::QString && b.typeId() == QMetaType::QString) {
        const int order = m_collator.compare(a.toString(), b.toString());
        if (order != 0)
            return order < 0;
    } else if (QVariant::compare(a, b) != QPartialOrdering::Equivalent) {
        return QVariant::compare(a, b) == QPartialOrdering::Less;
    }
    // Stable and meaningful ties: by station name.
    const QModelIndex leftName = left.siblingAtColumn(StationTableModel::NameColumn);
    const QModelIndex rightName = right.siblingAtColumn(StationTableModel::NameColumn);
    return m_collator.compare(leftName.data(Qt::DisplayRole).toString(), rightName.data(Qt::DisplayRole).toString())
        < 0;
}

} // namespace sd
