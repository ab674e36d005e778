// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

class QLineEdit;
class QPlainTextEdit;

namespace sd {

// The sign-in settings as the user typed them; the app checks and parses them.
struct SignInSettings
{
    QString issuer;
    QString clientId;
    QString scopes; // space-separated
    QString extraParameters; // key=value&key=value
    QString roleClaims; // one claim path per line
    QString roleMapping; // "provider value = role" per line
    QString protectedEndpoints; // one pattern per line
    QString insecureHosts; // one host per line
};

// Settings → Sign-in: the identity provider, the client, how roles are read, and where the
// token may be sent.
class SignInSettingsPage : public QWidget
{
    Q_OBJECT
public:
    explicit SignInSettingsPage(const SignInSettings& values, QWidget* parent = nullptr);

    SignInSettings values() const;

private:
    QLineEdit* m_issuer;
    QLineEdit* m_clientId;
    QLineEdit* m_scopes;
    QLineEdit* m_extra;
    QPlainTextEdit* m_claims;
    QPlainTextEdit* m_mapping;
    QPlainTextEdit* m_protected;
    QPlainTextEdit* m_insecure;
};

} // namespace sd
