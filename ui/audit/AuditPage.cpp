// SPDX-License-Identifier: GPL-3.0-or-later
#include "audit/AuditPage.h"

#include "common/ColumnFitter.h"
#include "core/Settings.h"

#include <QHeaderView>
#include <QLineEdit>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

namespace sd {

AuditPage::AuditPage(QAbstractItemModel& model, QWidget* parent)
    : QWidget(parent)
    , m_proxy(new QSortFilterProxyModel(this))
    , m_filter(new QLineEdit(this))
    , m_view(new QTableView(this))
{
    m_proxy->setSourceModel(&model);
    m_proxy->setFilterKeyColumn(-1);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_filter->setPlaceholderText(tr("Filter the audit log"));
    m_filter->setClearButtonEnabled(true);
    connect(m_filter, &QLineEdit::textChanged, m_proxy, &QSortFilterProxyModel::setFilterFixedString);

    m_view->setModel(m_proxy);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_columns = new ColumnFitter(m_view, m_view->horizontalHeader(), ColumnFitter::Rows::TopLevel, 420);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(m_filter);
    layout->addWidget(m_view);
}

void AuditPage::saveState() const
{
    QSettings().setValue(SettingsKeys::AuditHeader, m_view->horizontalHeader()->saveState());
}

void AuditPage::restoreState()
{
    m_columns->restore(QSettings().value(SettingsKeys::AuditHeader).toByteArray());
}

} // namespace sd
