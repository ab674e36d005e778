// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/ColumnFitter.h"

#include <QAbstractItemView>
#include <QHeaderView>
#include <QTreeView>

namespace sd {

ColumnFitter::ColumnFitter(QAbstractItemView* view, QHeaderView* header, Rows rows, int maxWidth)
    : QObject(view)
    , m_view(view)
    , m_header(header)
    , m_maxWidth(maxWidth)
    , m_nested(rows == Rows::UnderFirstItem)
{
    connect(view->model(), &QAbstractItemModel::modelReset, this, &ColumnFitter::fit);
    connect(view->model(), &QAbstractItemModel::rowsInserted, this, &ColumnFitter::fit);
    connect(view->model(), &QAbstractItemModel::layoutChanged, this, &ColumnFitter::fit);
}

bool ColumnFitter::restore(const QByteArray& state)
{
    m_armed = !m_header->restoreState(state);
    fit();
    return !m_armed;
}

void ColumnFitter::fit()
{
    const QAbstractItemModel* model = m_view->model();
    const QModelIndex rowsParent = m_nested ? model->index(0, 0) : QModelIndex();
    if (!m_armed || (m_nested && !rowsParent.isValid()) || model->rowCount(rowsParent) == 0)
        return;
    m_armed = false;
    const bool stretch = m_header->stretchLastSection();
    m_header->setStretchLastSection(false);
    if (auto* tree = qobject_cast<QTreeView*>(m_view)) {
        // A tree lays out newly expanded items lazily; resizeColumnToContents() lays them out first.
        for (int section = 0; section < m_header->count(); ++section)
            tree->resizeColumnToContents(section);
    } else {
        m_header->resizeSections(QHeaderView::ResizeToContents);
    }
    for (int section = 0; section < m_header->count(); ++section)
        m_header->resizeSection(section, std::min(m_header->sectionSize(section), m_maxWidth) + 8);
    m_header->setStretchLastSection(stretch);
}

} // namespace sd
