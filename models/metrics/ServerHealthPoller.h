// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "metrics/PromQlTemplates.h"
#include "metrics/PromStation.h"
#include "metrics/ScrapeTarget.h"

#include <QElapsedTimer>
#include <QHash>
#include <QList>
#include <QObject>
#include <QTimer>

#include <chrono>

namespace sd {

class Clock;
class HealthTracker;
class PromQlClient;

// Server mode: instead of scraping, asks a Prometheus-compatible server for the latest figures of
// the whole fleet once an interval (one query per metric, PromQlClient::fetchLatest) and records
// them in the HealthTracker, which then keeps state, link-down, history and sparklines exactly as
// for scraped stations:
//   up = 1            the station answered the server's last scrape: its figures are recorded;
//   up = 0            the server could not scrape it: recorded as unreachable ("Prometheus at URL
//                     reports STATION down (up = 0)"), so that a site whose stations are all down
//                     shows its link down;
//   no series         the server does not know the station (a label mismatch, most often):
//                     recorded as a failure that is not a link failure, with a sentence naming the
//                     label and the values looked for.
// When the server itself does not answer, nothing is recorded (the stations turn stale, not down)
// and serverFailed() carries the sentence. Only one poll is out at a time.
class ServerHealthPoller : public QObject
{
    Q_OBJECT
public:
    ServerHealthPoller(PromQlClient& prometheus, HealthTracker& tracker, const Clock& clock, QObject* parent = nullptr);

    void setPrometheus(PromQlClient& prometheus) { m_prometheus = &prometheus; }
    void setTemplates(const PromQlTemplates& templates) { m_templates = templates; }
    void setInterval(std::chrono::milliseconds interval);
    // Every endpoint of every station; the tracker is given the first of each station (see
    // trackerTargets()).
    void setTargets(const QList<ScrapeTarget>& targets);
    // One target per station (its first metrics URL): what the tracker follows in server mode.
    QList<ScrapeTarget> trackerTargets() const;

    void start();
    void stop();
    void pollNow();
    bool isPolling() const { return m_inFlight; }

Q_SIGNALS:
    void serverFailed(const QString& sentence);
    void serverAnswered();
    void polled(); // after the tracker has the figures of one poll

private:
    PromQlClient* m_prometheus;
    HealthTracker& m_tracker;
    const Clock& m_clock;
    PromQlTemplates m_templates;
    QTimer m_timer;
    QList<PromStation> m_stations;
    QHash<QString, ScrapeTarget> m_first; // station → its first target
    bool m_inFlight = false;
    int m_generation = 0; // answers to polls of older targets are dropped
    QElapsedTimer m_started;
};

} // namespace sd
