// SPDX-License-Identifier: GPL-3.0-or-later
#include "metrics/Scraper.h"

#include "core/Clock.h"
#include "core/HtmlSniff.h"
#include "metrics/MetricsFormat.h"
#include "metrics/ScrapeText.h"

#include <QNetworkAccessManager>
#include <QPointer>

#include <algorithm>

namespace sd {

namespace {

// The longest the timer sleeps, so that a jump of the wall clock (suspend, NTP) is noticed soon.
constexpr qint64 kMaxSleepMs = 1000;

std::string_view view(const QByteArray& bytes)
{
    return std::string_view(bytes.constData(), std::size_t(bytes.size()));
}

} // namespace

Scraper::Scraper(QNetworkAccessManager& network, const Clock& clock, QObject* parent)
    : QObject(parent)
    , m_network(network)
    , m_clock(clock)
    , m_schedule(clock)
{
    m_limits.bodyLimit = kDefaultBodyLimit;
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &Scraper::poll);
}

Scraper::~Scraper()
{
    for (ScrapeJob* job : std::as_const(m_jobs))
        job->abort();
}

void Scraper::setTargets(const QList<ScrapeTarget>& targets)
{
    m_schedule.setTargets(targets);
    std::erase_if(m_waiting, [this](const ScrapeTarget& target) { return !m_schedule.contains(target); });
    const QList<ScrapeJob*> jobs = m_jobs;
    for (ScrapeJob* job : jobs) {
        if (m_schedule.contains(job->target()))
            continue;
        m_jobs.removeOne(job);
        job->abort();
        job->deleteLater();
    }
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
    m_limits.timeout = std::max(timeout, std::chrono::milliseconds(1));
}

void Scraper::setMaxConcurrent(int requests)
{
    m_maxConcurrent = std::max(1, requests);
    dispatch();
}

void Scraper::setBodyLimit(qint64 bytes)
{
    m_limits.bodyLimit = std::max<qint64>(1, bytes);
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
    const QList<ScrapeJob*> jobs = std::exchange(m_jobs, {});
    for (ScrapeJob* job : jobs) {
        m_schedule.cancel(job->target());
        job->abort();
        job->deleteLater();
    }
    for (const ScrapeTarget& target : m_waiting)
        m_schedule.cancel(target);
    m_waiting.clear();
}

void Scraper::scrapeNow()
{
    const QList<ScrapeTarget> all = m_schedule.takeAll();
    m_waiting.insert(m_waiting.end(), all.begin(), all.end());
    dispatch();
    if (m_jobs.isEmpty() && m_waiting.empty())
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
        const QList<ScrapeTarget> due = m_schedule.takeDue();
        m_waiting.insert(m_waiting.end(), due.begin(), due.end());
        dispatch();
    }
    rearm();
}

void Scraper::dispatch()
{
    while (!m_waiting.empty() && m_jobs.size() < m_maxConcurrent) {
        auto* job = new ScrapeJob(m_waiting.front(), m_limits, this);
        m_waiting.pop_front();
        job->setStartedAt(m_clock.now());
        connect(job, &ScrapeJob::finished, this, &Scraper::onJobFinished);
        m_jobs.append(job);
        job->start(m_network, m_authenticator);
    }
}

void Scraper::onJobFinished(ScrapeJob* job)
{
    if (!m_jobs.removeOne(job))
        return;
    job->deleteLater();
    const ScrapeOutcome outcome = outcomeOf(*job);
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
    if (m_jobs.isEmpty() && m_waiting.empty())
        Q_EMIT drained();
}

ScrapeOutcome Scraper::outcomeOf(ScrapeJob& job)
{
    ScrapeOutcome outcome;
    outcome.target = job.target();
    outcome.startedAt = job.startedAt();
    outcome.httpStatus = job.httpStatus();
    outcome.bodyBytes = job.bodyBytes();
    outcome.failure = job.failure();
    outcome.error = job.error();
    if (outcome.failure == ScrapeOutcome::Failure::None) {
        const QByteArray& body = job.body();
        auto raw = m_extractor.extract(view(body), metricsFormatFromContentType(view(job.contentType())));
        if (raw) {
            outcome.raw = raw.value();
        } else {
            outcome.failure = ScrapeOutcome::Failure::Body;
            const QString subject = scrapeSubject(job.target());
            outcome.error = startsLikeMarkup(body)
                ? Error(subject + QStringLiteral(" sent an HTML page, not metrics"), QStringLiteral("body"))
                : Error(subject + QStringLiteral(" is not a metrics exposition: ") + raw.error().message(),
                        QStringLiteral("body"));
        }
    }
    outcome.durationSeconds = job.elapsedSeconds();
    return outcome;
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
