// SPDX-License-Identifier: GPL-3.0-or-later
#include "metrics/ServerHealthPoller.h"

#include "core/Clock.h"
#include "metrics/HealthDerivation.h"
#include "metrics/HealthTracker.h"
#include "metrics/PromQlClient.h"

#include <QUrl>

#include <cmath>

namespace sd {

namespace {

const QList<HealthMetric> kMetrics{HealthMetric::Up,
                                   HealthMetric::CpuPercent,
                                   HealthMetric::MemoryUsedBytes,
                                   HealthMetric::MemoryPercent,
                                   HealthMetric::ResidentBytes,
                                   HealthMetric::VirtualBytes};

} // namespace

ServerHealthPoller::ServerHealthPoller(PromQlClient& prometheus, HealthTracker& tracker, const Clock& clock,
                                       QObject* parent)
    : QObject(parent)
    , m_prometheus(&prometheus)
    , m_tracker(tracker)
    , m_clock(clock)
{
    m_timer.setInterval(std::chrono::seconds(15));
    connect(&m_timer, &QTimer::timeout, this, &ServerHealthPoller::pollNow);
}

void ServerHealthPoller::setInterval(std::chrono::milliseconds interval)
{
    m_timer.setInterval(interval);
}

void ServerHealthPoller::setTargets(const QList<ScrapeTarget>& targets)
{
    ++m_generation;
    m_first.clear();
    QHash<QString, QList<QUrl>> urls;
    QStringList order;
    for (const ScrapeTarget& target : targets) {
        if (!m_first.contains(target.station)) {
            m_first.insert(target.station, target);
            order.append(target.station);
        }
        urls[target.station].append(target.url);
    }
    m_stations.clear();
    for (const QString& name : order)
        m_stations.append({name, m_templates.keysFor(name, urls.value(name))});
}

QList<ScrapeTarget> ServerHealthPoller::trackerTargets() const
{
    QList<ScrapeTarget> targets;
    for (const PromStation& station : m_stations)
        targets.append(m_first.value(station.name));
    return targets;
}

void ServerHealthPoller::start()
{
    if (!m_timer.isActive())
        m_timer.start();
    pollNow();
}

void ServerHealthPoller::stop()
{
    m_timer.stop();
    ++m_generation;
}

void ServerHealthPoller::pollNow()
{
    if (m_inFlight || m_stations.isEmpty())
        return;
    m_inFlight = true;
    m_started.start();
    const int generation = m_generation;
    const QDateTime at = m_clock.now();
    const QString server = m_prometheus->server().toDisplayString(QUrl::RemoveUserInfo | QUrl::RemoveQuery);
    const QString label = m_templates.settings().label;
    m_prometheus->fetchLatest(
        m_stations, kMetrics, QDateTime(), [this, generation, at, server, label](Result<PromFleetValues> answer) {
            m_inFlight = false;
            if (generation != m_generation)
                return;
            if (!answer) {
                Q_EMIT serverFailed(answer.error().sentence());
                return;
            }
            Q_EMIT serverAnswered();
            const double seconds = double(m_started.elapsed()) / 1000.0;
            for (const PromStation& station : m_stations) {
                ScrapeOutcome outcome;
                outcome.target = m_first.value(station.name);
                outcome.startedAt = at;
                outcome.durationSeconds = seconds;
                HealthDerivation::Values values;
                const double up = answer->value(station.name, HealthMetric::Up);
                if (!answer->stations.contains(station.name) || std::isnan(up)) {
                    outcome.failure = ScrapeOutcome::Failure::Body;
                    outcome.error
                        = Error(QStringLiteral("Prometheus at %1 has no series for %2 (label %3 = %4)")
                                    .arg(server, station.name, label, station.keys.join(QStringLiteral(" or "))));
                } else if (up < 1) {
                    outcome.failure = ScrapeOutcome::Failure::Transport;
                    outcome.error
                        = Error(QStringLiteral("Prometheus at %1 reports %2 down (up = 0): its last scrape of the "
                                               "station failed")
                                    .arg(server, station.name));
                } else {
                    values.cpuPercent = answer->value(station.name, HealthMetric::CpuPercent);
                    values.memoryUsedBytes = answer->value(station.name, HealthMetric::MemoryUsedBytes);
                    values.memoryPercent = answer->value(station.name, HealthMetric::MemoryPercent);
                    values.residentBytes = answer->value(station.name, HealthMetric::ResidentBytes);
                    values.virtualBytes = answer->value(station.name, HealthMetric::VirtualBytes);
                    values.node = !std::isnan(values.memoryPercent) || !std::isnan(values.memoryUsedBytes);
                }
                m_tracker.recordDerived(outcome, values);
            }
            m_tracker.flush();
            Q_EMIT polled();
        });
}

} // namespace sd
