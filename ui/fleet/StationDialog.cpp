// SPDX-License-Identifier: GPL-3.0-or-later
#include "fleet/StationDialog.h"

#include "fleet/LabelText.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QVBoxLayout>

namespace sd {

StationDialog::StationDialog(const Station& station, const QStringList& siteNames, bool editing, Handler handler,
                             QWidget* parent)
    : QDialog(parent)
    , m_handler(std::move(handler))
    , m_name(new QLineEdit(station.name, this))
    , m_site(new QComboBox(this))
    , m_host(new QLineEdit(station.ansibleHost, this))
    , m_urls(new QPlainTextEdit(station.metricsUrls.join(QLatin1Char('\n')), this))
    , m_labels(new QLineEdit(LabelText::format(station.labels), this))
    , m_error(new QLabel(this))
{
    setWindowTitle(editing ? tr("Edit station %1").arg(station.name) : tr("Add station"));
    m_name->setReadOnly(editing);
    m_site->addItems(siteNames);
    m_site->setCurrentText(station.site);
    m_host->setPlaceholderText(tr("host name or address Ansible connects to"));
    m_urls->setPlaceholderText(tr("one URL per line; empty: http://<host>:9100/metrics"));
    m_urls->setTabChangesFocus(true);
    m_urls->setFixedHeight(m_urls->fontMetrics().lineSpacing() * 4 + 12);
    m_labels->setPlaceholderText(tr("e.g. region=apac, tier=edge"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #c62828;"));
    m_error->hide();

    auto* form = new QFormLayout;
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("&Site:"), m_site);
    form->addRow(tr("&Host:"), m_host);
    form->addRow(tr("&Metrics URLs:"), m_urls);
    form->addRow(tr("&Labels:"), m_labels);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &StationDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &StationDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    if (editing && station.source == Station::Source::Inventory) {
        auto* note = new QLabel(tr("This station comes from the Ansible inventory: the next import "
                                   "replaces changes made here."),
                                this);
        note->setWordWrap(true);
        layout->addWidget(note);
    }
    layout->addWidget(m_error);
    layout->addWidget(buttons);
    resize(560, sizeHint().height());
}

Result<Station> StationDialog::station() const
{
    Station station;
    station.name = m_name->text().trimmed();
    station.site = m_site->currentText();
    station.ansibleHost = m_host->text().trimmed();
    for (const QString& line : m_urls->toPlainText().split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
        if (!line.trimmed().isEmpty())
            station.metricsUrls.append(line.trimmed());
    }
    auto labels = LabelText::parse(m_labels->text());
    if (!labels)
        return labels.error();
    station.labels = *labels;
    return station;
}

void StationDialog::showError(const QString& message)
{
    m_error->setText(message);
    m_error->show();
}

void StationDialog::accept()
{
    auto current = station();
    if (!current)
        return showError(current.error().sentence());
    if (auto done = m_handler(*current); !done)
        return showError(done.error().sentence());
    QDialog::accept();
}

} // namespace sd
