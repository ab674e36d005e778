// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/Result.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QPair>
#include <QUrl>

#include <functional>

class QNetworkAccessManager;
class QNetworkReply;
class QNetworkRequest;

namespace sd {

// What came back from an identity provider endpoint. `status` is 0 when nothing did.
struct HttpReply
{
    int status = 0;
    QByteArray contentType;
    QByteArray body;
};

// The HTTP plumbing of the sign-in: GET and form POST with a timeout, a cap on the answer's size,
// no cookies, and redirects only where they are safe (GETs follow https→https; a POST to the token
// or revocation endpoint never follows one). Transport failures come back as Error code "network"
// with a sentence naming the URL; any HTTP status is a reply, for the caller to judge.
class AuthHttp : public QObject
{
    Q_OBJECT
public:
    using Done = std::function<void(Result<HttpReply>)>;
    // application/x-www-form-urlencoded fields; values are encoded here (a '+' stays a '+').
    using Form = QList<QPair<QByteArray, QByteArray>>;

    explicit AuthHttp(QNetworkAccessManager& network, QObject* parent = nullptr);

    void get(const QUrl& url, const QByteArray& bearerToken, Done done);
    void postForm(const QUrl& url, const Form& form, Done done);

    void setTimeoutMs(int ms) { m_timeoutMs = ms; }
    int timeoutMs() const { return m_timeoutMs; }
    static constexpr qint64 kMaxBody = 1024 * 1024;

    // Aborts every request in flight; their callbacks are not called.
    void abortAll();

private:
    void track(QNetworkReply* reply, const QUrl& url, Done done);
    QNetworkRequest request(const QUrl& url) const;

    QNetworkAccessManager& m_network;
    QList<QNetworkReply*> m_inFlight;
    int m_timeoutMs = 30000;
};

} // namespace sd
