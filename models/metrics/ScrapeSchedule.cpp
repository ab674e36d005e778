// SPDX-License-Identifier: GPL-3.0-or-later
#include "metrics/ScrapeSchedule.h"

#include "core/Clock.h"

#include <algorithm>
#include <limits>

namespace sd {

namespace {

constexpr qint64 kDefaultCapMs = 5 * 60 * 1000;
constexpr int kDefaultCapIntervals = 20;
constexpr double kJitterShare = 0.2; // a backoff is shortened by up to this share

QByteArray urlKey(const QUrl& url)
{
    return url.toEncoded();
}

QString targetKey(const ScrapeTarget& target)
{
    return target.station + QLatin1Char('\x1f') + target.site + QLatin1Char('\x1f')
        + QString::fromLatin1(urlKey(target.url));
}

} // namespace

ScrapeSchedule::ScrapeSchedule(const Clock& clock)
    : m_clock(clock)
{ }

std::uint64_t ScrapeSchedule::hash(const QByteArray& bytes)
{
    std::uint64_t h = 14695981039346656037ULL;
    for (const char c : bytes) {
        h ^= std::uint8_t(c);
        h *= 1099511628211ULL;
    }
    return h;
}

qint64 ScrapeSchedule::nowMs() const
{
    return m_clock.now().toMSecsSinceEpoch();
}

void ScrapeSchedule::setInterval(std::chrono::milliseconds interval)
{
    m_intervalMs = std::max<qint64>(1, interval.count());
    const qint64 now = nowMs();
    for (int i = 0; i < int(m_entries.size()); ++i) {
        Entry& entry = m_entries[std::size_t(i)];
        entry.phaseMs = phaseOffset(entry.target.url).count();
        if (entry.queued && entry.failures == 0 && !m_sites.value(entry.target.site).linkDown)
            enqueue(i, nextSlot(entry.phaseMs, now));
    }
}

void ScrapeSchedule::setMaxBackoff(std::chrono::milliseconds cap)
{
    m_maxBackoffMs = std::max<qint64>(0, cap.count());
}

std::chrono::milliseconds ScrapeSchedule::maxBackoff() const
{
    const qint64 cap
        = m_maxBackoffMs > 0 ? m_maxBackoffMs : std::min(kDefaultCapMs, m_intervalMs * kDefaultCapIntervals);
    return std::chrono::milliseconds(std::max(cap, m_intervalMs));
}

std::chrono::milliseconds ScrapeSchedule::phaseOffset(const QUrl& url) const
{
    return std::chrono::milliseconds(qint64(hash(urlKey(url)) % std::uint64_t(m_intervalMs)));
}

std::chrono::milliseconds ScrapeSchedule::backoff(const QByteArray& key, int failures) const
{
    const qint64 cap = maxBackoff().count();
    qint64 base = m_intervalMs;
    for (int i = 0; i < failures && base < cap; ++i)
        base *= 2;
    base = std::min(base, cap);
    const double share = double(hash(key + '#' + QByteArray::number(failures)) >> 11) / double(1ULL << 53);
    return std::chrono::milliseconds(base - qint64(double(base) * kJitterShare * share));
}

qint64 ScrapeSchedule::nextSlot(qint64 phaseMs, qint64 fromMs) const
{
    qint64 slot = fromMs - (fromMs % m_intervalMs) + phaseMs;
    if (slot < fromMs)
        slot += m_intervalMs;
    return slot;
}

void ScrapeSchedule::enqueue(int index, qint64 dueMs)
{
    dequeue(index);
    Entry& entry = m_entries[std::size_t(index)];
    entry.dueMs = dueMs;
    entry.queued = true;
    m_queue.emplace(dueMs, index);
}

void ScrapeSchedule::dequeue(int index)
{
    Entry& entry = m_entries[std::size_t(index)];
    if (entry.queued)
        m_queue.erase({entry.dueMs, index});
    entry.queued = false;
}

int ScrapeSchedule::find(const ScrapeTarget& target) const
{
    return m_index.value(targetKey(target), -1);
}

void ScrapeSchedule::setTargets(const QList<ScrapeTarget>& targets)
{
    QHash<QString, Entry> old;
    for (const Entry& entry : m_entries)
        old.insert(targetKey(entry.target), entry);
    QHash<QString, QString> probes; // site -> key of its probe
    for (auto it = m_sites.cbegin(); it != m_sites.cend(); ++it) {
        if (it->probe >= 0)
            probes.insert(it.key(), targetKey(m_entries[std::size_t(it->probe)].target));
    }
    m_entries.clear();
    m_index.clear();
    m_queue.clear();
    const qint64 now = nowMs();
    for (const ScrapeTarget& target : targets) {
        const QString key = targetKey(target);
        if (m_index.contains(key))
            continue;
        m_index.insert(key, int(m_entries.size()));
        const auto previous = old.constFind(key);
        Entry entry = previous != old.constEnd() ? previous.value() : Entry{target, 0, 0, 0, false, false};
        entry.phaseMs = phaseOffset(target.url).count();
        const bool wasQueued = entry.queued;
        entry.queued = false;
        m_entries.push_back(entry);
        const int index = int(m_entries.size()) - 1;
        if (entry.inFlight)
            continue;
        enqueue(index, wasQueued ? entry.dueMs : nextSlot(entry.phaseMs, now));
    }
    rebuildSites(probes);
}

void ScrapeSchedule::rebuildSites(const QHash<QString, QString>& probes)
{
    for (Site& site : m_sites) {
        site.members.clear();
        site.probe = -1;
        site.nextProbe = 0;
    }
    for (int i = 0; i < int(m_entries.size()); ++i)
        m_sites[m_entries[std::size_t(i)].target.site].members.push_back(i);
    for (auto it = m_sites.begin(); it != m_sites.end();) {
        if (it->members.empty() && !it->linkDown) {
            it = m_sites.erase(it);
            continue;
        }
        if (it->linkDown) {
            for (int member : it->members)
                dequeue(member);
            const int probe = m_index.value(probes.value(it.key()), -1);
            if (probe >= 0 && m_entries[std::size_t(probe)].inFlight)
                it->probe = probe; // still out; its answer counts as the probe's
            else
                chooseProbe(*it);
        }
        ++it;
    }
}

QList<ScrapeTarget> ScrapeSchedule::targets() const
{
    QList<ScrapeTarget> out;
    out.reserve(qsizetype(m_entries.size()));
    for (const Entry& entry : m_entries)
        out.append(entry.target);
    return out;
}

QList<ScrapeTarget> ScrapeSchedule::take(bool all)
{
    QList<ScrapeTarget> out;
    const qint64 now = all ? std::numeric_limits<qint64>::max() : nowMs();
    while (!m_queue.empty() && m_queue.begin()->first <= now) {
        const int index = m_queue.begin()->second;
        dequeue(index);
        m_entries[std::size_t(index)].inFlight = true;
        out.append(m_entries[std::size_t(index)].target);
    }
    if (all) {
        for (Entry& entry : m_entries) {
            if (!entry.inFlight) {
                entry.inFlight = true;
                out.append(entry.target);
            }
        }
    }
    return out;
}

QList<ScrapeTarget> ScrapeSchedule::takeDue()
{
    return take(false);
}

QList<ScrapeTarget> ScrapeSchedule::takeAll()
{
    return take(true);
}

void ScrapeSchedule::reportSuccess(const ScrapeTarget& target)
{
    report(target, Result::Success);
}

void ScrapeSchedule::reportFailure(const ScrapeTarget& target)
{
    report(target, Result::Failure);
}

void ScrapeSchedule::cancel(const ScrapeTarget& target)
{
    report(target, Result::None);
}

void ScrapeSchedule::report(const ScrapeTarget& target, Result result)
{
    const int index = find(target);
    if (index < 0)
        return;
    Entry& entry = m_entries[std::size_t(index)];
    if (!entry.inFlight)
        return; // not handed out: nothing to report
    entry.inFlight = false;
    if (result != Result::None)
        entry.failures = result == Result::Success ? 0 : entry.failures + 1;
    const qint64 now = nowMs();
    Site& site = m_sites[entry.target.site];
    if (site.linkDown) {
        if (site.probe == index && result != Result::None) {
            site.failures = result == Result::Success ? 0 : site.failures + 1;
            site.probeDueMs = now
                + (result == Result::Success ? m_intervalMs
                                             : backoff(entry.target.site.toUtf8(), site.failures).count());
        }
        if (site.probe == index)
            site.probe = -1;
        if (site.probe < 0)
            chooseProbe(site);
        return;
    }
    if (entry.failures == 0)
        enqueue(index, nextSlot(entry.phaseMs, result == Result::Success ? now + 1 : now));
    else
        enqueue(index, now + backoff(urlKey(entry.target.url), entry.failures).count());
}

void ScrapeSchedule::chooseProbe(Site& site)
{
    const int count = int(site.members.size());
    for (int step = 0; step < count; ++step) {
        const int slot = (site.nextProbe + step) % count;
        const int index = site.members[std::size_t(slot)];
        if (m_entries[std::size_t(index)].inFlight)
            continue;
        site.nextProbe = (slot + 1) % count;
        site.probe = index;
        enqueue(index, site.probeDueMs);
        return;
    }
    site.probe = -1; // all out; the first to come back becomes the probe
}

void ScrapeSchedule::setSiteLinkDown(const QString& site, bool down)
{
    Site& state = m_sites[site];
    if (state.linkDown == down)
        return;
    state.linkDown = down;
    const qint64 now = nowMs();
    if (down) {
        state.failures = 1;
        state.probeDueMs = now + backoff(site.toUtf8(), state.failures).count();
        for (int member : state.members)
            dequeue(member);
        chooseProbe(state);
        return;
    }
    state.failures = 0;
    state.probe = -1;
    for (int member : state.members) {
        Entry& entry = m_entries[std::size_t(member)];
        entry.failures = 0;
        if (!entry.inFlight)
            enqueue(member, now);
    }
}

bool ScrapeSchedule::isSiteLinkDown(const QString& site) const
{
    return m_sites.value(site).linkDown;
}

std::optional<QDateTime> ScrapeSchedule::nextDue() const
{
    if (m_queue.empty())
        return std::nullopt;
    return QDateTime::fromMSecsSinceEpoch(m_queue.begin()->first, Qt::UTC);
}

int ScrapeSchedule::failures(const ScrapeTarget& target) const
{
    const int index = find(target);
    return index < 0 ? -1 : m_entries[std::size_t(index)].failures;
}

std::optional<QDateTime> ScrapeSchedule::dueAt(const ScrapeTarget& target) const
{
    const int index = find(target);
    if (index < 0 || !m_entries[std::size_t(index)].queued)
        return std::nullopt;
    return QDateTime::fromMSecsSinceEpoch(m_entries[std::size_t(index)].dueMs, Qt::UTC);
}

bool ScrapeSchedule::isInFlight(const ScrapeTarget& target) const
{
    const int index = find(target);
    return index >= 0 && m_entries[std::size_t(index)].inFlight;
}

} // namespace sd
