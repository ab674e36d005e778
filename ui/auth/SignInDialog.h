// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>
#include <QUrl>

class QLabel;
class QLineEdit;
class QPushButton;
class QProgressBar;

namespace sd {

// Shown while the user signs in in the browser: what is happening, the sign-in link with "Copy
// Link" and "Open Browser Again" for when no browser came up, and Cancel. A failure stays on
// screen as a sentence with "Try Again".
class SignInDialog : public QDialog
{
    Q_OBJECT
public:
    explicit SignInDialog(QWidget* parent = nullptr);

    void setProgress(const QString& sentence);
    void setAuthorizationUrl(const QUrl& url, bool browserOpened);
    void showFailure(const QString& sentence);
    QUrl authorizationUrl() const { return m_url; }
    void reject() override; // Cancel, Esc and the close button all cancel the sign-in

Q_SIGNALS:
    void cancelRequested();
    void retryRequested();
    void openBrowserRequested(const QUrl& url);

private:
    void copyLink();

    QUrl m_url;
    QLabel* m_message;
    QProgressBar* m_busy;
    QLabel* m_linkNote;
    QLineEdit* m_link;
    QPushButton* m_copy;
    QPushButton* m_open;
    QLabel* m_error;
    QPushButton* m_retry;
    QPushButton* m_cancel;
};

} // namespace sd
