// SPDX-License-Identifier: GPL-3.0-or-later
#include "health/HealthBadgeDelegate.h"

#include "health/HealthBadge.h"

#include <QApplication>
#include <QPainter>

#include <optional>

namespace sd {

namespace {

std::optional<HealthState> stateOf(const QModelIndex& index, int role)
{
    bool ok = false;
    const int value = index.data(role).toInt(&ok);
    if (!ok || value < int(HealthState::Unknown) || value > int(HealthState::LinkDown))
        return std::nullopt;
    return HealthState(value);
}

} // namespace

HealthBadgeDelegate::HealthBadgeDelegate(int stateRole, QObject* parent)
    : QStyledItemDelegate(parent)
    , m_stateRole(stateRole)
{ }

void HealthBadgeDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    const std::optional<HealthState> state = stateOf(index, m_stateRole);
    if (!state) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    QStyleOptionViewItem panel = option;
    initStyleOption(&panel, index);
    panel.text.clear();
    panel.icon = QIcon();
    const QStyle* style = panel.widget != nullptr ? panel.widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &panel, painter, panel.widget);
    painter->save();
    painter->setFont(panel.font);
    HealthBadge::paint(*painter, option.rect.adjusted(4, 2, -4, -2), *state);
    painter->restore();
}

QSize HealthBadgeDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    const std::optional<HealthState> state = stateOf(index, m_stateRole);
    if (!state)
        return QStyledItemDelegate::sizeHint(option, index);
    return HealthBadge::sizeHint(option.fontMetrics, *state) + QSize(8, 4);
}

} // namespace sd
