// SPDX-License-Identifier: GPL-3.0-or-later
#include "SignInController.h"

#include "MainWindow.h"
#include "auth/AccountButton.h"
#include "auth/OidcClient.h"
#include "auth/SignInDialog.h"
#include "auth/TokenStore.h"

#include <QDesktopServices>
#include <QMessageBox>
#include <QPushButton>

namespace sd {

SignInController::SignInController(QNetworkAccessManager& network, const Clock& clock, MainWindow& window,
                                   Session::AuditSink audit, QObject* parent)
    : QObject(parent)
    , m_client(std::make_unique<OidcClient>(network))
    , m_store(std::make_unique<TokenStore>())
    , m_session(std::make_unique<Session>(*m_client, *m_store, clock))
    , m_authenticator(std::make_unique<BearerAuthenticator>(*m_session))
    , m_window(window)
    , m_button(new AccountButton(&window))
{
    m_session->setAuditSink(std::move(audit));
    m_window.setAccountWidget(m_button);
    connect(m_button, &AccountButton::signInRequested, this, &SignInController::signIn);
    connect(m_button, &AccountButton::signOutRequested, m_session.get(), &Session::signOut);
    connect(m_session.get(), &Session::stateChanged, this, &SignInController::updateAccount);
    connect(m_session.get(), &Session::browserNeeded, this, &SignInController::openBrowser);
    connect(m_session.get(), &Session::signInProgress, this, [this](const QString& sentence) {
        if (SignInDialog* dialog = m_dialog.data())
            dialog->setProgress(sentence);
    });
    connect(m_session.get(), &Session::signInFinished, this, &SignInController::onSignInFinished);
    connect(m_session.get(), &Session::signedOut, this, &SignInController::onSignedOut);
    connect(m_session.get(), &Session::signInNeeded, this, &SignInController::onSignInNeeded);
    connect(m_session.get(), &Session::restoreFinished, this, [this](const Result<void>& restored) {
        updateAccount();
        if (restored)
            m_window.showStatus(tr("Signed in as %1.").arg(m_session->identity().displayName()));
        else if (restored.error().code() != QLatin1String("signed_out"))
            m_window.showStatus(tr("The sign-in was not restored: %1").arg(restored.error().sentence()), true);
    });
    connect(m_session.get(), &Session::notice, this, [this](const QString& sentence) {
        m_window.showStatus(sentence, true);
        updateAccount();
    });
    // The menu shows the token's time left and the retry countdown: keep them current.
    connect(&m_statusTimer, &QTimer::timeout, this, &SignInController::updateAccount);
    m_statusTimer.start(15000);
}

SignInController::~SignInController()
{
    delete m_dialog.data();
}

void SignInController::start(const AuthConfig& config)
{
    applyConfig(config);
    if (config.isConfigured())
        m_session->restore();
}

void SignInController::applyConfig(const AuthConfig& config)
{
    m_session->setConfig(config);
    // Settings checked the patterns before saving them; a hand-edited file that fails sends no token anywhere.
    auto policy = BearerPolicy::create(config.protectedEndpoints, config.insecureHosts);
    if (!policy)
        m_window.showStatus(tr("Protected endpoints ignored: %1").arg(policy.error().sentence()), true);
    m_authenticator->setPolicy(policy ? policy.value() : BearerPolicy());
    updateAccount();
}

void SignInController::signIn()
{
    if (!m_session->config().isConfigured()) {
        QMessageBox::information(&m_window, tr("Sign In"),
                                 tr("Set your organisation's identity provider (issuer URL and client ID) in "
                                    "Settings → Sign-in first."));
        Q_EMIT settingsNeeded();
        return;
    }
    SignInDialog* dialog = m_dialog.data();
    if (!dialog) {
        dialog = new SignInDialog(&m_window);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        connect(dialog, &SignInDialog::cancelRequested, m_session.get(), &Session::cancelSignIn);
        connect(dialog, &SignInDialog::retryRequested, m_session.get(), &Session::signIn);
        connect(dialog, &SignInDialog::openBrowserRequested, this, &SignInController::openBrowser);
        m_dialog = dialog;
    }
    dialog->setProgress(tr("Contacting the identity provider…"));
    dialog->setAuthorizationUrl({}, true);
    dialog->show();
    dialog->raise();
    m_session->signIn();
}

void SignInController::openBrowser(const QUrl& url)
{
    const bool opened = QDesktopServices::openUrl(url);
    if (SignInDialog* dialog = m_dialog.data())
        dialog->setAuthorizationUrl(url, opened);
}

void SignInController::onSignInFinished(const Result<void>& outcome)
{
    updateAccount();
    if (outcome) {
        if (SignInDialog* dialog = m_dialog.data())
            dialog->accept();
        m_window.showStatus(tr("Signed in as %1.").arg(m_session->identity().displayName()));
        return;
    }
    if (outcome.error().code() == QLatin1String("cancelled"))
        return;
    if (SignInDialog* dialog = m_dialog.data())
        dialog->showFailure(outcome.error().sentence());
    m_window.showStatus(tr("Sign-in failed: %1").arg(outcome.error().sentence()), true);
}

void SignInController::onSignedOut(const QUrl& endSessionUrl, const QString& sentence)
{
    updateAccount();
    m_window.showStatus(sentence);
    if (endSessionUrl.isEmpty() || !m_window.isVisible())
        return;
    const auto answer = QMessageBox::question(
        &m_window, tr("Signed Out"),
        tr("%1\n\nAlso sign out at the identity provider? This opens its sign-out page in your browser.").arg(sentence),
        QMessageBox::Yes | QMessageBox::No, QMessageBox::No);
    if (answer == QMessageBox::Yes)
        QDesktopServices::openUrl(endSessionUrl);
}

void SignInController::onSignInNeeded(const QString& sentence)
{
    if (!m_window.isVisible())
        return;
    // Not modal to the whole app: an operator in the middle of something finishes it first.
    auto* box = new QMessageBox(QMessageBox::Information, tr("Signed Out"), sentence, QMessageBox::NoButton, &m_window);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setWindowModality(Qt::NonModal);
    QPushButton* again = box->addButton(tr("Sign In Again"), QMessageBox::AcceptRole);
    box->addButton(tr("Later"), QMessageBox::RejectRole);
    connect(again, &QPushButton::clicked, this, &SignInController::signIn);
    box->show();
}

void SignInController::updateAccount()
{
    const Session& s = *m_session;
    AccountView view;
    view.signedIn = s.isSignedIn();
    view.busy = s.state() == Session::State::SigningIn || s.state() == Session::State::Restoring;
    view.offline = s.state() == Session::State::Offline;
    view.name = s.identity().displayName();
    view.email = s.identity().email;
    view.roles = roleNames(s.identity().roles);
    view.status = s.statusText();
    view.token = s.state() == Session::State::SignedIn ? s.tokenText() : QString();
    view.warning = s.keychainProblem();
    m_button->setAccount(view);
}

} // namespace sd
