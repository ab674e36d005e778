// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "metrics/HttpResponseReader.h"
#include "metrics/ScrapeDecoder.h"
#include "metrics/ScrapeOutcome.h"
#include "metrics/ScrapeRequest.h"

#include <QAbstractSocket>
#include <QByteArray>
#include <QElapsedTimer>
#include <QObject>
#include <QTimer>
#include <QUrl>

#include <memory>

class QTcpSocket;

namespace sd {

class ScrapeConnectionPool;

// One scrape of one endpoint over HTTP/1.1 on a keep-alive connection of the pool, from the first
// byte sent to the last byte of the body or the first failure; it does not parse the exposition.
// After finished():
//   failure() == None: status 200, body() holds the decoded body, contentType() its type;
//   otherwise error() is a sentence naming the station and URL, never a token.
// The timeout is a total deadline of its own, so a server that trickles a byte a second is cut
// off. The body is cut off beyond the limit as it arrives; a gzip body is decoded whole at its end
// (GzipBody: the size its trailer announces is checked first, so a compression bomb costs nothing),
// a deflate one as it arrives (ScrapeDecoder, in steps); either way the limit counts decoded bytes.
// Redirects are followed to the same origin only, at most ScrapeRequest::kMaxRedirects times. A
// reused connection the server closed before answering is retried once on a new one.
class ScrapeFetch : public QObject
{
    Q_OBJECT
public:
    ScrapeFetch(ScrapeRequest request, ScrapeConnectionPool& pool, QObject* parent = nullptr);
    ~ScrapeFetch() override;

    // The request bytes for a URL (GET, Host, Accept, Accept-Encoding gzip, User-Agent, and an
    // Authorization field when given); no cookies, nothing cached.
    static QByteArray requestBytes(const QUrl& url, const QByteArray& authorization);

    // Starts the deadline and sends when the origin has a free connection; false when it has
    // none (call send() again once one is given back).
    bool start();
    bool send();
    bool sending() const { return m_socket != nullptr; }
    // Stops it without finished().
    void abort();

    const ScrapeRequest& request() const { return m_request; }
    const QString& origin() const { return m_origin; }
    ScrapeOutcome::Failure failure() const { return m_failure; }
    const Error& error() const { return m_error; }
    int httpStatus() const { return m_status; }
    const QByteArray& contentType() const { return m_contentType; }
    const QByteArray& body() const { return m_body; }
    qint64 bodyBytes() const { return m_body.size(); }
    double elapsedSeconds() const { return double(m_elapsed.nsecsElapsed()) / 1e9; }

Q_SIGNALS:
    // Exactly once per start() that was not aborted, never from inside start() or send().
    void finished(sd::ScrapeFetch* fetch);

private:
    void onConnected();
    void onReadyRead();
    void onClosed();
    void onSocketError(QAbstractSocket::SocketError error);
    void onDeadline();
    void consume(const char* data, qsizetype size);
    bool onHead(); // false when the answer is refused (or redirected) on its head alone
    void onComplete(bool reusable);
    bool redirect();
    bool decode();
    void fail(ScrapeOutcome::Failure failure, const QString& predicate);
    void finish();
    void releaseSocket(bool reusable);

    ScrapeRequest m_request;
    ScrapeConnectionPool& m_pool;
    QString m_origin;
    QUrl m_url; // the current one, after redirects
    int m_redirects = 0;
    bool m_reused = false;
    bool m_retried = false;
    QTcpSocket* m_socket = nullptr; // leased from the pool
    HttpResponseReader m_reader;
    QTimer m_deadline;
    QElapsedTimer m_elapsed;
    bool m_done = false;
    bool m_headSeen = false; // a final (non-redirect) head
    ScrapeOutcome::Failure m_failure = ScrapeOutcome::Failure::None;
    Error m_error;
    int m_status = 0;
    QByteArray m_contentType;
    QByteArray m_raw; // encoded body bytes not decoded yet
    QByteArray m_body;
    std::unique_ptr<ScrapeDecoder> m_decoder; // for a deflate body, from the head on
    bool m_gzip = false; // a gzip body: kept in m_raw, decoded whole at the end (GzipBody)
};

} // namespace sd
