// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

namespace sd {

// The head of one HTTP request that reached the loopback redirect listener (LoopbackReceiver),
// read without a socket: the request line (method, target, HTTP/1.x) and, for GET /callback, the
// authorization response in the query (RFC 6749 §4.1.2, RFC 9207 `iss`).
//
// The target may be origin-form (/callback?…) or absolute-form (http://127.0.0.1:PORT/callback?…).
// Query values are decoded as application/x-www-form-urlencoded: "%2F" is '/', '+' is a space.
// Only the request line is looked at; header lines are ignored.
class CallbackRequest
{
public:
    enum class Kind {
        NotHttp, // not "METHOD TARGET HTTP/1.x" with a target of visible ASCII
        BadMethod, // anything but GET (methods are case-sensitive)
        WrongPath, // a target that is not a valid URL with the path /callback
        Ambiguous, // /callback, but state, code, error, error_description or iss occurs more than once
        Callback, // GET /callback with at most one of each: read state(), code(), error()…
    };

    // `head` is everything before the blank line that ends the request head ("\r\n\r\n").
    static CallbackRequest parse(const QByteArray& head);

    Kind kind() const { return m_kind; }
    const QByteArray& method() const { return m_method; }
    const QString& path() const { return m_path; }
    // Decoded query values; empty when absent. Untrusted: sanitize error() and errorDescription()
    // before showing them (UntrustedText).
    const QString& state() const { return m_state; }
    const QString& code() const { return m_code; }
    const QString& error() const { return m_error; }
    const QString& errorDescription() const { return m_errorDescription; }
    const QString& issuer() const { return m_issuer; } // RFC 9207 `iss`
    // For Ambiguous: the first parameter found more than once.
    const QString& repeatedParameter() const { return m_repeated; }

private:
    Kind m_kind = Kind::NotHttp;
    QByteArray m_method;
    QString m_path;
    QString m_state;
    QString m_code;
    QString m_error;
    QString m_errorDescription;
    QString m_issuer;
    QString m_repeated;
};

} // namespace sd
