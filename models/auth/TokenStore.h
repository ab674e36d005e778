// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/Result.h"

#include <QObject>
#include <QUrl>

#include <functional>
#include <optional>

namespace sd {

// The refresh token — and nothing else — in the OS keychain (Secret Service on Linux, Keychain on
// macOS, Credential Manager on Windows) through QtKeychain. One entry per issuer + client id,
// service "Stationdeck". There is no plain-text fallback: when no keychain answers, calls fail with
// Error code "keychain_unavailable" and a sentence saying why, and the caller keeps the session in
// memory until the app quits.
class TokenStore : public QObject
{
    Q_OBJECT
public:
    explicit TokenStore(QObject* parent = nullptr);

    // "refresh-token <issuer> <clientId>": the issuer fully encoded, without a trailing slash, "."
    // and ".." segments or a default port (http 80, https 443), so "https://id.example/" and
    // "https://id.example:443" name the same entry; the client id as it is. Stored as the entry's
    // key (libsecret attribute "user") under the service (attribute "server").
    static QString entryKey(const QUrl& issuer, const QString& clientId);

    // Callbacks run on the caller's thread, later (never from inside the call), from the keychain
    // job's finished signal; a store destroyed before the keychain answers drops them. Jobs run one
    // at a time (QtKeychain queues them). Failures carry code "keychain_unavailable".
    // read: std::nullopt when there is no entry (not an error).
    void read(const QString& key, std::function<void(Result<std::optional<QByteArray>>)> done);
    // Stored as binary data (base64 in the keychain). An empty secret is refused with code
    // "invalid_argument" (QtKeychain's KWallet backend would take it as "remove").
    void write(const QString& key, const QByteArray& secret, std::function<void(Result<void>)> done);
    // Removing an entry that does not exist succeeds.
    void remove(const QString& key, std::function<void(Result<void>)> done);

    void setService(const QString& service) { m_service = service; } // tests use their own

private:
    QString m_service = QStringLiteral("Stationdeck");
};

} // namespace sd
