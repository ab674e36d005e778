// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "auth/AuthConfig.h"
#include "core/Clock.h"

#include <QTextStream>

#include <functional>

namespace sd {

class Session;

// stationdeck-cli login | whoami | logout: the console's sign-in without a display.
//   login   prints "Open this URL to sign in: <url>", opens the browser unless --no-browser, waits
//           for the redirect, prints "Signed in as <name>" and "Roles: <roles>".
//   whoami  restores the session from the keychain (refreshing as needed) and prints the same
//           lines and the access token's expiry.
//   logout  revokes the stored refresh token, deletes it and prints what was done.
// Exit code 0 on success, 2 when not signed in or the sign-in failed (one sentence on stderr).
class AuthCommands
{
public:
    using AuditSink = std::function<void(const QString& action, const QString& subject, const QJsonObject& details)>;

    AuthCommands(QTextStream& out, QTextStream& err, AuditSink audit);

    int login(const AuthConfig& config, bool openBrowser);
    int whoami(const AuthConfig& config);
    int logout(const AuthConfig& config);

private:
    void printIdentity(const Session& session);
    int fail(const QString& message);

    QTextStream& m_out;
    QTextStream& m_err;
    AuditSink m_audit;
    SystemClock m_clock;
};

} // namespace sd
