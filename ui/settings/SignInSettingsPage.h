// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QMap>
#include <QWidget>

class QComboBox;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;

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

// Settings → Sign-in: sign-in profiles (one per identity provider or organisation), each with the
// provider, the client, how roles are read, and where the token may be sent. The one chosen in
// the Profile box when OK is pressed is the one in use.
class SignInSettingsPage : public QWidget
{
    Q_OBJECT
public:
    SignInSettingsPage(const QMap<QString, SignInSettings>& profiles, const QString& active, QWidget* parent = nullptr);

    QMap<QString, SignInSettings> profiles() const;
    QString activeProfile() const;
    // Adds an empty profile and shows it (what "New…" does after asking for the name).
    void addProfile(const QString& name);
    void showProfile(const QString& name);

private:
    void store(); // the fields into m_profiles[current]
    void load(const SignInSettings& values);
    void askForNewProfile();
    void removeCurrent();

    QMap<QString, SignInSettings> m_profiles;
    QString m_current;
    bool m_loading = false;
    QComboBox* m_profile;
    QPushButton* m_remove;
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
