// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStyledItemDelegate>

#include <vector>

namespace sd {

// Paints a small line of recent values in a table cell, with the cell's own text (the latest
// value, as the model formats it) right-aligned beside it.
//
// Role contract: `valuesRole` holds the values oldest first, as QList<double>, std::vector<double>
// (QVariant::fromValue) or a QVariantList of numbers. NaN breaks the line. Scale::MinMax spans the
// line from the lowest to the highest value shown (a flat line sits in the middle); Scale::Percent
// uses a fixed 0..100 so that cells compare. The line takes the palette's Highlight colour, or
// HighlightedText in a selected row. A cell without values paints as usual.
class SparklineDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    enum class Scale { MinMax, Percent };

    explicit SparklineDelegate(int valuesRole, Scale scale = Scale::MinMax, QObject* parent = nullptr);

    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;

    static std::vector<double> valuesOf(const QVariant& data);
    // Per cell: a cell with a valid value at `role` is drawn on the percent scale, any other with
    // MinMax (e.g. memory in % for a node, in bytes for an application endpoint).
    void setPercentScaleRole(int role) { m_percentRole = role; }

private:
    int m_valuesRole;
    Scale m_scale;
    int m_percentRole = -1;
};

} // namespace sd
