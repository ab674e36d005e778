// SPDX-License-Identifier: GPL-3.0-or-later
#include "auth/AuthHttp.h"

#include "core/Logging.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPointer>

#include <memory>
#include <utility>

namespace sd {

namespace {

// Where a URL points, without path or query (a query could carry a code or token).
QString origin(const QUrl& url)
{
    return url.toDisplayString(QUrl::RemoveUserInfo | QUrl::RemoveQuery | QUrl::RemoveFragment);
}

} // namespace

AuthHttp::AuthHttp(QNetworkAccessManager& network, QObject* parent)
    : QObject(parent)
    , m_network(network)
{ }

QNetworkRequest AuthHttp::request(const QUrl& url) const
{
    QNetworkRequest request(url);
    request.setTransferTimeout(m_timeoutMs);
    request.setAttribute(QNetworkRequest::CookieSaveControlAttribute, QNetworkRequest::Manual);
    request.setAttribute(QNetworkRequest::CookieLoadControlAttribute, QNetworkRequest::Manual);
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    request.setAttribute(QNetworkRequest::CacheSaveControlAttribute, false);
    request.setHeader(QNetworkRequest::UserAgentHeader, QByteArray("Stationdeck/" STATIONDECK_VERSION));
    request.setRawHeader("Accept", "application/json");
    return request;
}

void AuthHttp::get(const QUrl& url, const QByteArray& bearerToken, Done done)
{
    QNetworkRequest req = request(url);
    req.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::NoLessSafeRedirectPolicy);
    req.setMaximumRedirectsAllowed(5);
    if (!bearerToken.isEmpty())
        req.setRawHeader("Authorization", "Bearer " + bearerToken);
    qCDebug(lcAuth) << "GET" << origin(url);
    track(m_network.get(req), url, std::move(done));
}

void AuthHttp::postForm(const QUrl& url, const Form& form, Done done)
{
    QNetworkRequest req = request(url);
    req.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    req.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/x-www-form-urlencoded"));
    qCDebug(lcAuth) << "POST" << origin(url);
    QByteArray body;
    for (const auto& [key, value] : form) {
        if (!body.isEmpty())
            body += '&';
        body += QUrl::toPercentEncoding(QString::fromLatin1(key)) + '=' + value.toPercentEncoding();
    }
    track(m_network.post(req, body), url, std::move(done));
}

void AuthHttp::abortAll()
{
    const QList<QNetworkReply*> replies = std::exchange(m_inFlight, {});
    for (QNetworkReply* reply : replies) {
        reply->disconnect(this);
        reply->abort();
        reply->deleteLater();
    }
}

void AuthHttp::track(QNetworkReply* reply, const QUrl& url, Done done)
{
    m_inFlight.append(reply);
    // An answer larger than any token or discovery document is refused before it is all read.
    auto tooLarge = std::make_shared<bool>(false);
    connect(reply, &QNetworkReply::downloadProgress, this, [reply, tooLarge](qint64 received, qint64) {
        if (received > kMaxBody && !*tooLarge) {
            *tooLarge = true;
            reply->abort();
        }
    });
    connect(reply, &QNetworkReply::finished, this, [this, reply, url, tooLarge, done = std::move(done)] {
        m_inFlight.removeOne(reply);
        reply->deleteLater();
        if (*tooLarge)
            return done(Error(tr("the identity provider at %1 sent an answer larger than %2 KB")
                                  .arg(origin(url))
                                  .arg(kMaxBody / 1024),
                              QStringLiteral("malformed")));
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QNetworkReply::NetworkError error = reply->error();
        if (status == 0 || error == QNetworkReply::OperationCanceledError || error == QNetworkReply::TimeoutError) {
            const QString why = (error == QNetworkReply::OperationCanceledError || error == QNetworkReply::TimeoutError)
                ? tr("it did not answer within %1 seconds").arg(m_timeoutMs / 1000)
                : reply->errorString();
            qCInfo(lcAuth) << "request to" << origin(url) << "failed:" << why;
            return done(Error(tr("cannot reach the identity provider at %1: %2").arg(origin(url), why),
                              QStringLiteral("network")));
        }
        HttpReply out;
        out.status = status;
        out.contentType = reply->header(QNetworkRequest::ContentTypeHeader).toByteArray();
        out.body = reply->readAll();
        qCDebug(lcAuth) << "answer from" << origin(url) << "HTTP" << status << out.body.size() << "bytes";
        done(std::move(out));
    });
}

} // namespace sd
