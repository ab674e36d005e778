// SPDX-License-Identifier: GPL-3.0-or-later
#include "health/SparklineDelegate.h"

#include <QApplication>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>
#include <limits>

namespace sd {

namespace {

constexpr int kMargin = 4;

// Lowest and highest finite values, or the fixed percent scale.
std::pair<double, double> bounds(const std::vector<double>& values, SparklineDelegate::Scale scale)
{
    if (scale == SparklineDelegate::Scale::Percent)
        return {0, 100};
    double low = std::numeric_limits<double>::infinity();
    double high = -std::numeric_limits<double>::infinity();
    for (const double value : values) {
        if (std::isfinite(value)) {
            low = std::min(low, value);
            high = std::max(high, value);
        }
    }
    return {low, high};
}

QPainterPath sparkline(const std::vector<double>& values, const QRectF& rect, SparklineDelegate::Scale scale)
{
    QPainterPath path;
    const auto [low, high] = bounds(values, scale);
    if (!(low <= high))
        return path;
    const double xStep = values.size() > 1 ? rect.width() / double(values.size() - 1) : 0;
    bool drawing = false;
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (!std::isfinite(values[i])) {
            drawing = false;
            continue;
        }
        const double share = high > low ? (std::clamp(values[i], low, high) - low) / (high - low) : 0.5;
        const QPointF point(rect.left() + xStep * double(i), rect.bottom() - share * rect.height());
        if (drawing) {
            path.lineTo(point);
        } else {
            path.moveTo(point);
            path.lineTo(point); // a lone sample shows as a dot (round cap)
        }
        drawing = true;
    }
    return path;
}

} // namespace

SparklineDelegate::SparklineDelegate(int valuesRole, Scale scale, QObject* parent)
    : QStyledItemDelegate(parent)
    , m_valuesRole(valuesRole)
    , m_scale(scale)
{ }

std::vector<double> SparklineDelegate::valuesOf(const QVariant& data)
{
    if (data.metaType() == QMetaType::fromType<std::vector<double>>())
        return data.value<std::vector<double>>();
    if (data.metaType() == QMetaType::fromType<QList<double>>()) {
        const QList<double> list = data.value<QList<double>>();
        return {list.begin(), list.end()};
    }
    std::vector<double> values;
    if (data.metaType() == QMetaType::fromType<QVariantList>()) {
        const QVariantList list = data.toList();
        values.reserve(std::size_t(list.size()));
        for (const QVariant& item : list)
            values.push_back(item.toDouble());
    }
    return values;
}

void SparklineDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    const std::vector<double> values = valuesOf(index.data(m_valuesRole));
    if (values.empty()) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    QStyleOptionViewItem cell = option;
    initStyleOption(&cell, index);
    const QString text = cell.text;
    cell.text.clear();
    const QStyle* style = cell.widget != nullptr ? cell.widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &cell, painter, cell.widget);

    const bool selected = cell.state.testFlag(QStyle::State_Selected);
    const QPalette::ColorGroup group
        = cell.state.testFlag(QStyle::State_Active) ? QPalette::Active : QPalette::Inactive;
    const QColor textColor = cell.palette.color(group, selected ? QPalette::HighlightedText : QPalette::Text);
    QRect rect = cell.rect.adjusted(kMargin, kMargin, -kMargin, -kMargin);
    painter->save();
    painter->setFont(cell.font);
    if (!text.isEmpty()) {
        const int textWidth = cell.fontMetrics.horizontalAdvance(text);
        painter->setPen(textColor);
        painter->drawText(rect, Qt::AlignRight | Qt::AlignVCenter, text);
        rect.setRight(rect.right() - textWidth - kMargin);
    }
    if (rect.width() > 8) {
        QColor lineColor = selected ? textColor : cell.palette.color(group, QPalette::Highlight);
        QPen pen(lineColor, 1.5, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin);
        painter->setRenderHint(QPainter::Antialiasing);
        painter->setPen(pen);
        painter->setBrush(Qt::NoBrush);
        Scale scale = m_scale;
        if (m_percentRole >= 0)
            scale = index.data(m_percentRole).isValid() ? Scale::Percent : Scale::MinMax;
        painter->drawPath(sparkline(values, QRectF(rect), scale));
    }
    painter->restore();
}

QSize SparklineDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    size.setWidth(size.width() + 60 + kMargin);
    return size;
}

} // namespace sd
