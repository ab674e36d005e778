// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "auth/AuthConfig.h"
#include "auth/OidcClient.h"
#include "auth/Session.h"
#include "auth/TokenStore.h"
#include "core/Clock.h"

#include <QNetworkAccessManager>

#include <functional>
#include <optional>

namespace sd {

// The sign-in objects one command needs (network, provider client, keychain store, session),
// wired once, and the waits a command without a window needs around them.
class CliSession
{
public:
    using AuditSink = Session::AuditSink;

    CliSession(const AuthConfig& config, const Clock& clock, const AuditSink& audit);

    Session& session() { return m_session; }

    // Runs the event loop until `done` is set and the keychain has finished its writes.
    void waitFor(const std::optional<Result<void>>& done);
    // Restores the sign-in from the keychain (refreshing the access token as needed).
    Result<void> restore();
    // Runs the event loop until no keychain write is pending (a rotated refresh token must be
    // stored before the process ends, or the next command would spend a revoked one).
    void settle();

private:
    QNetworkAccessManager m_network;
    OidcClient m_client;
    TokenStore m_store;
    Session m_session;
};

} // namespace sd
