// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCollator>
#include <QSortFilterProxyModel>
#include <QStringList>

namespace sd {

// Filters StationTableModel rows by free text (every word must match the station, its site,
// host, labels or metrics URLs), by site, and hides retired stations unless asked; sorts names
// naturally (ktm-2 before ktm-10).
class StationFilterModel : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit StationFilterModel(QObject* parent = nullptr);

    void setFilterText(const QString& text);
    void setSite(const QString& siteName); // empty: all sites
    void setShowRetired(bool show);
    QString site() const { return m_site; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;
    bool lessThan(const QModelIndex& left, const QModelIndex& right) const override;

private:
    QStringList m_words;
    QString m_site;
    bool m_showRetired = false;
    QCollator m_collator;
};

} // namespace sd
