// SPDX-License-Identifier: GPL-3.0-or-later
#include "metrics/HealthTracker.h"

#include "core/Clock.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace sd {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

bool sameValue(double a, double b)
{
    return a == b || (std::isnan(a) && std::isnan(b));
}

bool sameHealth(const StationHealth& a, const StationHealth& b)
{
    if (a.state != b.state || a.reason != b.reason || a.lastSuccess != b.lastSuccess || a.lastAttempt != b.lastAttempt
        || a.hasNode != b.hasNode)
        return false;
    return std::equal(a.latest.begin(), a.latest.end(), b.latest.begin(), sameValue);
}

QString clockTime(const QDateTime& instant)
{
    return instant.toUTC().toString(QStringLiteral("HH:mm"));
}

// Ends with a full stop; unlike Error::sentence() keeps a leading URL as it is ("http://...").
QString asSentence(QString text)
{
    text = text.trimmed();
    if (!text.isEmpty() && !text.endsWith(QLatin1Char('.')) && !text.endsWith(QLatin1Char('!'))
        && !text.endsWith(QLatin1Char('?')))
        text += QLatin1Char('.');
    return text;
}

QString displayUrl(const QUrl& url)
{
    return url.toDisplayString(QUrl::RemoveUserInfo | QUrl::RemoveQuery);
}

QString failureText(ScrapeOutcome::Failure failure, int httpStatus)
{
    switch (failure) {
    case ScrapeOutcome::Failure::None:
        return {};
    case ScrapeOutcome::Failure::Transport:
        return QStringLiteral("no connection");
    case ScrapeOutcome::Failure::Timeout:
        return QStringLiteral("no answer in time");
    case ScrapeOutcome::Failure::Http:
        return QStringLiteral("HTTP status %1").arg(httpStatus);
    case ScrapeOutcome::Failure::Body:
        return QStringLiteral("not a valid exposition");
    case ScrapeOutcome::Failure::Refused:
        return QStringLiteral("not asked (refused by policy)");
    }
    return {};
}

// Takes `value` into the newest row's `metric` with `merge` (min for Up, max for the duration).
template <typename Merge>
void mergeNewest(SeriesStore& store, const QString& key, HealthMetric metric, double value, Merge merge)
{
    const double held = store.newest(key, metric);
    store.set(key, metric, std::isnan(held) ? value : merge(held, value));
}

} // namespace

HealthTracker::HealthTracker(const Clock& clock, Options options, QObject* parent)
    : StationHealthSource(parent)
    , m_clock(clock)
    , m_options(options)
    , m_store(options.capacity())
{ }

QString HealthTracker::endpointKey(const ScrapeTarget& target)
{
    return target.station + QLatin1Char('\n') + target.url.toString(QUrl::FullyEncoded);
}

void HealthTracker::setTargets(const QList<ScrapeTarget>& targets)
{
    std::vector<Endpoint> endpoints;
    QHash<QString, int> endpointIndex;
    std::vector<Station> stations;
    QHash<QString, int> stationIndex;
    for (const ScrapeTarget& target : targets) {
        const QString key = endpointKey(target);
        if (endpointIndex.contains(key))
            continue;
        const int old = m_endpointIndex.value(key, -1);
        Endpoint endpoint = old >= 0 ? m_endpoints[std::size_t(old)] : Endpoint{};
        endpoint.target = target;
        endpointIndex.insert(key, int(endpoints.size()));
        endpoints.push_back(endpoint);

        int at = stationIndex.value(target.station, -1);
        if (at < 0) {
            const int previous = m_stationIndex.value(target.station, -1);
            Station station;
            station.name = target.station;
            station.site = target.site;
            if (previous >= 0) {
                const Station& kept = m_stations[std::size_t(previous)];
                station.hasRow = kept.hasRow;
                station.rowMs = kept.rowMs;
                station.health = kept.health;
            }
            at = int(stations.size());
            stationIndex.insert(target.station, at);
            stations.push_back(station);
        }
        Station& station = stations[std::size_t(at)];
        station.endpoints.append(int(endpoints.size()) - 1);
        station.inRow.append(false);
    }
    for (const Station& gone : m_stations) {
        if (!stationIndex.contains(gone.name))
            m_store.remove(gone.name);
    }

    QHash<QString, Site> sites;
    for (std::size_t i = 0; i < stations.size(); ++i) {
        Site& site = sites[stations[i].site];
        site.stations.append(int(i));
        const auto kept = m_sites.constFind(stations[i].site);
        if (kept != m_sites.cend() && site.stations.size() == 1) {
            site.linkDown = kept->linkDown;
            site.since = kept->since;
        }
    }
    for (auto it = m_sites.cbegin(); it != m_sites.cend(); ++it) {
        if (it->linkDown && !sites.contains(it.key()))
            m_pendingSites.append({it.key(), false});
    }

    m_endpoints = std::move(endpoints);
    m_endpointIndex = std::move(endpointIndex);
    m_stations = std::move(stations);
    m_stationIndex = std::move(stationIndex);
    m_sites = std::move(sites);

    const QDateTime now = m_clock.now();
    const QStringList siteNames = m_sites.keys();
    for (const QString& name : siteNames)
        evaluateSite(name, now);
    for (std::size_t i = 0; i < m_stations.size(); ++i)
        evaluateStation(int(i), now);
    m_changed = true;
    emitPending();
    flush();
}

void HealthTracker::record(const ScrapeOutcome& outcome)
{
    apply(outcome, nullptr);
}

void HealthTracker::recordDerived(const ScrapeOutcome& outcome, const HealthDerivation::Values& values)
{
    apply(outcome, &values);
}

void HealthTracker::apply(const ScrapeOutcome& outcome, const HealthDerivation::Values* given)
{
    const int index = m_endpointIndex.value(endpointKey(outcome.target), -1);
    if (index < 0)
        return;
    Endpoint& endpoint = m_endpoints[std::size_t(index)];
    if (endpoint.attempt.made && outcome.startedAt < endpoint.attempt.at)
        return; // the late answer of an older attempt
    const qint64 ms = outcome.startedAt.toMSecsSinceEpoch();

    endpoint.attempt.made = true;
    endpoint.attempt.failure = outcome.failure;
    endpoint.attempt.at = outcome.startedAt;
    if (!outcome.isUnreachable())
        endpoint.attempt.unreachableSince = {};
    else if (!endpoint.attempt.unreachableSince.isValid())
        endpoint.attempt.unreachableSince = outcome.startedAt;
    endpoint.error = outcome.error;
    endpoint.httpStatus = outcome.httpStatus;
    endpoint.durationSeconds = outcome.durationSeconds;
    if (outcome.ok()) {
        if (given != nullptr)
            endpoint.values = *given;
        else
            endpoint.values = endpoint.hasPrevious
                ? HealthDerivation::derive(endpoint.previous, endpoint.previousMs, outcome.raw, ms)
                : HealthDerivation::derive(outcome.raw);
        endpoint.role = endpoint.values.node ? Role::Node : Role::Application;
        endpoint.hasPrevious = true;
        endpoint.previous = outcome.raw;
        endpoint.previousMs = ms;
        endpoint.lastSuccess = outcome.startedAt;
    } else {
        endpoint.values = {}; // a gap; the previous success stays for the next rate
    }

    const int stationAt = m_stationIndex.value(outcome.target.station, -1);
    Station& station = m_stations[std::size_t(stationAt)];
    writeRow(station, index, outcome);

    const QDateTime now = m_clock.now();
    if (!evaluateSite(station.site, now))
        evaluateStation(stationAt, now);
    emitPending();
}

int HealthTracker::source(const Station& station, HealthMetric metric) const
{
    const auto first = [&](Role role) {
        for (int index : station.endpoints) {
            if (m_endpoints[std::size_t(index)].role == role)
                return index;
        }
        return -1;
    };
    switch (metric) {
    case HealthMetric::CpuPercent: {
        const int node = first(Role::Node);
        return node >= 0 ? node : first(Role::Application);
    }
    case HealthMetric::MemoryUsedBytes:
    case HealthMetric::MemoryPercent:
        return first(Role::Node);
    case HealthMetric::ResidentBytes:
    case HealthMetric::VirtualBytes:
        return first(Role::Application);
    case HealthMetric::Up:
    case HealthMetric::ScrapeSeconds:
        break;
    }
    return -1;
}

void HealthTracker::writeRow(Station& station, int endpointIndex, const ScrapeOutcome& outcome)
{
    // One row per round: an endpoint's next scrape, or a round's worth of time, starts the next.
    const qsizetype local = station.endpoints.indexOf(endpointIndex);
    const qint64 ms = outcome.startedAt.toMSecsSinceEpoch();
    if (!station.hasRow || station.inRow[local] || ms - station.rowMs >= m_options.interval.count()) {
        m_store.append(station.name, ms);
        station.rowMs = m_store.newestTime(station.name).value_or(ms);
        station.hasRow = true;
        station.inRow.fill(false);
    }
    station.inRow[local] = true;

    mergeNewest(m_store, station.name, HealthMetric::Up, outcome.ok() ? 1.0 : 0.0,
                [](double a, double b) { return std::min(a, b); });
    mergeNewest(m_store, station.name, HealthMetric::ScrapeSeconds, outcome.durationSeconds,
                [](double a, double b) { return std::max(a, b); });
    const HealthDerivation::Values& values = m_endpoints[std::size_t(endpointIndex)].values;
    const std::array<std::pair<HealthMetric, double>, 5> derived = {{
        {HealthMetric::CpuPercent, values.cpuPercent},
        {HealthMetric::MemoryUsedBytes, values.memoryUsedBytes},
        {HealthMetric::MemoryPercent, values.memoryPercent},
        {HealthMetric::ResidentBytes, values.residentBytes},
        {HealthMetric::VirtualBytes, values.virtualBytes},
    }};
    for (const auto& [metric, value] : derived) {
        if (!std::isnan(value) && source(station, metric) == endpointIndex)
            m_store.set(station.name, metric, value);
    }
}

bool HealthTracker::evaluateSite(const QString& name, const QDateTime& now)
{
    Site& site = m_sites[name];
    QList<SiteLinkDetector::Witness> witnesses;
    witnesses.reserve(site.stations.size());
    for (int stationIndex : site.stations) {
        QList<SiteLinkDetector::Attempt> attempts;
        for (int index : m_stations[std::size_t(stationIndex)].endpoints)
            attempts.append(m_endpoints[std::size_t(index)].attempt);
        witnesses.append(SiteLinkDetector::witness(attempts));
    }
    const auto decision = SiteLinkDetector::decide(site.linkDown, witnesses, now, m_options.linkWindowMs());
    site.witnesses = decision.witnesses;
    if (decision.down == site.linkDown)
        return false;
    site.linkDown = decision.down;
    site.since = decision.since;
    m_pendingSites.append({name, decision.down});
    for (int stationIndex : site.stations)
        evaluateStation(stationIndex, now);
    return true;
}

void HealthTracker::evaluateStation(int stationIndex, const QDateTime& now)
{
    Station& station = m_stations[std::size_t(stationIndex)];
    StationHealth health = computeHealth(station, now);
    if (sameHealth(health, station.health))
        return;
    station.health = std::move(health);
    if (!m_pendingStations.contains(station.name))
        m_pendingStations.append(station.name);
    m_changed = true;
}

StationHealth HealthTracker::computeHealth(const Station& station, const QDateTime& now) const
{
    StationHealth health;
    bool anyFailed = false;
    bool stale = false;
    bool asked = false; // an endpoint really sent over the network
    double slowest = kNaN;
    for (int index : station.endpoints) {
        const Endpoint& endpoint = m_endpoints[std::size_t(index)];
        health.hasNode = health.hasNode || endpoint.role == Role::Node;
        if (!endpoint.attempt.made)
            continue;
        asked = asked || endpoint.attempt.failure != ScrapeOutcome::Failure::Refused;
        if (!health.lastAttempt.isValid() || endpoint.attempt.at > health.lastAttempt)
            health.lastAttempt = endpoint.attempt.at;
        if (endpoint.lastSuccess.isValid()
            && (!health.lastSuccess.isValid() || endpoint.lastSuccess > health.lastSuccess))
            health.lastSuccess = endpoint.lastSuccess;
        slowest = std::isnan(slowest) ? endpoint.durationSeconds : std::max(slowest, endpoint.durationSeconds);
        if (endpoint.attempt.failure != ScrapeOutcome::Failure::None)
            anyFailed = true;
        else if (endpoint.lastSuccess.msecsTo(now) > m_options.staleAfterMs())
            stale = true;
    }
    if (!health.lastAttempt.isValid())
        return health; // Unknown

    for (int metric = 0; metric < kHealthMetricCount; ++metric) {
        const int index = source(station, HealthMetric(metric));
        if (index < 0)
            continue;
        const HealthDerivation::Values& values = m_endpoints[std::size_t(index)].values;
        const std::array<double, kHealthMetricCount> all = {values.cpuPercent,
                                                            values.memoryUsedBytes,
                                                            values.memoryPercent,
                                                            values.residentBytes,
                                                            values.virtualBytes,
                                                            kNaN,
                                                            kNaN};
        health.latest[std::size_t(metric)] = all[std::size_t(metric)];
    }
    health.latest[std::size_t(HealthMetric::Up)] = anyFailed ? 0.0 : 1.0;
    health.latest[std::size_t(HealthMetric::ScrapeSeconds)] = slowest;

    const Site site = m_sites.value(station.site);
    if (site.linkDown && asked) {
        health.state = HealthState::LinkDown;
        health.reason = QStringLiteral("The link to site %1 is down: none of its %2 stations answers (since %3).")
                            .arg(station.site)
                            .arg(site.witnesses)
                            .arg(clockTime(site.since));
    } else if (anyFailed) {
        health.state = HealthState::Down;
        health.reason = downReason(station);
    } else if (stale) {
        health.state = HealthState::Stale;
        health.reason = QStringLiteral("No fresh data from %1 since %2: its last successful scrape is older "
                                       "than %3 scrape intervals (%4 s).")
                            .arg(station.name, clockTime(health.lastSuccess))
                            .arg(m_options.staleAfterIntervals)
                            .arg(m_options.staleAfterMs() / 1000);
    } else {
        health.state = HealthState::Up;
    }
    return health;
}

QString HealthTracker::downReason(const Station& station) const
{
    QString reason;
    int failing = 0;
    for (int index : station.endpoints) {
        const Endpoint& endpoint = m_endpoints[std::size_t(index)];
        if (!endpoint.attempt.made || endpoint.attempt.failure == ScrapeOutcome::Failure::None)
            continue;
        if (++failing > 1)
            continue;
        const QString url = displayUrl(endpoint.target.url);
        QString message = endpoint.error.message();
        if (message.isEmpty())
            message = failureText(endpoint.attempt.failure, endpoint.httpStatus);
        if (!message.contains(url))
            message = url + QStringLiteral(": ") + message;
        reason = asSentence(message);
    }
    if (failing > 1)
        reason += QStringLiteral(" %1 more endpoint(s) of %2 fail as well.").arg(failing - 1).arg(station.name);
    return reason;
}

void HealthTracker::emitPending()
{
    const auto sites = std::exchange(m_pendingSites, {});
    const auto stations = std::exchange(m_pendingStations, {});
    for (const auto& [site, down] : sites)
        Q_EMIT siteLinkChanged(site, down);
    for (const QString& station : stations)
        Q_EMIT stationChanged(station);
}

void HealthTracker::tick()
{
    const QDateTime now = m_clock.now();
    for (std::size_t i = 0; i < m_stations.size(); ++i)
        evaluateStation(int(i), now);
    emitPending();
    flush();
}

void HealthTracker::flush()
{
    if (!std::exchange(m_changed, false))
        return;
    Q_EMIT healthChanged();
}

QStringList HealthTracker::stations() const
{
    QStringList names;
    names.reserve(qsizetype(m_stations.size()));
    for (const Station& station : m_stations)
        names.append(station.name);
    return names;
}

QString HealthTracker::siteOf(const QString& station) const
{
    const int index = m_stationIndex.value(station, -1);
    return index < 0 ? QString() : m_stations[std::size_t(index)].site;
}

StationHealth HealthTracker::health(const QString& station) const
{
    const int index = m_stationIndex.value(station, -1);
    return index < 0 ? StationHealth{} : m_stations[std::size_t(index)].health;
}

HealthSeries HealthTracker::history(const QString& station, HealthMetric metric, const QDateTime& from,
                                    const QDateTime& to) const
{
    HealthSeries held = m_store.range(station, metric, from.toMSecsSinceEpoch(), to.toMSecsSinceEpoch());
    HealthSeries series;
    series.station = held.station;
    series.metric = held.metric;
    series.timesMs.reserve(held.timesMs.size());
    series.values.reserve(held.values.size());
    for (std::size_t i = 0; i < held.timesMs.size(); ++i) {
        if (i > 0 && held.timesMs[i] - held.timesMs[i - 1] > m_options.staleAfterMs()) {
            series.timesMs.push_back(held.timesMs[i - 1] + m_options.interval.count());
            series.values.push_back(kNaN);
        }
        series.timesMs.push_back(held.timesMs[i]);
        series.values.push_back(held.values[i]);
    }
    return series;
}

std::vector<double> HealthTracker::sparkline(const QString& station, HealthMetric metric, int count) const
{
    return m_store.last(station, metric, std::size_t(std::max(count, 0)));
}

bool HealthTracker::siteLinkDown(const QString& site) const
{
    const auto found = m_sites.constFind(site);
    return found != m_sites.cend() && found->linkDown;
}

QStringList HealthTracker::sitesWithLinkDown() const
{
    QStringList names;
    for (auto it = m_sites.cbegin(); it != m_sites.cend(); ++it) {
        if (it->linkDown)
            names.append(it.key());
    }
    names.sort();
    return names;
}

int HealthTracker::count(HealthState state) const
{
    return counts()[std::size_t(state)];
}

std::array<int, 5> HealthTracker::counts() const
{
    std::array<int, 5> counted{};
    for (const Station& station : m_stations)
        ++counted[std::size_t(station.health.state)];
    return counted;
}

} // namespace sd
