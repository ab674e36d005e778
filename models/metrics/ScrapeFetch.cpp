// SPDX-License-Identifier: GPL-3.0-or-later
#include "metrics/ScrapeFetch.h"

#include "core/HtmlSniff.h"
#include "metrics/GzipBody.h"
#include "metrics/ScrapeConnectionPool.h"
#include "metrics/ScrapeText.h"

#include <QSslSocket>
#include <QTcpSocket>

#include <array>

namespace sd {

namespace {

constexpr qsizetype kReadChunk = 64 * 1024;

bool isRedirect(int status)
{
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

} // namespace

ScrapeFetch::ScrapeFetch(ScrapeRequest request, ScrapeConnectionPool& pool, QObject* parent)
    : QObject(parent)
    , m_request(std::move(request))
    , m_pool(pool)
    , m_origin(ScrapeConnectionPool::originOf(m_request.target.url))
    , m_url(m_request.target.url)
{
    m_deadline.setSingleShot(true);
    m_deadline.setTimerType(Qt::PreciseTimer); // a coarse timer may fire 5 % early: "within 10 s" at 9.5 s
    connect(&m_deadline, &QTimer::timeout, this, &ScrapeFetch::onDeadline);
}

ScrapeFetch::~ScrapeFetch()
{
    if (m_socket != nullptr)
        releaseSocket(false);
}

QByteArray ScrapeFetch::requestBytes(const QUrl& url, const QByteArray& authorization)
{
    QByteArray target = url.toEncoded(QUrl::RemoveScheme | QUrl::RemoveAuthority | QUrl::RemoveFragment);
    if (target.isEmpty() || target.startsWith('?'))
        target.prepend('/');
    QByteArray host = url.toEncoded(QUrl::RemoveScheme | QUrl::RemoveUserInfo | QUrl::RemovePath | QUrl::RemoveQuery
                                    | QUrl::RemoveFragment);
    if (host.startsWith("//"))
        host.remove(0, 2);
    QByteArray bytes;
    bytes.reserve(384 + authorization.size());
    bytes += "GET " + target + " HTTP/1.1\r\nHost: " + host
        + "\r\nUser-Agent: Stationdeck/" STATIONDECK_VERSION "\r\nAccept: " + ScrapeRequest::kAccept
        + "\r\nAccept-Encoding: gzip\r\n";
    if (!authorization.isEmpty())
        bytes += "Authorization: " + authorization + "\r\n";
    bytes += "\r\n";
    return bytes;
}

bool ScrapeFetch::start()
{
    m_elapsed.start();
    m_deadline.start(int(std::max<qint64>(1, m_request.left.count())));
    return send();
}

bool ScrapeFetch::send()
{
    if (m_done || m_socket != nullptr)
        return true;
    const std::optional<ScrapeConnectionPool::Lease> lease = m_pool.acquire(m_url);
    if (!lease)
        return false;
    m_socket = lease->socket;
    m_reused = lease->reused;
    m_reader = HttpResponseReader();
    m_raw.clear();
    m_body.clear();
    m_decoder.reset();
    m_gzip = false;
    connect(m_socket, &QTcpSocket::readyRead, this, &ScrapeFetch::onReadyRead);
    connect(m_socket, &QTcpSocket::disconnected, this, &ScrapeFetch::onClosed);
    connect(m_socket, &QTcpSocket::errorOccurred, this, &ScrapeFetch::onSocketError);
    if (m_reused)
        m_socket->write(requestBytes(m_url, m_request.authorization));
    else if (auto* ssl = qobject_cast<QSslSocket*>(m_socket))
        connect(ssl, &QSslSocket::encrypted, this, &ScrapeFetch::onConnected);
    else
        connect(m_socket, &QTcpSocket::connected, this, &ScrapeFetch::onConnected);
    return true;
}

void ScrapeFetch::onConnected()
{
    if (m_socket != nullptr && !m_done)
        m_socket->write(requestBytes(m_url, m_request.authorization));
}

void ScrapeFetch::onReadyRead()
{
    std::array<char, kReadChunk> buffer;
    while (m_socket != nullptr && !m_done) {
        const qint64 n = m_socket->read(buffer.data(), qint64(buffer.size()));
        if (n <= 0)
            return;
        consume(buffer.data(), qsizetype(n));
    }
}

void ScrapeFetch::consume(const char* data, qsizetype size)
{
    while (!m_done) {
        qsizetype used = 0;
        const bool raw = m_decoder || m_gzip;
        const HttpResponseReader::Step step = m_reader.feed(data, size, raw ? m_raw : m_body, used);
        data += used;
        size -= used;
        if (step == HttpResponseReader::Step::Failed)
            return fail(m_headSeen ? ScrapeOutcome::Failure::Body : ScrapeOutcome::Failure::Transport,
                        m_reader.error());
        if (step == HttpResponseReader::Step::Head) {
            if (!onHead())
                return;
            continue; // the body may follow in the same bytes
        }
        if (!decode())
            return;
        if (step == HttpResponseReader::Step::Done)
            return onComplete(size == 0); // bytes after the answer: the connection is not reused
        return; // More
    }
}

bool ScrapeFetch::onHead()
{
    const int status = m_reader.status();
    if (isRedirect(status) && !m_reader.location().isEmpty())
        return redirect();
    m_headSeen = true;
    m_status = status;
    m_contentType = m_reader.contentType();
    if (status != 200) {
        const QString reason = QString::fromLatin1(m_reader.reason());
        fail(ScrapeOutcome::Failure::Http,
             reason.isEmpty() ? QStringLiteral("answered HTTP %1").arg(status)
                              : QStringLiteral("answered HTTP %1 %2").arg(status).arg(reason));
        return false;
    }
    if (isHtmlContentType(m_contentType)) {
        fail(ScrapeOutcome::Failure::Body, QStringLiteral("sent an HTML page, not metrics"));
        return false;
    }
    const QByteArray encoding = m_reader.contentEncoding();
    const std::optional<ScrapeDecoder::Encoding> decoding = ScrapeDecoder::encodingOf(encoding);
    if (!decoding) {
        fail(ScrapeOutcome::Failure::Body,
             QStringLiteral("sent a body encoded as \"%1\", which was not asked for")
                 .arg(QString::fromLatin1(encoding.simplified().left(40))));
        return false;
    }
    const qint64 length = m_reader.contentLength();
    if (*decoding == ScrapeDecoder::Encoding::Identity) {
        if (length > m_request.bodyLimit) {
            fail(ScrapeOutcome::Failure::Body,
                 QStringLiteral("announced %1; the limit is %2")
                     .arg(scrapeSizeText(length), scrapeSizeText(m_request.bodyLimit)));
            return false;
        }
        if (length > 0)
            m_body.reserve(length);
    } else if (*decoding == ScrapeDecoder::Encoding::Gzip) {
        m_gzip = true; // kept whole and decoded at the end (GzipBody)
        if (length > 0)
            m_raw.reserve(std::min(length, m_request.bodyLimit + 1));
    } else {
        m_decoder = std::make_unique<ScrapeDecoder>(*decoding);
    }
    return true;
}

bool ScrapeFetch::redirect()
{
    const QUrl to = m_url.resolved(QUrl::fromEncoded(m_reader.location()));
    if (ScrapeConnectionPool::originOf(to) != m_origin || !to.isValid()) {
        fail(ScrapeOutcome::Failure::Http,
             QStringLiteral("redirected to another origin (%1), which is not followed").arg(scrapeUrlText(to)));
        return false;
    }
    if (m_redirects >= ScrapeRequest::kMaxRedirects) {
        fail(ScrapeOutcome::Failure::Http,
             QStringLiteral("redirected more than %1 times (a redirect loop)").arg(ScrapeRequest::kMaxRedirects));
        return false;
    }
    ++m_redirects;
    m_url = to;
    releaseSocket(false); // the rest of the redirect's body is not read
    m_retried = false;
    if (!send())
        fail(ScrapeOutcome::Failure::Transport, QStringLiteral("could not follow its redirect: no connection is free"));
    return false;
}

bool ScrapeFetch::decode()
{
    if (m_gzip) {
        if (m_raw.size() <= m_request.bodyLimit) // compressed: never more than decoded, in practice
            return true;
    } else if (!m_decoder) {
        if (m_body.size() <= m_request.bodyLimit)
            return true;
    } else {
        if (m_raw.isEmpty())
            return true;
        const ScrapeDecoder::Status status = m_decoder->feed(m_raw, m_body, m_request.bodyLimit);
        m_raw.clear();
        if (status == ScrapeDecoder::Status::Corrupt) {
            fail(ScrapeOutcome::Failure::Body,
                 QStringLiteral("sent a compressed body that does not decode: %1").arg(m_decoder->error()));
            return false;
        }
        if (status == ScrapeDecoder::Status::Ok)
            return true;
    }
    fail(ScrapeOutcome::Failure::Body,
         QStringLiteral("sent more than %1; the limit is %1").arg(scrapeSizeText(m_request.bodyLimit)));
    return false;
}

void ScrapeFetch::onComplete(bool reusable)
{
    if (m_gzip) {
        QString error;
        switch (GzipBody::decode(std::exchange(m_raw, {}), m_body, m_request.bodyLimit, error)) {
        case GzipBody::Status::Ok:
            break;
        case GzipBody::Status::TooLarge:
            return fail(ScrapeOutcome::Failure::Body,
                        QStringLiteral("sent more than %1; the limit is %1").arg(scrapeSizeText(m_request.bodyLimit)));
        case GzipBody::Status::Corrupt:
            return fail(ScrapeOutcome::Failure::Body,
                        QStringLiteral("sent a compressed body that does not decode: %1").arg(error));
        case GzipBody::Status::Truncated:
            return fail(ScrapeOutcome::Failure::Body, QStringLiteral("sent a compressed body that ends early"));
        }
    }
    if (m_decoder && !m_decoder->complete())
        return fail(ScrapeOutcome::Failure::Body, QStringLiteral("sent a compressed body that ends early"));
    releaseSocket(reusable && m_reader.reusable());
    finish();
}

void ScrapeFetch::onClosed()
{
    if (m_done || m_socket == nullptr)
        return;
    onReadyRead(); // what came before the close
    if (m_done)
        return;
    if (!m_reader.headComplete() && m_reader.bytesSeen() == 0 && m_reused && !m_retried) {
        // The server closed the kept-alive connection as we asked on it: ask once on a new one.
        m_retried = true;
        releaseSocket(false);
        if (!send())
            fail(ScrapeOutcome::Failure::Transport, QStringLiteral("closed the connection without answering"));
        return;
    }
    if (m_reader.closed() == HttpResponseReader::Step::Done)
        return decode() ? onComplete(false) : void();
    if (!m_reader.headComplete())
        return fail(ScrapeOutcome::Failure::Transport,
                    m_reader.bytesSeen() == 0
                        ? QStringLiteral("closed the connection without answering")
                        : QStringLiteral("closed the connection in the middle of its answer's head"));
    fail(ScrapeOutcome::Failure::Body,
         QStringLiteral("closed the connection after %1 of its body").arg(scrapeSizeText(m_reader.bodyBytes())));
}

void ScrapeFetch::onSocketError(QAbstractSocket::SocketError error)
{
    if (m_done || m_socket == nullptr)
        return;
    if (error == QAbstractSocket::RemoteHostClosedError)
        return onClosed();
    QString predicate;
    switch (error) {
    case QAbstractSocket::ConnectionRefusedError:
        predicate = QStringLiteral("refused the connection");
        break;
    case QAbstractSocket::HostNotFoundError:
        predicate = QStringLiteral("names a host that was not found");
        break;
    case QAbstractSocket::SslHandshakeFailedError:
        predicate = QStringLiteral("failed the TLS handshake");
        break;
    default:
        // Qt's words name no URL (so no query, which could hold a secret).
        predicate = QStringLiteral("could not be reached: %1").arg(m_socket->errorString());
        break;
    }
    if (m_headSeen)
        return fail(ScrapeOutcome::Failure::Body,
                    QStringLiteral("sent a body that cannot be read: %1").arg(m_socket->errorString()));
    fail(ScrapeOutcome::Failure::Transport, predicate);
}

void ScrapeFetch::onDeadline()
{
    if (m_done)
        return;
    const QString limit = scrapeDurationText(m_request.timeout);
    if (m_headSeen)
        return fail(ScrapeOutcome::Failure::Timeout,
                    QStringLiteral("did not finish its answer within %1 (%2 came)")
                        .arg(limit, scrapeSizeText(m_reader.bodyBytes())));
    fail(ScrapeOutcome::Failure::Timeout, QStringLiteral("did not answer within %1").arg(limit));
}

void ScrapeFetch::fail(ScrapeOutcome::Failure failure, const QString& predicate)
{
    if (m_done)
        return;
    m_failure = failure;
    static const char* const kCodes[] = {"", "transport", "timeout", "http", "body", "refused"};
    m_error = Error(scrapeSubject(m_request.target) + QLatin1Char(' ') + predicate,
                    QString::fromLatin1(kCodes[int(failure)]));
    m_body.clear();
    m_body.squeeze();
    m_raw.clear();
    m_raw.squeeze();
    if (m_socket != nullptr)
        releaseSocket(false);
    finish();
}

void ScrapeFetch::finish()
{
    m_done = true;
    m_deadline.stop();
    // Always from the event loop, so a caller never sees finished() inside its own call.
    QMetaObject::invokeMethod(
        this, [this] { Q_EMIT finished(this); }, Qt::QueuedConnection);
}

void ScrapeFetch::abort()
{
    m_done = true;
    m_deadline.stop();
    if (m_socket != nullptr)
        releaseSocket(false);
}

void ScrapeFetch::releaseSocket(bool reusable)
{
    QTcpSocket* socket = std::exchange(m_socket, nullptr);
    socket->disconnect(this);
    m_pool.release(socket, m_origin, reusable);
}

} // namespace sd
