// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "metrics/HealthExtractor.h"
#include "metrics/ScrapeConnectionPool.h"
#include "metrics/ScrapeOutcome.h"
#include "metrics/ScrapeRequest.h"

#include <QHash>
#include <QObject>

#include <deque>

namespace sd {

class ScrapeFetch;

// Does the work of scrapes in a thread of its own: the HTTP exchange on its pool of keep-alive
// connections, gzip decoding and the parse (HealthExtractor), and hands each result back as a
// ScrapeOutcome through finished(). The Scraper (on the GUI thread) keeps the schedule and the cap
// and talks to it only through queued calls, so nothing here ever blocks the GUI thread. Requests
// to an origin with all ScrapeConnectionPool::kPerOrigin connections busy wait here, in order.
class ScrapeWorker : public QObject
{
    Q_OBJECT
public:
    explicit ScrapeWorker(QObject* parent = nullptr);
    ~ScrapeWorker() override;

    // Called in the worker's thread (the Scraper posts them).
    void submit(const sd::ScrapeRequest& request);
    // Stops a request without an outcome.
    void cancel(quint64 id);
    void cancelAll();

Q_SIGNALS:
    void finished(quint64 id, const sd::ScrapeOutcome& outcome);

private:
    void onFetchFinished(ScrapeFetch* fetch);
    void sendWaiting(const QString& origin);
    ScrapeOutcome outcomeOf(const ScrapeFetch& fetch);

    ScrapeConnectionPool m_pool;
    HealthExtractor m_extractor;
    QHash<quint64, ScrapeFetch*> m_fetches; // children
    QHash<QString, std::deque<ScrapeFetch*>> m_waiting; // started, but no connection was free
};

} // namespace sd
