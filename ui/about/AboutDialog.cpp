// SPDX-License-Identifier: GPL-3.0-or-later
#include "about/AboutDialog.h"

#include <QApplication>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

namespace sd {

AboutDialog::AboutDialog(const QString& databaseDisplay, QWidget* parent)
    : QDialog(parent)
{
    setWindowTitle(tr("About Stationdeck"));
    auto* icon = new QLabel(this);
    icon->setPixmap(QApplication::windowIcon().pixmap(96, 96));
    auto* text = new QLabel(this);
    text->setTextFormat(Qt::RichText);
    text->setWordWrap(true);
    text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    text->setText(tr("<h2>Stationdeck %1</h2>"
                     "<p>The operations console for station fleets: sites and stations from your Ansible "
                     "inventory, each site's local time and maintenance windows, and an audit of every change.</p>"
                     "<p>Qt %2 (built with %3)<br>Database: %4</p>"
                     "<p>Licensed under the GNU General Public License, version 3 or later.</p>")
                      .arg(QApplication::applicationVersion(), QString::fromLatin1(qVersion()),
                           QStringLiteral(QT_VERSION_STR), databaseDisplay.toHtmlEscaped()));
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &AboutDialog::reject);
    auto* row = new QHBoxLayout;
    row->addWidget(icon, 0, Qt::AlignTop);
    row->addWidget(text, 1);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(row);
    layout->addWidget(buttons);
    setMinimumWidth(460);
}

} // namespace sd
