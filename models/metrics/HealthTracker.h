// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/Error.h"
#include "metrics/HealthDerivation.h"
#include "metrics/HealthTrackerOptions.h"
#include "metrics/ScrapeOutcome.h"
#include "metrics/SeriesStore.h"
#include "metrics/SiteLinkDetector.h"
#include "metrics/StationHealth.h"
#include "metrics/StationHealthSource.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QObject>
#include <QStringList>

#include <array>
#include <vector>

namespace sd {

class Clock;

// The live health of every station, from the Scraper's outcomes: state (StationHealth), the
// latest derived values, the history of each metric (SeriesStore) and the link state of each site
// (SiteLinkDetector). No network and no timer of its own: time comes from the Clock.
//
// A station is the set of targets with its name (setTargets); it may have several endpoints, e.g.
// a node_exporter and an application's /metrics. The node_exporter gives CPU and memory (it wins
// over an application's process CPU), the application gives resident and virtual memory; with
// several of a kind, the first in target order counts. Up is 1 only when every endpoint answered.
//
// States (see docs/health-state.md): Unknown before the first attempt; LinkDown for the stations
// of a site whose link is down; Down when an endpoint's latest attempt failed; Stale when the
// newest success is older than staleAfterIntervals × interval with no failure to explain it;
// else Up.
//
// Signals: stationChanged(station) at once, whenever a station's health (state, reason, values,
// times) changes; siteLinkChanged(site, down) at once (the app forwards it to the Scraper).
// healthChanged() (StationHealthSource) is batched: record() never emits it; tick() and flush() emit it once if
// anything changed since the last one, and setTargets() emits it. A fleet table listens to healthChanged() only and the
// app ticks about once a second, so 2,000 answers in a round cost one repaint a second.
class HealthTracker : public StationHealthSource
{
    Q_OBJECT
public:
    using Options = HealthTrackerOptions;

    explicit HealthTracker(const Clock& clock, Options options = {}, QObject* parent = nullptr);

    const Options& options() const { return m_options; }

    // The endpoints to follow. Kept: the state and history of stations and endpoints still there;
    // dropped: those gone. Emits siteLinkChanged for sites whose link state changes, and healthChanged().
    void setTargets(const QList<ScrapeTarget>& targets);
    // One scrape result. Ignored for a target not set, or older than that endpoint's latest attempt.
    void record(const ScrapeOutcome& outcome);
    // Server mode (ServerHealthPoller): figures a Prometheus server derived already (CPU from
    // rate(), memory), recorded as one scrape of the target would be; outcome.raw is not used.
    void recordDerived(const ScrapeOutcome& outcome, const HealthDerivation::Values& values);
    // Re-evaluates Stale against the clock, then flush(). The app calls it on a timer (~1 s).
    void tick();
    // Emits healthChanged() if any station changed since the last one.
    void flush();

    QStringList stations() const; // in target order
    QString siteOf(const QString& station) const;
    // Unknown (default StationHealth) for a station not set.
    StationHealth health(const QString& station) const override;
    // The metric between two instants, NaN for failed scrapes, and a NaN point inserted where no
    // row came for more than staleAfterIntervals intervals (scraping paused): charts show gaps.
    HealthSeries history(const QString& station, HealthMetric metric, const QDateTime& from, const QDateTime& to) const;
    // The newest `count` values, oldest first, NaN for gaps (for sparklines).
    std::vector<double> sparkline(const QString& station, HealthMetric metric, int count) const override;

    bool siteLinkDown(const QString& site) const override;
    QStringList sitesWithLinkDown() const; // sorted
    int count(HealthState state) const;
    std::array<int, 5> counts() const; // indexed by HealthState

    const SeriesStore& store() const { return m_store; }

Q_SIGNALS:
    void stationChanged(const QString& station);
    void siteLinkChanged(const QString& site, bool down);

private:
    enum class Role { Unknown, Node, Application };
    struct Endpoint
    {
        ScrapeTarget target;
        SiteLinkDetector::Attempt attempt; // the latest
        Error error; // of the latest attempt
        int httpStatus = 0;
        double durationSeconds = 0;
        QDateTime lastSuccess;
        Role role = Role::Unknown; // from its latest success
        bool hasPrevious = false; // the previous successful scrape, for rates
        RawHealth previous;
        qint64 previousMs = 0;
        HealthDerivation::Values values; // of the latest attempt (NaN when it failed)
    };
    struct Station
    {
        QString name;
        QString site;
        QList<int> endpoints; // into m_endpoints, in target order
        bool hasRow = false; // the store's newest row: when, and which endpoints wrote to it
        qint64 rowMs = 0;
        QList<bool> inRow;
        StationHealth health;
    };
    struct Site
    {
        QList<int> stations; // into m_stations
        bool linkDown = false;
        QDateTime since;
        int witnesses = 0;
    };

    static QString endpointKey(const ScrapeTarget& target);
    void apply(const ScrapeOutcome& outcome, const HealthDerivation::Values* given);
    int source(const Station& station, HealthMetric metric) const;
    void writeRow(Station& station, int endpointIndex, const ScrapeOutcome& outcome);
    bool evaluateSite(const QString& name, const QDateTime& now);
    void evaluateStation(int stationIndex, const QDateTime& now);
    StationHealth computeHealth(const Station& station, const QDateTime& now) const;
    QString downReason(const Station& station) const;
    void emitPending();

    const Clock& m_clock;
    Options m_options;
    SeriesStore m_store;
    std::vector<Endpoint> m_endpoints;
    QHash<QString, int> m_endpointIndex;
    std::vector<Station> m_stations;
    QHash<QString, int> m_stationIndex;
    QHash<QString, Site> m_sites;
    QStringList m_pendingStations; // stationChanged to emit
    QList<QPair<QString, bool>> m_pendingSites; // siteLinkChanged to emit
    bool m_changed = false; // healthChanged() to emit at the next flush()
};

} // namespace sd
