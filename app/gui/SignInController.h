// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "auth/AuthConfig.h"
#include "auth/BearerAuthenticator.h"
#include "auth/Session.h"
#include "auth/SignInDialog.h"

#include <QObject>
#include <QPointer>
#include <QTimer>

#include <functional>

class QNetworkAccessManager;

namespace sd {

class AccountButton;
class Clock;
class MainWindow;
class OidcClient;
class TokenStore;

// Wires the session to the console: the account button, the sign-in dialog, the system browser,
// the status bar and the audit log. Owns the sign-in objects.
class SignInController : public QObject
{
    Q_OBJECT
public:
    SignInController(QNetworkAccessManager& network, const Clock& clock, MainWindow& window, Session::AuditSink audit,
                     QObject* parent = nullptr);
    ~SignInController() override;

    // Applies the settings and, when a provider is set, restores the last session.
    void start(const AuthConfig& config);
    void applyConfig(const AuthConfig& config);

    Session& session() { return *m_session; }
    // Adds the token to requests for protected endpoints (the health views will send through it).
    const BearerAuthenticator& authenticator() const { return *m_authenticator; }
    AccountButton* accountButton() const { return m_button; }
    SignInDialog* dialog() const { return m_dialog; }

Q_SIGNALS:
    void settingsNeeded();

private:
    void signIn();
    void openBrowser(const QUrl& url);
    void onSignInFinished(const Result<void>& outcome);
    void onSignedOut(const QUrl& endSessionUrl, const QString& sentence);
    void onSignInNeeded(const QString& sentence);
    void updateAccount();

    std::unique_ptr<OidcClient> m_client;
    std::unique_ptr<TokenStore> m_store;
    std::unique_ptr<Session> m_session;
    std::unique_ptr<BearerAuthenticator> m_authenticator;
    MainWindow& m_window;
    AccountButton* m_button;
    QPointer<SignInDialog> m_dialog;
    QTimer m_statusTimer;
};

} // namespace sd
