// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "metrics/HealthExtractor.h"
#include "metrics/ScrapeJob.h"
#include "metrics/ScrapeOutcome.h"
#include "metrics/ScrapeSchedule.h"

#include <QList>
#include <QObject>
#include <QTimer>

#include <chrono>
#include <deque>

class QNetworkAccessManager;

namespace sd {

class BearerAuthenticator;
class Clock;

// Scrapes every target on its ScrapeSchedule and hands each result over as a ScrapeOutcome.
//
// Lives on the GUI thread without ever blocking it: Qt's network access manager does the socket
// work in its own thread, each answer is read as it arrives, and the parse of a body takes
// microseconds (see docs/scraping.md for the figures). At most maxConcurrent() requests are out at
// once; the rest wait in a queue, earliest due first. Each request has a total deadline of its own
// (timeout()), so a hanging or trickling endpoint holds one slot until then and delays no other.
// Bodies over bodyLimit() (counted after gzip decoding, as they arrive) are cut off.
//
// Request: GET with Accept preferring OpenMetrics, then the text format (what Prometheus sends),
// User-Agent Stationdeck/<version>, gzip (Qt adds Accept-Encoding and decodes), keep-alive (Qt's
// connection pool, up to 6 connections per host and port), redirects only to the same origin and
// at most 5, no cookies, no cache; with an authenticator, every request goes through
// BearerAuthenticator::authorize(), which adds the token only where its policy says so.
class Scraper : public QObject
{
    Q_OBJECT
public:
    static constexpr qint64 kDefaultBodyLimit = 16 * 1024 * 1024;
    static constexpr int kDefaultMaxConcurrent = 64;

    Scraper(QNetworkAccessManager& network, const Clock& clock, QObject* parent = nullptr);
    ~Scraper() override;

    // Requests of targets no longer listed are dropped without an outcome.
    void setTargets(const QList<ScrapeTarget>& targets);
    QList<ScrapeTarget> targets() const { return m_schedule.targets(); }

    void setInterval(std::chrono::milliseconds interval); // default 15 s
    std::chrono::milliseconds interval() const { return m_schedule.interval(); }
    void setTimeout(std::chrono::milliseconds timeout); // default 10 s, for requests sent from now on
    std::chrono::milliseconds timeout() const { return m_limits.timeout; }
    void setMaxConcurrent(int requests); // default 64, at least 1
    int maxConcurrent() const { return m_maxConcurrent; }
    void setBodyLimit(qint64 bytes); // default 16 MiB
    qint64 bodyLimit() const { return m_limits.bodyLimit; }
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

    int running() const { return int(m_jobs.size()); }
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
    void dispatch();
    void onJobFinished(ScrapeJob* job);
    ScrapeOutcome outcomeOf(ScrapeJob& job);
    void rearm();

    QNetworkAccessManager& m_network;
    const Clock& m_clock;
    ScrapeSchedule m_schedule;
    HealthExtractor m_extractor;
    const BearerAuthenticator* m_authenticator = nullptr;
    ScrapeJob::Limits m_limits;
    int m_maxConcurrent = kDefaultMaxConcurrent;
    bool m_running = false;
    QTimer m_timer;
    std::deque<ScrapeTarget> m_waiting;
    QList<ScrapeJob*> m_jobs; // owned (children)
};

} // namespace sd
