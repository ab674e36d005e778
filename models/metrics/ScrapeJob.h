// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "metrics/ScrapeDecoder.h"
#include "metrics/ScrapeOutcome.h"
#include "metrics/ScrapeTarget.h"

#include <QByteArray>
#include <QDateTime>
#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <chrono>
#include <memory>

class QNetworkAccessManager;
class QNetworkReply;
class QNetworkRequest;

namespace sd {

class BearerAuthenticator;

// One scrape of one endpoint over HTTP, from asking for a token to the last byte of the body or the
// first failure; it does not parse (the Scraper does). After finished():
//   failure() == None: status 200, body() holds the decoded body, contentType() its type;
//   otherwise error() is a sentence naming the station and URL, never a token.
// The timeout is a total deadline of its own (QNetworkRequest's transfer timeout only measures
// silence, which a server sending one byte a second never gives). The body is counted as it
// arrives, after gzip decoding (done here, in steps, so a compression bomb costs no more than a body
// of the limit's size), and the transfer is cut off beyond the limit.
class ScrapeJob : public QObject
{
    Q_OBJECT
public:
    struct Limits
    {
        std::chrono::milliseconds timeout{10000};
        qint64 bodyLimit = 16 * 1024 * 1024;
    };

    // What Prometheus sends: OpenMetrics first, then the text format, then anything.
    static constexpr const char* kAccept
        = "application/openmetrics-text;version=1.0.0;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1";
    static constexpr int kMaxRedirects = 5;
    // The request for a metrics URL: Accept, Accept-Encoding gzip (decoded here, see
    // ScrapeDecoder), User-Agent, no cookies, no cache, same-origin redirects only (at most
    // kMaxRedirects).
    static QNetworkRequest request(const QUrl& url);

    ScrapeJob(const ScrapeTarget& target, Limits limits, QObject* parent = nullptr);
    ~ScrapeJob() override;

    // Sends it (through `authenticator` when there is one). finished() comes exactly once,
    // never from inside start().
    void start(QNetworkAccessManager& network, const BearerAuthenticator* authenticator);
    // Stops it without finished().
    void abort();

    const ScrapeTarget& target() const { return m_target; }
    // When it began, from the caller's Clock (UTC).
    void setStartedAt(const QDateTime& at) { m_startedAt = at; }
    const QDateTime& startedAt() const { return m_startedAt; }
    ScrapeOutcome::Failure failure() const { return m_failure; }
    const Error& error() const { return m_error; }
    int httpStatus() const { return m_status; }
    const QByteArray& contentType() const { return m_contentType; }
    const QByteArray& body() const { return m_body; }
    qint64 bodyBytes() const { return m_received; }
    double elapsedSeconds() const { return double(m_elapsed.nsecsElapsed()) / 1e9; }

Q_SIGNALS:
    void finished(sd::ScrapeJob* job);

private:
    void send(QNetworkAccessManager& network, const QNetworkRequest& request);
    bool checkHead(); // false when the answer is refused on its status or type alone
    void read();
    void onFinished();
    void onDeadline();
    void fail(ScrapeOutcome::Failure failure, const QString& predicate);
    void succeed();
    void finish();
    void dropReply();
    QString transportProblem(int error) const;

    ScrapeTarget m_target;
    Limits m_limits;
    QDateTime m_startedAt;
    QPointer<QNetworkReply> m_reply;
    QTimer m_deadline;
    QElapsedTimer m_elapsed;
    bool m_authorizing = false;
    bool m_headSeen = false;
    bool m_done = false;
    ScrapeOutcome::Failure m_failure = ScrapeOutcome::Failure::None;
    Error m_error;
    int m_status = 0;
    QByteArray m_contentType;
    QByteArray m_body;
    qint64 m_received = 0;
    std::unique_ptr<ScrapeDecoder> m_decoder; // from the head on
};

} // namespace sd
