// SPDX-License-Identifier: GPL-3.0-or-later
#include "metrics/PromQlClient.h"

#include "auth/BearerAuthenticator.h"
#include "metrics/PromHealthAssembler.h"

#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPointer>
#include <QTimer>

#include <cmath>
#include <memory>
#include <optional>
#include <utility>

namespace sd {

namespace {

Q_LOGGING_CATEGORY(lcPromQl, "stationdeck.metrics.promql", QtInfoMsg)

QString seconds(const QDateTime& time)
{
    return QString::number(double(time.toMSecsSinceEpoch()) / 1000.0, 'f', 3);
}

// What several queries asked at once gather until the last one answers; then `done` gets the
// result, or the first error in the order asked.
template <typename T> struct Gather
{
    Gather(qsizetype count, std::function<void(Result<T>)> callback)
        : errors(count)
        , pending(count)
        , done(std::move(callback))
    { }
    QList<std::optional<Error>> errors;
    qsizetype pending;
    T out{};
    std::function<void(Result<T>)> done;

    void answered(qsizetype index, const Result<PromApiResponse>& answer)
    {
        if (!answer)
            errors[index] = answer.error();
        if (--pending > 0)
            return;
        for (const auto& error : errors) {
            if (error)
                return done(*error);
        }
        done(std::move(out));
    }
};

void appendWarnings(const PromApiResponse& response, QStringList* warnings)
{
    for (const QString& warning : response.warnings()) {
        if (!warnings->contains(warning))
            warnings->append(warning);
    }
}

} // namespace

PromQlClient::PromQlClient(QNetworkAccessManager& network, QObject* parent)
    : QObject(parent)
    , m_network(network)
{ }

PromQlClient::~PromQlClient()
{
    abortAll();
}

int PromQlClient::historyStep(qint64 rangeSeconds, int minStep, int maxPoints)
{
    static constexpr int kSteps[]
        = {1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400};
    const qint64 wanted
        = std::max<qint64>({qint64(minStep), 1,
                            maxPoints > 1 ? (std::max<qint64>(rangeSeconds, 0) + maxPoints - 2) / (maxPoints - 1) : 1});
    for (const int step : kSteps) {
        if (step >= wanted)
            return step;
    }
    return int(std::min<qint64>((wanted + 86399) / 86400 * 86400, 365 * 86400));
}

void PromQlClient::query(const QString& promql, const QDateTime& at, Done done)
{
    QList<QPair<QString, QString>> form{{QStringLiteral("query"), promql}};
    if (at.isValid())
        form.append({QStringLiteral("time"), seconds(at)});
    post(QStringLiteral("/api/v1/query"), std::move(form), std::move(done));
}

void PromQlClient::queryRange(const QString& promql, const QDateTime& start, const QDateTime& end, int stepSeconds,
                              Done done)
{
    post(QStringLiteral("/api/v1/query_range"),
         {{QStringLiteral("query"), promql},
          {QStringLiteral("start"), seconds(start)},
          {QStringLiteral("end"), seconds(end)},
          {QStringLiteral("step"), QString::number(stepSeconds)}},
         std::move(done));
}

void PromQlClient::post(const QString& path, QList<QPair<QString, QString>> form, Done done)
{
    QUrl url = m_server.adjusted(QUrl::StripTrailingSlash | QUrl::RemoveQuery | QUrl::RemoveFragment);
    url.setPath(url.path() + path);
    QNetworkRequest request(url);
    request.setTransferTimeout(m_timeoutMs);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setAttribute(QNetworkRequest::CookieSaveControlAttribute, QNetworkRequest::Manual);
    request.setAttribute(QNetworkRequest::CookieLoadControlAttribute, QNetworkRequest::Manual);
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    request.setAttribute(QNetworkRequest::CacheSaveControlAttribute, false);
    request.setHeader(QNetworkRequest::UserAgentHeader, QByteArray("Stationdeck/" STATIONDECK_VERSION));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/x-www-form-urlencoded"));
    request.setRawHeader("Accept", "application/json");
    QByteArray body;
    for (const auto& [key, value] : form) {
        if (!body.isEmpty())
            body += '&';
        body += QUrl::toPercentEncoding(key) + '=' + QUrl::toPercentEncoding(value);
    }
    if (!m_authenticator)
        return send(std::move(request), body, std::move(done));
    // The token may come later (a refresh): by then this object may be gone or have aborted.
    const QPointer<PromQlClient> self(this);
    const quint64 generation = m_generation;
    m_authenticator->authorize(request, [self, generation, body, done = std::move(done)](Result<QNetworkRequest> r) {
        PromQlClient* client = self.data();
        if (!client || client->m_generation != generation)
            return;
        if (!r)
            return done(r.error());
        client->send(std::move(r.value()), body, done);
    });
}

void PromQlClient::send(QNetworkRequest request, const QByteArray& body, Done done)
{
    qCDebug(lcPromQl) << "POST" << PromApiResponse::serverText(request.url()) << body.size() << "bytes";
    QNetworkReply* reply = m_network.post(request, body);
    m_inFlight.append(reply);
    struct Flags
    {
        bool tooLarge = false;
        bool timedOut = false;
    };
    auto flags = std::make_shared<Flags>();
    const qint64 maxBytes = m_limits.maxBytes;
    connect(reply, &QNetworkReply::metaDataChanged, this, [reply, flags, maxBytes] {
        const QVariant length = reply->header(QNetworkRequest::ContentLengthHeader);
        if (length.isValid() && length.toLongLong() > maxBytes && !flags->tooLarge) {
            flags->tooLarge = true;
            reply->abort();
        }
    });
    connect(reply, &QNetworkReply::downloadProgress, this, [reply, flags, maxBytes](qint64 received, qint64) {
        if (received > maxBytes && !flags->tooLarge) {
            flags->tooLarge = true;
            reply->abort();
        }
    });
    QTimer::singleShot(m_timeoutMs, reply, [reply, flags] {
        flags->timedOut = true;
        reply->abort();
    });
    connect(reply, &QNetworkReply::finished, this, [this, reply, flags, done = std::move(done)] {
        m_inFlight.removeOne(reply);
        reply->deleteLater();
        finish(reply, flags->tooLarge, flags->timedOut, done);
    });
}

void PromQlClient::finish(QNetworkReply* reply, bool tooLarge, bool timedOut, const Done& done)
{
    const QString at = QStringLiteral("Prometheus at %1").arg(PromApiResponse::serverText(m_server));
    if (tooLarge)
        return done(Error(QStringLiteral("%1 sent more than %2 MiB; narrow the query or the time range")
                              .arg(at)
                              .arg(m_limits.maxBytes / (1024 * 1024)),
                          QStringLiteral("too_large")));
    const QNetworkReply::NetworkError error = reply->error();
    if (timedOut || error == QNetworkReply::TimeoutError || error == QNetworkReply::OperationCanceledError)
        return done(Error(QStringLiteral("%1 did not answer within %2 seconds").arg(at).arg(m_timeoutMs / 1000.0),
                          QStringLiteral("timeout")));
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status == 0) {
        qCInfo(lcPromQl) << "request to" << PromApiResponse::serverText(m_server) << "failed:" << reply->errorString();
        return done(Error(QStringLiteral("cannot reach Prometheus at %1: %2")
                              .arg(PromApiResponse::serverText(m_server), reply->errorString()),
                          QStringLiteral("network")));
    }
    const QByteArray body = reply->readAll();
    qCDebug(lcPromQl) << "answer from" << PromApiResponse::serverText(m_server) << "HTTP" << status << body.size()
                      << "bytes";
    done(PromApiResponse::parse(body, status, reply->header(QNetworkRequest::ContentTypeHeader).toByteArray(), m_server,
                                m_limits));
}

void PromQlClient::abortAll()
{
    ++m_generation;
    const QList<QNetworkReply*> replies = std::exchange(m_inFlight, {});
    for (QNetworkReply* reply : replies) {
        reply->disconnect(this);
        reply->abort();
        reply->deleteLater();
    }
}

void PromQlClient::fetchLatest(const QList<PromStation>& stations, const QList<HealthMetric>& metrics,
                               const QDateTime& at, LatestDone done)
{
    QStringList keys;
    for (const PromStation& station : stations)
        keys += station.keys;
    if (keys.size() > m_maxMatchedKeys)
        keys.clear(); // every station; the assembler keeps the wanted ones
    if (metrics.isEmpty())
        return done(PromFleetValues{at, {}, {}});
    auto gather = std::make_shared<Gather<PromFleetValues>>(metrics.size(), std::move(done));
    gather->out.at = at;
    auto assembler = std::make_shared<PromHealthAssembler>(m_templates.settings().label, stations);
    for (qsizetype i = 0; i < metrics.size(); ++i) {
        const HealthMetric metric = metrics.at(i);
        query(m_templates.expression(metric, keys), at,
              [gather, assembler, metric, i](const Result<PromApiResponse>& r) {
                  if (r) {
                      assembler->addLatest(metric, *r, &gather->out);
                      appendWarnings(*r, &gather->out.warnings);
                  }
                  gather->answered(i, r);
              });
    }
}

void PromQlClient::fetchHistory(const PromStation& station, const QList<HealthMetric>& metrics, const QDateTime& start,
                                const QDateTime& end, HistoryDone done)
{
    const qint64 startSecs = start.toSecsSinceEpoch();
    const qint64 endSecs = end.toSecsSinceEpoch();
    if (!start.isValid() || !end.isValid() || endSecs <= startSecs)
        return done(Error(
            QStringLiteral("the history of %1 needs a time range whose end comes after its start").arg(station.name),
            QStringLiteral("invalid_range")));
    if (station.keys.isEmpty())
        return done(Error(QStringLiteral("%1 has no metrics URL to find it by on Prometheus at %2")
                              .arg(station.name, PromApiResponse::serverText(m_server)),
                          QStringLiteral("no_station_key")));
    const int step = historyStep(endSecs - startSecs, m_templates.settings().scrapeIntervalSeconds, m_maxHistoryPoints);
    const qint64 firstSecs = startSecs / step * step;
    const qint64 lastSecs = std::max(firstSecs, endSecs / step * step);
    const QDateTime first = QDateTime::fromSecsSinceEpoch(firstSecs, Qt::UTC);
    const QDateTime last = QDateTime::fromSecsSinceEpoch(lastSecs, Qt::UTC);
    if (metrics.isEmpty())
        return done(QList<HealthSeries>());
    auto gather = std::make_shared<Gather<QList<HealthSeries>>>(metrics.size(), std::move(done));
    gather->out.resize(metrics.size());
    auto assembler = std::make_shared<PromHealthAssembler>(m_templates.settings().label, QList<PromStation>{station});
    const QString name = station.name;
    for (qsizetype i = 0; i < metrics.size(); ++i) {
        const HealthMetric metric = metrics.at(i);
        queryRange(m_templates.expression(metric, station.keys, step), first, last, step,
                   [gather, assembler, metric, i, name, firstSecs, lastSecs, step](const Result<PromApiResponse>& r) {
                       if (r)
                           gather->out[i] = assembler->series(metric, name, *r, firstSecs * 1000, lastSecs * 1000,
                                                              qint64(step) * 1000);
                       gather->answered(i, r);
                   });
    }
}

} // namespace sd
