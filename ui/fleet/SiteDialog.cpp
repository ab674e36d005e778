// SPDX-License-Identifier: GPL-3.0-or-later
#include "fleet/SiteDialog.h"

#include <QComboBox>
#include <QCompleter>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QTimeZone>
#include <QVBoxLayout>

namespace sd {

SiteDialog::SiteDialog(const Site& site, bool editing, Handler handler, QWidget* parent)
    : QDialog(parent)
    , m_handler(std::move(handler))
    , m_name(new QLineEdit(site.name, this))
    , m_zone(new QComboBox(this))
    , m_windows(new QLineEdit(site.windows, this))
    , m_error(new QLabel(this))
{
    setWindowTitle(editing ? tr("Edit site %1").arg(site.name) : tr("Add site"));
    m_name->setReadOnly(editing);
    m_zone->setEditable(true);
    m_zone->setInsertPolicy(QComboBox::NoInsert);
    for (const QByteArray& id : QTimeZone::availableTimeZoneIds())
        m_zone->addItem(QString::fromUtf8(id));
    m_zone->completer()->setFilterMode(Qt::MatchContains);
    m_zone->completer()->setCaseSensitivity(Qt::CaseInsensitive);
    m_zone->setCurrentText(site.timeZone);
    m_windows->setPlaceholderText(tr("e.g. Mon-Fri 02:00-04:00; Sat,Sun 00:00-06:00"));
    m_windows->setToolTip(tr("Maintenance windows in the site's local time, separated by ';'. "
                             "Each is HH:MM-HH:MM, optionally after days (Mon-Fri, Sat,Sun). "
                             "A window may cross midnight. Empty means no window."));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #c62828;"));
    m_error->hide();

    auto* form = new QFormLayout;
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("&Time zone:"), m_zone);
    form->addRow(tr("&Windows:"), m_windows);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &SiteDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &SiteDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
    resize(520, sizeHint().height());
}

Site SiteDialog::site() const
{
    Site site;
    site.name = m_name->text().trimmed();
    site.timeZone = m_zone->currentText().trimmed();
    site.windows = m_windows->text().trimmed();
    return site;
}

void SiteDialog::accept()
{
    if (auto done = m_handler(site()); !done) {
        m_error->setText(done.error().sentence());
        m_error->show();
        return;
    }
    QDialog::accept();
}

} // namespace sd
