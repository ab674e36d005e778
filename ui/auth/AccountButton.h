// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>
#include <QToolButton>

class QAction;
class QMenu;

namespace sd {

// What the account button shows; filled in by the app from the session.
struct AccountView
{
    bool signedIn = false;
    bool busy = false; // signing in or restoring
    bool offline = false;
    QString name;
    QString email;
    QStringList roles;
    QString status; // "Signed in as Alice — token until 14:05", "Offline — signed in until 14:05 …"
    QString token; // "Access token until 14:05, renewed automatically"
    QString warning; // e.g. the keychain is not available
};

// The tool bar's "Sign in" button; once signed in it shows the user's name and opens a menu with
// who they are, their roles, the token's state and "Sign out".
class AccountButton : public QToolButton
{
    Q_OBJECT
public:
    explicit AccountButton(QWidget* parent = nullptr);

    void setAccount(const AccountView& view);
    const AccountView& account() const { return m_view; }
    QMenu* accountMenu() const { return m_menu; }

Q_SIGNALS:
    void signInRequested();
    void signOutRequested();

private:
    void onClicked();

    AccountView m_view;
    QMenu* m_menu;
    QAction* m_who;
    QAction* m_email;
    QAction* m_roles;
    QAction* m_status;
    QAction* m_warning;
    QAction* m_signOut;
};

} // namespace sd
