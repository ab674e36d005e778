// SPDX-License-Identifier: GPL-3.0-or-later
#include "settings/SettingsDialog.h"

#include "settings/HealthSettingsPage.h"

#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QVBoxLayout>

namespace sd {

SettingsDialog::SettingsDialog(const Values& values, const QString& defaultDatabase, const QString& databaseInUse,
                               Handler handler, QWidget* parent)
    : QDialog(parent)
    , m_handler(std::move(handler))
    , m_database(new QLineEdit(values.databaseUrl, this))
    , m_inventory(new QLineEdit(values.inventoryPath, this))
    , m_signIn(new SignInSettingsPage(values.signInProfiles, values.activeProfile, this))
    , m_health(new HealthSettingsPage(values.health, this))
    , m_error(new QLabel(this))
{
    setWindowTitle(tr("Settings"));
    m_database->setObjectName(QStringLiteral("DatabaseEdit"));
    m_inventory->setObjectName(QStringLiteral("InventoryEdit"));
    m_database->setPlaceholderText(defaultDatabase);
    m_database->setToolTip(tr("sqlite:/path/file.db, or postgresql://user@host:port/database for a database "
                              "shared by a team. Keep passwords out of it: use ~/.pgpass."));
    m_inventory->setPlaceholderText(tr("an Ansible inventory file or folder"));
    auto* browse = new QPushButton(tr("&Browse…"), this);
    connect(browse, &QPushButton::clicked, this, &SettingsDialog::browse);
    auto* inventoryRow = new QHBoxLayout;
    inventoryRow->addWidget(m_inventory, 1);
    inventoryRow->addWidget(browse);

    auto* databaseNote
        = new QLabel(tr("In use now: %1. A new choice takes effect at the next start.").arg(databaseInUse), this);
    databaseNote->setWordWrap(true);
    databaseNote->setEnabled(false);
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #c62828;"));
    m_error->hide();

    auto* general = new QWidget(this);
    auto* form = new QFormLayout(general);
    form->addRow(tr("&Database:"), m_database);
    form->addRow(QString(), databaseNote);
    auto* inventoryLabel = new QLabel(tr("&Inventory:"), this);
    inventoryLabel->setBuddy(m_inventory);
    form->addRow(inventoryLabel, inventoryRow);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    auto* reimport = buttons->addButton(tr("&Re-import now"), QDialogButtonBox::ApplyRole);
    connect(buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &SettingsDialog::reject);
    connect(reimport, &QPushButton::clicked, this, [this] {
        if (apply()) {
            Q_EMIT reimportRequested(m_inventory->text().trimmed());
            QDialog::accept();
        }
    });
    auto* tabs = m_tabs = new QTabWidget(this);
    tabs->setObjectName(QStringLiteral("SettingsTabs"));
    tabs->addTab(general, tr("&General"));
    tabs->addTab(m_signIn, tr("&Sign-in"));
    tabs->addTab(m_health, tr("&Health"));
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(tabs);
    layout->addWidget(m_error);
    layout->addStretch();
    layout->addWidget(buttons);
    resize(680, sizeHint().height());
}

SettingsDialog::Values SettingsDialog::values() const
{
    return {m_database->text().trimmed(), m_inventory->text().trimmed(), m_signIn->profiles(),
            m_signIn->activeProfile(), m_health->config()};
}

void SettingsDialog::showTab(int index)
{
    m_tabs->setCurrentIndex(index);
}

bool SettingsDialog::apply()
{
    if (auto done = m_handler(values()); !done) {
        m_error->setText(done.error().sentence());
        m_error->show();
        return false;
    }
    return true;
}

void SettingsDialog::accept()
{
    if (apply())
        QDialog::accept();
}

void SettingsDialog::browse()
{
    const QString path
        = QFileDialog::getOpenFileName(this, tr("Choose an Ansible inventory"), m_inventory->text(),
                                       tr("Inventories (*.ini *.yml *.yaml *.cfg hosts);;All files (*)"));
    if (!path.isEmpty())
        m_inventory->setText(path);
}

} // namespace sd
