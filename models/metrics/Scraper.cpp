// SPDX-License-Identifier: GPL-3.0-or-later
#include "metrics/Scraper.h"

#include "auth/BearerAuthenticator.h"
#include "core/Clock.h"
#include "metrics/ScrapeText.h"
#include "metrics/ScrapeWorker.h"

#include <QPointer>
#include <QThread>

#include <algorithm>

namespace sd {

namespace {

// The longest the timer sleeps, so that a jump of the wall clock (suspend, NTP) is noticed soon.
constexpr qint64 kMaxSleepMs = 1000;
constexpr int kMaxWorkers = 4;

} // namespace

Scraper::Scraper(const Clock& clock, int workers, QObject* parent)
    : QObject(parent)
    , m_clock(clock)
    , m_schedule(clock)
{
    qRegisterMetaType<sd::ScrapeOutcome>();
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &Scraper::poll);
    const int count = workers > 0 ? workers : std::clamp(QThread::idealThreadCount(), 1, kMaxWorkers);
    for (int i = 0; i < count; ++i) {
        auto* thread = new QThread;
        thread->setObjectName(QStringLiteral("scrape-%1").arg(i));
        auto* worker = new ScrapeWorker;
        worker->moveToThread(thread);
        connect(thread, &QThread::finished, worker, &QObject::deleteLater);
        connect(worker, &ScrapeWorker::finished, this, &Scraper::onWorkerFinished, Qt::QueuedConnection);
        thread->start();
        m_threads.push_back(thread);
        m_workers.push_back(worker);
    }
}

Scraper::~Scraper()
{
    for (QThread* thread : m_threads)
        thread->quit(); // the worker is deleted in its thread as it ends, cancelling what it had
    for (QThread* thread : m_threads) {
        thread->wait();
        delete thread;
    }
}

void Scraper::setTargets(const QList<ScrapeTarget>& targets)
{
    m_schedule.setTargets(targets);
    std::erase_if(m_waiting, [this](const Waiting& waiting) { return !m_schedule.contains(waiting.target); });
    std::vector<quint64> gone;
    for (const auto& [id, out] : m_out) {
        if (!m_schedule.contains(out.target))
            gone.push_back(id);
    }
    for (const quint64 id : gone)
        cancel(id);
    dispatch();
    rearm();
}

void Scraper::setInterval(std::chrono::milliseconds interval)
{
    m_schedule.setInterval(interval);
    rearm();
}

void Scraper::setTimeout(std::chrono::milliseconds timeout)
{
    m_timeout = std::max(timeout, std::chrono::milliseconds(1));
}

void Scraper::setMaxConcurrent(int requests)
{
    m_maxConcurrent = std::max(1, requests);
    dispatch();
}

void Scraper::setBodyLimit(qint64 bytes)
{
    m_bodyLimit = std::max<qint64>(1, bytes);
}

void Scraper::start()
{
    m_running = true;
    poll();
}

void Scraper::stop()
{
    m_running = false;
    m_timer.stop();
    std::vector<quint64> all;
    all.reserve(m_out.size());
    for (const auto& [id, out] : m_out) {
        m_schedule.cancel(out.target);
        all.push_back(id);
    }
    for (const quint64 id : all)
        cancel(id);
    for (const Waiting& waiting : m_waiting)
        m_schedule.cancel(waiting.target);
    m_waiting.clear();
}

void Scraper::scrapeNow()
{
    enqueue(m_schedule.takeAll());
    dispatch();
    if (m_out.empty() && m_waiting.empty())
        Q_EMIT drained();
}

void Scraper::setSiteLinkDown(const QString& site, bool down)
{
    m_schedule.setSiteLinkDown(site, down);
    if (m_running)
        poll();
}

void Scraper::poll()
{
    if (m_running) {
        enqueue(m_schedule.takeDue());
        dispatch();
    }
    rearm();
}

void Scraper::enqueue(const QList<ScrapeTarget>& targets)
{
    for (const ScrapeTarget& target : targets)
        m_waiting.push_back(Waiting{target, ScrapeConnectionPool::originOf(target.url)});
}

void Scraper::dispatch()
{
    // In queue order, skipping targets whose origin already has kPerOrigin requests out.
    for (auto next = m_waiting.begin(); next != m_waiting.end() && int(m_out.size()) < m_maxConcurrent;) {
        int& perOrigin = m_outPerOrigin[next->origin];
        if (perOrigin >= ScrapeConnectionPool::kPerOrigin) {
            ++next;
            continue;
        }
        ++perOrigin;
        const quint64 id = ++m_nextId;
        Out& out = m_out[id];
        out.target = std::move(next->target);
        out.origin = std::move(next->origin);
        next = m_waiting.erase(next);
        out.startedAt = m_clock.now();
        out.since.start();
        // Each origin always to the same worker, where its kept-alive connections are.
        out.worker = int(qHash(out.origin) % m_workers.size());
        if (m_authenticator == nullptr) {
            submit(id, {});
            continue;
        }
        out.tokenDeadline = std::make_unique<QTimer>();
        out.tokenDeadline->setSingleShot(true);
        connect(out.tokenDeadline.get(), &QTimer::timeout, this, [this, id] { tokenTimedOut(id); });
        out.tokenDeadline->start(int(m_timeout.count()));
        QPointer<Scraper> self(this);
        m_authenticator->authorize(QNetworkRequest(out.target.url), [self, id](Result<QNetworkRequest> request) {
            if (Scraper* scraper = self.data())
                scraper->authorized(id, std::move(request));
        });
    }
}

void Scraper::authorized(quint64 id, Result<QNetworkRequest> request)
{
    const auto it = m_out.find(id);
    if (it == m_out.end() || !it->second.tokenDeadline)
        return; // cancelled, or given up while waiting for the token
    it->second.tokenDeadline.reset();
    if (request)
        return submit(id, request.value().rawHeader("Authorization"));
    // Reported from the event loop: a refusal can come at once, inside dispatch().
    const ScrapeOutcome outcome
        = refused(it->second, QStringLiteral("was not asked: %1").arg(request.error().message()));
    QMetaObject::invokeMethod(
        this,
        [this, id, outcome] {
            if (m_out.find(id) != m_out.end())
                complete(id, outcome);
        },
        Qt::QueuedConnection);
}

void Scraper::tokenTimedOut(quint64 id)
{
    const auto it = m_out.find(id);
    if (it == m_out.end() || !it->second.tokenDeadline)
        return;
    it->second.tokenDeadline.reset();
    complete(
        id,
        refused(it->second,
                QStringLiteral("was not asked: no sign-in token came within %1").arg(scrapeDurationText(m_timeout))));
}

ScrapeOutcome Scraper::refused(const Out& out, const QString& predicate) const
{
    ScrapeOutcome outcome;
    outcome.target = out.target;
    outcome.startedAt = out.startedAt;
    outcome.failure = ScrapeOutcome::Failure::Refused;
    outcome.error = Error(scrapeSubject(out.target) + QLatin1Char(' ') + predicate, QStringLiteral("refused"));
    outcome.durationSeconds = double(out.since.nsecsElapsed()) / 1e9;
    return outcome;
}

void Scraper::submit(quint64 id, const QByteArray& authorization)
{
    const Out& out = m_out.at(id);
    ScrapeRequest request;
    request.id = id;
    request.target = out.target;
    request.startedAt = out.startedAt;
    request.authorization = authorization;
    request.timeout = m_timeout;
    request.left = std::max(std::chrono::milliseconds(1), m_timeout - std::chrono::milliseconds(out.since.elapsed()));
    request.bodyLimit = m_bodyLimit;
    ScrapeWorker* worker = m_workers[std::size_t(out.worker)];
    QMetaObject::invokeMethod(
        worker, [worker, request] { worker->submit(request); }, Qt::QueuedConnection);
}

void Scraper::cancel(quint64 id)
{
    const auto it = m_out.find(id);
    if (it == m_out.end())
        return;
    if (!it->second.tokenDeadline) { // with a worker (or refused: then the worker does not know it)
        ScrapeWorker* worker = m_workers[std::size_t(it->second.worker)];
        QMetaObject::invokeMethod(
            worker, [worker, id] { worker->cancel(id); }, Qt::QueuedConnection);
    }
    release(it->second.origin);
    m_out.erase(it);
}

void Scraper::onWorkerFinished(quint64 id, const ScrapeOutcome& outcome)
{
    if (m_out.find(id) == m_out.end())
        return; // cancelled meanwhile
    complete(id, outcome);
}

void Scraper::release(const QString& origin)
{
    const auto it = m_outPerOrigin.find(origin);
    if (it != m_outPerOrigin.end() && --it.value() <= 0)
        m_outPerOrigin.erase(it);
}

void Scraper::complete(quint64 id, const ScrapeOutcome& outcome)
{
    if (const auto it = m_out.find(id); it != m_out.end()) {
        release(it->second.origin);
        m_out.erase(it);
    }
    if (outcome.ok())
        m_schedule.reportSuccess(outcome.target);
    else
        m_schedule.reportFailure(outcome.target);
    QPointer<Scraper> self(this);
    Q_EMIT scraped(outcome);
    if (self.isNull())
        return; // a receiver deleted us
    dispatch();
    rearm();
    if (m_out.empty() && m_waiting.empty())
        Q_EMIT drained();
}

void Scraper::rearm()
{
    if (!m_running) {
        m_timer.stop();
        return;
    }
    const std::optional<QDateTime> next = m_schedule.nextDue();
    if (!next) {
        m_timer.stop(); // everything is out; a report re-arms
        return;
    }
    const qint64 wait = std::clamp<qint64>(m_clock.now().msecsTo(*next), 0, kMaxSleepMs);
    m_timer.start(int(wait));
}

} // namespace sd
