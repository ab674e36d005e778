// SPDX-License-Identifier: GPL-3.0-or-later
#include "metrics/ScrapeJob.h"

#include "auth/BearerAuthenticator.h"
#include "core/HtmlSniff.h"
#include "metrics/ScrapeText.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

namespace sd {

namespace {

constexpr qint64 kReadBuffer = 256 * 1024;

} // namespace

QNetworkRequest ScrapeJob::request(const QUrl& url)
{
    QNetworkRequest request(url);
    request.setRawHeader("Accept", kAccept);
    // Set here, so Qt passes the body through undecoded (ScrapeDecoder decodes it, bounded).
    request.setRawHeader("Accept-Encoding", "gzip");
    request.setHeader(QNetworkRequest::UserAgentHeader, QByteArray("Stationdeck/" STATIONDECK_VERSION));
    request.setAttribute(QNetworkRequest::CookieSaveControlAttribute, QNetworkRequest::Manual);
    request.setAttribute(QNetworkRequest::CookieLoadControlAttribute, QNetworkRequest::Manual);
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    request.setAttribute(QNetworkRequest::CacheSaveControlAttribute, false);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::SameOriginRedirectPolicy);
    request.setMaximumRedirectsAllowed(kMaxRedirects);
    return request;
}

ScrapeJob::ScrapeJob(const ScrapeTarget& target, Limits limits, QObject* parent)
    : QObject(parent)
    , m_target(target)
    , m_limits(limits)
{
    m_deadline.setSingleShot(true);
    m_deadline.setTimerType(Qt::PreciseTimer);
    connect(&m_deadline, &QTimer::timeout, this, &ScrapeJob::onDeadline);
}

ScrapeJob::~ScrapeJob()
{
    dropReply();
}

void ScrapeJob::start(QNetworkAccessManager& network, const BearerAuthenticator* authenticator)
{
    m_elapsed.start();
    m_deadline.start(int(m_limits.timeout.count()));
    const QNetworkRequest plain = request(m_target.url);
    if (authenticator == nullptr)
        return send(network, plain);
    m_authorizing = true;
    QPointer<ScrapeJob> self(this);
    QPointer<QNetworkAccessManager> manager(&network);
    authenticator->authorize(plain, [self, manager](Result<QNetworkRequest> authorized) {
        ScrapeJob* job = self.data();
        QNetworkAccessManager* nam = manager.data();
        if (job == nullptr || job->m_done)
            return; // aborted, or given up while waiting for the token
        job->m_authorizing = false;
        if (!authorized)
            return job->fail(ScrapeOutcome::Failure::Refused,
                             QStringLiteral("was not asked: %1").arg(authorized.error().message()));
        if (nam == nullptr)
            return job->fail(ScrapeOutcome::Failure::Transport,
                             QStringLiteral("could not be asked: the network is gone"));
        job->send(*nam, authorized.value());
    });
}

void ScrapeJob::send(QNetworkAccessManager& network, const QNetworkRequest& request)
{
    QNetworkReply* reply = network.get(request);
    m_reply = reply;
    // Qt stops reading the socket when this much waits for us, so a fast huge body does not pile up.
    // (Safe because Qt does not decode here: with Qt's own gzip decoding, 6.4 stalls at this limit.)
    reply->setReadBufferSize(kReadBuffer);
    connect(reply, &QNetworkReply::metaDataChanged, this, [this] { static_cast<void>(checkHead()); });
    connect(reply, &QNetworkReply::readyRead, this, &ScrapeJob::read);
    connect(reply, &QNetworkReply::finished, this, &ScrapeJob::onFinished);
}

bool ScrapeJob::checkHead()
{
    QNetworkReply* reply = m_reply.data();
    if (reply == nullptr || m_done)
        return false;
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status == 0 || (status >= 300 && status < 400 && status != 304))
        return true; // no head yet, or a redirect Qt follows
    m_headSeen = true;
    m_status = status;
    m_contentType = reply->header(QNetworkRequest::ContentTypeHeader).toByteArray();
    if (status != 200) {
        const QString reason = QString::fromLatin1(
            reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toByteArray().simplified().left(80));
        fail(ScrapeOutcome::Failure::Http,
             reason.isEmpty() ? QStringLiteral("answered HTTP %1").arg(status)
                              : QStringLiteral("answered HTTP %1 %2").arg(status).arg(reason));
        return false;
    }
    if (isHtmlContentType(m_contentType)) {
        fail(ScrapeOutcome::Failure::Body, QStringLiteral("sent an HTML page, not metrics"));
        return false;
    }
    const QByteArray encoding = reply->rawHeader("Content-Encoding");
    const std::optional<ScrapeDecoder::Encoding> decoding = ScrapeDecoder::encodingOf(encoding);
    if (!decoding) {
        fail(ScrapeOutcome::Failure::Body,
             QStringLiteral("sent a body encoded as \"%1\", which was not asked for")
                 .arg(QString::fromLatin1(encoding.simplified().left(40))));
        return false;
    }
    const qint64 length = reply->header(QNetworkRequest::ContentLengthHeader).toLongLong();
    if (*decoding == ScrapeDecoder::Encoding::Identity && length > m_limits.bodyLimit) {
        fail(ScrapeOutcome::Failure::Body,
             QStringLiteral("announced %1; the limit is %2")
                 .arg(scrapeSizeText(length), scrapeSizeText(m_limits.bodyLimit)));
        return false;
    }
    if (!m_decoder) {
        m_decoder = std::make_unique<ScrapeDecoder>(*decoding);
        if (*decoding == ScrapeDecoder::Encoding::Identity && length > 0)
            m_body.reserve(length);
    }
    return true;
}

void ScrapeJob::read()
{
    QNetworkReply* reply = m_reply.data();
    if (reply == nullptr || m_done || !checkHead() || !m_decoder)
        return;
    const QByteArray chunk = reply->readAll();
    const ScrapeDecoder::Status status = m_decoder->feed(chunk, m_body, m_limits.bodyLimit);
    m_received = m_body.size();
    if (status == ScrapeDecoder::Status::TooLarge)
        return fail(ScrapeOutcome::Failure::Body,
                    QStringLiteral("sent more than %1; the limit is %1").arg(scrapeSizeText(m_limits.bodyLimit)));
    if (status == ScrapeDecoder::Status::Corrupt)
        return fail(ScrapeOutcome::Failure::Body,
                    QStringLiteral("sent a compressed body that does not decode: %1").arg(m_decoder->error()));
}

void ScrapeJob::onFinished()
{
    QNetworkReply* reply = m_reply.data();
    if (reply == nullptr || m_done)
        return;
    if (!checkHead())
        return;
    read();
    if (m_done)
        return;
    const QNetworkReply::NetworkError error = reply->error();
    if (error == QNetworkReply::NoError && m_status == 200) {
        if (m_decoder && !m_decoder->complete())
            return fail(ScrapeOutcome::Failure::Body, QStringLiteral("sent a compressed body that ends early"));
        return succeed();
    }
    switch (error) {
    case QNetworkReply::TooManyRedirectsError:
        return fail(ScrapeOutcome::Failure::Http,
                    QStringLiteral("redirected more than %1 times (a redirect loop)").arg(kMaxRedirects));
    case QNetworkReply::InsecureRedirectError: {
        const QUrl to = reply->attribute(QNetworkRequest::RedirectionTargetAttribute).toUrl();
        return fail(ScrapeOutcome::Failure::Http,
                    to.isEmpty() ? QStringLiteral("redirected to another origin, which is not followed")
                                 : QStringLiteral("redirected to another origin (%1), which is not followed")
                                       .arg(scrapeUrlText(m_target.url.resolved(to))));
    }
    default:
        break;
    }
    if (m_headSeen) {
        if (error == QNetworkReply::RemoteHostClosedError || error == QNetworkReply::NoError)
            return fail(ScrapeOutcome::Failure::Body,
                        QStringLiteral("closed the connection after %1 of its body").arg(scrapeSizeText(m_received)));
        return fail(ScrapeOutcome::Failure::Body,
                    QStringLiteral("sent a body that cannot be read: %1").arg(transportProblem(int(error))));
    }
    fail(ScrapeOutcome::Failure::Transport, transportProblem(int(error)));
}

QString ScrapeJob::transportProblem(int code) const
{
    switch (QNetworkReply::NetworkError(code)) {
    case QNetworkReply::ConnectionRefusedError:
        return QStringLiteral("refused the connection");
    case QNetworkReply::RemoteHostClosedError:
        return QStringLiteral("closed the connection without answering");
    case QNetworkReply::HostNotFoundError:
        return QStringLiteral("names a host that was not found");
    case QNetworkReply::SslHandshakeFailedError:
        return QStringLiteral("failed the TLS handshake");
    case QNetworkReply::ProtocolFailure:
        return QStringLiteral("did not speak HTTP");
    default:
        break;
    }
    // Qt's own words, without the URL it sometimes quotes (its query could hold a secret).
    QNetworkReply* reply = m_reply.data();
    QString text = reply != nullptr ? reply->errorString() : QString();
    text.replace(m_target.url.toString(), scrapeUrlText(m_target.url));
    text.replace(QString::fromLatin1(m_target.url.toEncoded()), scrapeUrlText(m_target.url));
    return QStringLiteral("could not be reached: %1").arg(text.isEmpty() ? QStringLiteral("unknown error") : text);
}

void ScrapeJob::onDeadline()
{
    if (m_done)
        return;
    const QString limit = scrapeDurationText(m_limits.timeout);
    if (m_authorizing)
        return fail(ScrapeOutcome::Failure::Refused,
                    QStringLiteral("was not asked: no sign-in token came within %1").arg(limit));
    if (m_headSeen)
        return fail(
            ScrapeOutcome::Failure::Timeout,
            QStringLiteral("did not finish its answer within %1 (%2 came)").arg(limit, scrapeSizeText(m_received)));
    fail(ScrapeOutcome::Failure::Timeout, QStringLiteral("did not answer within %1").arg(limit));
}

void ScrapeJob::fail(ScrapeOutcome::Failure failure, const QString& predicate)
{
    if (m_done)
        return;
    m_failure = failure;
    static const char* const kCodes[] = {"", "transport", "timeout", "http", "body", "refused"};
    m_error = Error(scrapeSubject(m_target) + QLatin1Char(' ') + predicate, QString::fromLatin1(kCodes[int(failure)]));
    m_body.clear();
    m_body.squeeze();
    finish();
}

void ScrapeJob::succeed()
{
    finish();
}

void ScrapeJob::finish()
{
    m_done = true;
    m_deadline.stop();
    dropReply();
    // Always from the event loop, so a caller never sees finished() inside its own call.
    QMetaObject::invokeMethod(
        this, [this] { Q_EMIT finished(this); }, Qt::QueuedConnection);
}

void ScrapeJob::abort()
{
    m_done = true;
    m_deadline.stop();
    dropReply();
}

void ScrapeJob::dropReply()
{
    QNetworkReply* reply = m_reply.data();
    m_reply.clear();
    if (reply == nullptr)
        return;
    reply->disconnect(this);
    // Deleting a reply stops its transfer and closes its connection. Not abort(): an error Qt has
    // queued already (a 4xx/5xx answer) would then be reported twice, with a warning each time.
    reply->deleteLater();
}

} // namespace sd
