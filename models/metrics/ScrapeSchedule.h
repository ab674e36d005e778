// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "metrics/ScrapeTarget.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QString>

#include <chrono>
#include <cstdint>
#include <optional>
#include <set>
#include <utility>
#include <vector>

namespace sd {

class Clock;

// When each scrape target is due. Pure: no network, no timer; time comes from the Clock. The
// Scraper asks takeDue() for the targets due now, scrapes them, and reports each result back; it
// arms one timer for nextDue().
//
// Phase: every target has a fixed offset within the interval, from a hash of its URL (FNV-1a, the
// same in every run), and is scraped at the instants t with t % interval == offset (UTC epoch
// milliseconds), as Prometheus does: the load spreads evenly over the interval, and a restarted
// console keeps each target's phase. A new target is first due at its next such instant.
//
// Backoff: after n failures in a row a target is due again after interval × 2^n, at most
// maxBackoff(), shortened by a jitter of up to 20 % (a hash of the URL and n, so the retries of
// many targets that failed together spread out). One success puts it back on its phase.
//
// Link down (set from outside by whoever tells a dead link from dead stations): while a site's
// link is down, its targets rest and one probe at a time is tried, at the site's own backoff
// (interval × 2^n after n failed probes, same cap and jitter); the probe is each target of the site
// in turn, so one dead station cannot keep a site down. When the link comes back every target of
// the site is due at once, with its failure count cleared.
//
// A target handed out by takeDue() or takeAll() is in flight, and is not due again until it is
// reported (reportSuccess/reportFailure). Reports for targets no longer in the list are ignored.
class ScrapeSchedule
{
public:
    explicit ScrapeSchedule(const Clock& clock);

    // Default 15 s. Targets on their phase move to the new phase; backing-off targets keep their time.
    void setInterval(std::chrono::milliseconds interval);
    std::chrono::milliseconds interval() const { return std::chrono::milliseconds(m_intervalMs); }
    // The longest backoff; zero (the default) means min(5 min, 20 intervals), never below one interval.
    void setMaxBackoff(std::chrono::milliseconds cap);
    std::chrono::milliseconds maxBackoff() const;

    // Targets equal to ones already known keep their state (failures, due time, in flight);
    // duplicates are dropped.
    void setTargets(const QList<ScrapeTarget>& targets);
    QList<ScrapeTarget> targets() const;

    // The targets due now, earliest first; they are in flight until reported.
    QList<ScrapeTarget> takeDue();
    // Every target not in flight, resting ones included (a scrape asked for by the user).
    QList<ScrapeTarget> takeAll();
    void reportSuccess(const ScrapeTarget& target);
    void reportFailure(const ScrapeTarget& target);
    // Gives back a target handed out but not scraped (scraping stopped): due again as before,
    // without a success or failure counted.
    void cancel(const ScrapeTarget& target);
    bool contains(const ScrapeTarget& target) const { return find(target) >= 0; }

    // When the next target is due (UTC); nothing when none is waiting (all in flight or no targets).
    std::optional<QDateTime> nextDue() const;

    void setSiteLinkDown(const QString& site, bool down);
    bool isSiteLinkDown(const QString& site) const;

    // Diagnostics and tests.
    static std::uint64_t hash(const QByteArray& bytes); // FNV-1a 64
    std::chrono::milliseconds phaseOffset(const QUrl& url) const;
    // The wait after `failures` failures in a row, jitter included; `key` picks the jitter.
    std::chrono::milliseconds backoff(const QByteArray& key, int failures) const;
    int failures(const ScrapeTarget& target) const; // -1 for an unknown target
    std::optional<QDateTime> dueAt(const ScrapeTarget& target) const; // nothing while in flight or resting
    bool isInFlight(const ScrapeTarget& target) const;

private:
    struct Entry
    {
        ScrapeTarget target;
        qint64 phaseMs = 0;
        qint64 dueMs = 0; // valid while queued
        int failures = 0;
        bool queued = false;
        bool inFlight = false;
    };
    struct Site
    {
        bool linkDown = false;
        int failures = 0; // failed probes since the link went down
        qint64 probeDueMs = 0;
        int probe = -1; // the entry that is the probe now, or -1
        int nextProbe = 0; // round robin over members
        std::vector<int> members;
    };

    qint64 nowMs() const;
    qint64 nextSlot(qint64 phaseMs, qint64 fromMs) const; // the first instant >= fromMs on the phase
    void enqueue(int index, qint64 dueMs);
    void dequeue(int index);
    int find(const ScrapeTarget& target) const;
    enum class Result { Success, Failure, None };
    void report(const ScrapeTarget& target, Result result);
    void chooseProbe(Site& site);
    void rebuildSites(const QHash<QString, QString>& probes);
    QList<ScrapeTarget> take(bool all);

    const Clock& m_clock;
    qint64 m_intervalMs = 15000;
    qint64 m_maxBackoffMs = 0;
    std::vector<Entry> m_entries;
    QHash<QString, int> m_index; // target key -> entry
    QHash<QString, Site> m_sites; // kept across setTargets, so a link-down state survives
    std::set<std::pair<qint64, int>> m_queue; // (due, entry index)
};

} // namespace sd
