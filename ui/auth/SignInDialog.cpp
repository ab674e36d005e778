// SPDX-License-Identifier: GPL-3.0-or-later
#include "auth/SignInDialog.h"

#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

namespace sd {

SignInDialog::SignInDialog(QWidget* parent)
    : QDialog(parent)
    , m_message(new QLabel(this))
    , m_busy(new QProgressBar(this))
    , m_linkNote(new QLabel(this))
    , m_link(new QLineEdit(this))
    , m_copy(new QPushButton(tr("&Copy Link"), this))
    , m_open(new QPushButton(tr("&Open Browser Again"), this))
    , m_error(new QLabel(this))
{
    setObjectName(QStringLiteral("SignInDialog"));
    setWindowTitle(tr("Sign In"));
    m_message->setWordWrap(true);
    m_busy->setRange(0, 0);
    m_busy->setTextVisible(false);
    m_linkNote->setWordWrap(true);
    m_linkNote->setText(tr("If no browser window opened, copy this link into a browser on this computer:"));
    m_link->setReadOnly(true);
    m_link->setObjectName(QStringLiteral("SignInLink"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #c62828;"));
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->hide();
    connect(m_copy, &QPushButton::clicked, this, &SignInDialog::copyLink);
    connect(m_open, &QPushButton::clicked, this, [this] { Q_EMIT openBrowserRequested(m_url); });

    auto* linkRow = new QHBoxLayout;
    linkRow->addWidget(m_link, 1);
    linkRow->addWidget(m_copy);
    linkRow->addWidget(m_open);

    auto* buttons = new QDialogButtonBox(this);
    m_retry = buttons->addButton(tr("&Try Again"), QDialogButtonBox::ActionRole);
    m_cancel = buttons->addButton(QDialogButtonBox::Cancel);
    m_retry->hide();
    connect(m_retry, &QPushButton::clicked, this, [this] {
        m_error->hide();
        m_retry->hide();
        m_busy->show();
        m_cancel->setText(tr("Cancel"));
        Q_EMIT retryRequested();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &SignInDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_message);
    layout->addWidget(m_busy);
    layout->addSpacing(8);
    layout->addWidget(m_linkNote);
    layout->addLayout(linkRow);
    layout->addWidget(m_error);
    layout->addStretch();
    layout->addWidget(buttons);
    setAuthorizationUrl({}, true);
    resize(620, sizeHint().height());
}

void SignInDialog::setProgress(const QString& sentence)
{
    m_message->setText(sentence);
}

void SignInDialog::setAuthorizationUrl(const QUrl& url, bool browserOpened)
{
    m_url = url;
    const bool hasUrl = !url.isEmpty();
    m_link->setText(url.toString(QUrl::FullyEncoded));
    m_link->setCursorPosition(0);
    for (QWidget* w : std::initializer_list<QWidget*>{m_linkNote, m_link, m_copy, m_open})
        w->setVisible(hasUrl);
    if (hasUrl && !browserOpened)
        m_linkNote->setText(tr("No browser could be opened. Copy this link into a browser on this computer:"));
}

void SignInDialog::showFailure(const QString& sentence)
{
    m_message->setText(tr("The sign-in did not complete."));
    m_busy->hide();
    m_error->setText(sentence);
    m_error->show();
    m_retry->show();
    m_cancel->setText(tr("Close"));
    for (QWidget* w : std::initializer_list<QWidget*>{m_linkNote, m_link, m_copy, m_open})
        w->hide();
}

void SignInDialog::reject()
{
    Q_EMIT cancelRequested();
    QDialog::reject();
}

void SignInDialog::copyLink()
{
    QApplication::clipboard()->setText(m_url.toString(QUrl::FullyEncoded));
    m_copy->setText(tr("Copied"));
}

} // namespace sd
