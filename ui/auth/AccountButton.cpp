// SPDX-License-Identifier: GPL-3.0-or-later
#include "auth/AccountButton.h"

#include <QMenu>

namespace sd {

AccountButton::AccountButton(QWidget* parent)
    : QToolButton(parent)
    , m_menu(new QMenu(this))
{
    setObjectName(QStringLiteral("AccountButton"));
    setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    setAutoRaise(true);
    // Plain lines first (disabled actions read as information), then the one command.
    m_who = m_menu->addAction(QString());
    m_email = m_menu->addAction(QString());
    m_roles = m_menu->addAction(QString());
    m_status = m_menu->addAction(QString());
    m_warning = m_menu->addAction(QString());
    for (QAction* info : {m_who, m_email, m_roles, m_status, m_warning})
        info->setEnabled(false);
    m_menu->addSeparator();
    m_signOut = m_menu->addAction(tr("Sign &Out"), this, &AccountButton::signOutRequested);
    connect(this, &QToolButton::clicked, this, &AccountButton::onClicked);
    setAccount({});
}

void AccountButton::setAccount(const AccountView& view)
{
    m_view = view;
    const bool signedIn = view.signedIn;
    setIcon(QIcon::fromTheme(signedIn ? QStringLiteral("user-available") : QStringLiteral("user-offline")));
    if (view.busy)
        setText(tr("Signing in…"));
    else if (signedIn)
        setText(view.offline ? tr("%1 (offline)").arg(view.name) : view.name);
    else
        setText(tr("Sign In"));
    setEnabled(!view.busy);
    setPopupMode(signedIn ? QToolButton::InstantPopup : QToolButton::DelayedPopup);
    setMenu(signedIn ? m_menu : nullptr);
    setToolTip(signedIn ? view.status : tr("Sign in with your organisation's identity provider"));
    m_who->setText(tr("Signed in as %1").arg(view.name));
    m_email->setText(view.email);
    m_email->setVisible(!view.email.isEmpty());
    m_roles->setText(tr("Roles: %1").arg(view.roles.isEmpty() ? tr("none") : view.roles.join(QStringLiteral(", "))));
    m_status->setText(view.token.isEmpty() ? view.status : view.token);
    m_warning->setText(view.warning);
    m_warning->setVisible(!view.warning.isEmpty());
}

void AccountButton::onClicked()
{
    if (!m_view.signedIn && !m_view.busy)
        Q_EMIT signInRequested();
}

} // namespace sd
