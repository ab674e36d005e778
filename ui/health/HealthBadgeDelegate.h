// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStyledItemDelegate>

namespace sd {

// Paints a station's state as a badge (HealthBadge) instead of the cell's text. The state comes
// from `stateRole` as an int, static_cast<int>(HealthState); a cell without it paints as usual.
class HealthBadgeDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    explicit HealthBadgeDelegate(int stateRole, QObject* parent = nullptr);

    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;

private:
    int m_stateRole;
};

} // namespace sd
