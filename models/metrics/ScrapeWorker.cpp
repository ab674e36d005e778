// SPDX-License-Identifier: GPL-3.0-or-later
#include "metrics/ScrapeWorker.h"

#include "core/HtmlSniff.h"
#include "metrics/MetricsFormat.h"
#include "metrics/ScrapeFetch.h"
#include "metrics/ScrapeText.h"

namespace sd {

namespace {

std::string_view view(const QByteArray& bytes)
{
    return std::string_view(bytes.constData(), std::size_t(bytes.size()));
}

} // namespace

ScrapeWorker::ScrapeWorker(QObject* parent)
    : QObject(parent)
    , m_pool(this)
{ }

ScrapeWorker::~ScrapeWorker()
{
    cancelAll();
}

void ScrapeWorker::submit(const ScrapeRequest& request)
{
    cancel(request.id);
    auto* fetch = new ScrapeFetch(request, m_pool, this);
    connect(fetch, &ScrapeFetch::finished, this, &ScrapeWorker::onFetchFinished);
    m_fetches.insert(request.id, fetch);
    if (!fetch->start())
        m_waiting[fetch->origin()].push_back(fetch);
}

void ScrapeWorker::cancel(quint64 id)
{
    ScrapeFetch* fetch = m_fetches.take(id);
    if (fetch == nullptr)
        return;
    const QString origin = fetch->origin();
    const bool sending = fetch->sending();
    if (auto waiting = m_waiting.find(origin); waiting != m_waiting.end())
        std::erase(*waiting, fetch);
    fetch->abort();
    fetch->deleteLater();
    if (sending)
        sendWaiting(origin);
}

void ScrapeWorker::cancelAll()
{
    m_waiting.clear();
    for (ScrapeFetch* fetch : std::as_const(m_fetches)) {
        fetch->abort();
        fetch->deleteLater();
    }
    m_fetches.clear();
}

void ScrapeWorker::onFetchFinished(ScrapeFetch* fetch)
{
    const quint64 id = fetch->request().id;
    if (m_fetches.value(id) != fetch)
        return;
    m_fetches.remove(id);
    fetch->deleteLater();
    const QString origin = fetch->origin();
    if (auto waiting = m_waiting.find(origin); waiting != m_waiting.end())
        std::erase(*waiting, fetch); // ran out of time while waiting for a connection
    Q_EMIT finished(id, outcomeOf(*fetch));
    sendWaiting(origin);
}

void ScrapeWorker::sendWaiting(const QString& origin)
{
    auto waiting = m_waiting.find(origin);
    if (waiting == m_waiting.end())
        return;
    while (!waiting->empty() && waiting->front()->send())
        waiting->pop_front();
    if (waiting->empty())
        m_waiting.erase(waiting);
}

ScrapeOutcome ScrapeWorker::outcomeOf(const ScrapeFetch& fetch)
{
    ScrapeOutcome outcome;
    outcome.target = fetch.request().target;
    outcome.startedAt = fetch.request().startedAt;
    outcome.httpStatus = fetch.httpStatus();
    outcome.bodyBytes = fetch.bodyBytes();
    outcome.failure = fetch.failure();
    outcome.error = fetch.error();
    if (outcome.failure == ScrapeOutcome::Failure::None) {
        const QByteArray& body = fetch.body();
        auto raw = m_extractor.extract(view(body), metricsFormatFromContentType(view(fetch.contentType())));
        if (raw) {
            outcome.raw = raw.value();
        } else {
            outcome.failure = ScrapeOutcome::Failure::Body;
            const QString subject = scrapeSubject(outcome.target);
            outcome.error = startsLikeMarkup(body)
                ? Error(subject + QStringLiteral(" sent an HTML page, not metrics"), QStringLiteral("body"))
                : Error(subject + QStringLiteral(" is not a metrics exposition: ") + raw.error().message(),
                        QStringLiteral("body"));
        }
    }
    outcome.durationSeconds = fetch.elapsedSeconds();
    return outcome;
}

} // namespace sd
