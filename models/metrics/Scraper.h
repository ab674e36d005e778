// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/Result.h"
#include "metrics/ScrapeOutcome.h"
#include "metrics/ScrapeRequest.h"
#include "metrics/ScrapeSchedule.h"

#include <QElapsedTimer>
#include <QHash>
#include <QList>
#include <QNetworkRequest>
#include <QObject>
#include <QTimer>

#include <chrono>
#include <deque>
#include <memory>
#include <unordered_map>
#include <vector>

class QThread;

namespace sd {

class BearerAuthenticator;
class Clock;
class ScrapeWorker;

// Scrapes every target on its ScrapeSchedule and hands each result over as a ScrapeOutcome.
//
// Lives on the GUI thread and never blocks it: the HTTP exchanges, gzip decoding and parsing run in
// ScrapeWorker threads (by default one per core, at most 4; each origin always goes to the same
// worker, so its keep-alive connections are reused), and only the small ScrapeOutcome comes back.
// The Scraper keeps the schedule and the cap: at most maxConcurrent() requests are out at once; the
// rest wait in a queue, earliest due first, except that at most ScrapeConnectionPool::kPerOrigin
// go to one origin at once (a busy site proxy does not take every slot: the next target of
// another origin goes first). Each request has a total deadline of its own
// (timeout()), so a hanging or trickling endpoint holds one slot until then and delays no other.
// Bodies over bodyLimit() (counted after gzip decoding, as they arrive) are cut off.
//
// Request (ScrapeFetch): HTTP/1.1 GET with Accept preferring OpenMetrics, then the text format
// (what Prometheus sends), User-Agent Stationdeck/<version>, Accept-Encoding gzip, keep-alive (up
// to 6 connections per origin), redirects only to the same origin and at most 5, no cookies, no
// cache; with an authenticator, every request goes through BearerAuthenticator::authorize() first
// (here, on the GUI thread), which adds the token only where its policy says so.
class Scraper : public QObject
{
    Q_OBJECT
public:
    static constexpr qint64 kDefaultBodyLimit = 16 * 1024 * 1024;
    static constexpr int kDefaultMaxConcurrent = 64;

    // `workers` threads do the HTTP and parsing work; 0 picks one per core, at most 4.
    explicit Scraper(const Clock& clock, int workers = 0, QObject* parent = nullptr);
    ~Scraper() override;

    // Requests of targets no longer listed are dropped without an outcome.
    void setTargets(const QList<ScrapeTarget>& targets);
    QList<ScrapeTarget> targets() const { return m_schedule.targets(); }

    void setInterval(std::chrono::milliseconds interval); // default 15 s
    std::chrono::milliseconds interval() const { return m_schedule.interval(); }
    void setTimeout(std::chrono::milliseconds timeout); // default 10 s, for requests sent from now on
    std::chrono::milliseconds timeout() const { return m_timeout; }
    void setMaxConcurrent(int requests); // default 64, at least 1
    int maxConcurrent() const { return m_maxConcurrent; }
    void setBodyLimit(qint64 bytes); // default 16 MiB
    qint64 bodyLimit() const { return m_bodyLimit; }
    // Not owned; null (the default) sends every request without a token.
    void setAuthenticator(const BearerAuthenticator* authenticator) { m_authenticator = authenticator; }

    // Scrapes each target when it is due, until stop().
    void start();
    // Cancels every request out or waiting, without outcomes.
    void stop();
    bool isRunning() const { return m_running; }
    // Scrapes every target not already out once, now, whether started or not (the CLI, a user's
    // "refresh"); drained() comes when all of them are done.
    void scrapeNow();

    // See ScrapeSchedule: while a site's link is down one probe at a time is tried.
    void setSiteLinkDown(const QString& site, bool down);
    const ScrapeSchedule& schedule() const { return m_schedule; }
    ScrapeSchedule& schedule() { return m_schedule; }

    int running() const { return int(m_out.size()); }
    int workerCount() const { return int(m_workers.size()); }
    int waiting() const { return int(m_waiting.size()); }

public Q_SLOTS:
    // Queues what is due now and sends what fits under the cap; the timer calls it (and tests that
    // move a ManualClock).
    void poll();

Q_SIGNALS:
    void scraped(const sd::ScrapeOutcome& outcome);
    // Nothing out and nothing waiting any more.
    void drained();

private:
    // A request that is out: asking for a token (authorizing) or with a worker.
    struct Out
    {
        ScrapeTarget target;
        QDateTime startedAt;
        QElapsedTimer since;
        QString origin;
        int worker = 0;
        std::unique_ptr<QTimer> tokenDeadline; // while authorizing
    };

    void dispatch();
    void authorized(quint64 id, Result<QNetworkRequest> request);
    void tokenTimedOut(quint64 id);
    void submit(quint64 id, const QByteArray& authorization);
    void cancel(quint64 id);
    void release(const QString& origin);
    void complete(quint64 id, const ScrapeOutcome& outcome);
    void onWorkerFinished(quint64 id, const sd::ScrapeOutcome& outcome);
    ScrapeOutcome refused(const Out& out, const QString& predicate) const;
    void rearm();

    const Clock& m_clock;
    ScrapeSchedule m_schedule;
    const BearerAuthenticator* m_authenticator = nullptr;
    std::chrono::milliseconds m_timeout{10000};
    qint64 m_bodyLimit = kDefaultBodyLimit;
    int m_maxConcurrent = kDefaultMaxConcurrent;
    bool m_running = false;
    QTimer m_timer;
    struct Waiting
    {
        ScrapeTarget target;
        QString origin; // ScrapeConnectionPool::originOf(target.url)
    };
    void enqueue(const QList<ScrapeTarget>& targets);

    std::deque<Waiting> m_waiting;
    QHash<QString, int> m_outPerOrigin; // requests out, by origin
    std::unordered_map<quint64, Out> m_out;
    quint64 m_nextId = 0;
    std::vector<QThread*> m_threads; // owned
    std::vector<ScrapeWorker*> m_workers; // each lives in its thread, deleted when it ends
};

} // namespace sd
