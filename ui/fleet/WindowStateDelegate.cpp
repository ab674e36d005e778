// SPDX-License-Identifier: GPL-3.0-or-later
#include "fleet/WindowStateDelegate.h"

#include <QPainter>
#include <QPixmap>

namespace sd {

namespace {

QIcon dot(const QColor& color)
{
    QPixmap pixmap(12, 12);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(Qt::NoPen);
    painter.setBrush(color);
    painter.drawEllipse(QRectF(2, 2, 8, 8));
    return QIcon(pixmap);
}

} // namespace

WindowStateDelegate::WindowStateDelegate(int openRole, QObject* parent)
    : QStyledItemDelegate(parent)
    , m_openRole(openRole)
{ }

void WindowStateDelegate::initStyleOption(QStyleOptionViewItem* option, const QModelIndex& index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    const QVariant open = index.data(m_openRole);
    if (!open.isValid() || option->text.isEmpty())
        return;
    static const QIcon openDot = dot(QColor(0x2e, 0xa0, 0x43));
    static const QIcon closedDot = dot(QColor(0x9a, 0xa0, 0xa6));
    option->icon = open.toBool() ? openDot : closedDot;
    option->features |= QStyleOptionViewItem::HasDecoration;
    option->decorationSize = QSize(12, 12);
}

} // namespace sd
