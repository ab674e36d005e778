// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/Result.h"
#include "metrics/HealthSeries.h"
#include "metrics/PromApiResponse.h"
#include "metrics/PromFleetValues.h"
#include "metrics/PromQlTemplates.h"
#include "metrics/PromStation.h"

#include <QDateTime>
#include <QList>
#include <QObject>
#include <QUrl>

#include <functional>

class QNetworkAccessManager;
class QNetworkReply;
class QNetworkRequest;

namespace sd {

class BearerAuthenticator;

// Asks a Prometheus-compatible server (Prometheus, Thanos, Mimir, VictoriaMetrics) through its
// HTTP API: /api/v1/query and /api/v1/query_range, sent as form-encoded POSTs (long station
// matchers fit), with a timeout, a cap on the answer's size and, when an authenticator is given,
// the bearer token on the URLs its policy protects. Every answer goes through PromApiResponse;
// transport failures come back as Error code "network" or "timeout" with a sentence naming the
// server (never its query string or a token). Callbacks run on the thread of this object; after
// abortAll() or the object's destruction they are not called.
class PromQlClient : public QObject
{
    Q_OBJECT
public:
    using Done = std::function<void(Result<PromApiResponse>)>;
    using LatestDone = std::function<void(Result<PromFleetValues>)>;
    using HistoryDone = std::function<void(Result<QList<HealthSeries>>)>;

    explicit PromQlClient(QNetworkAccessManager& network, QObject* parent = nullptr);
    ~PromQlClient() override;

    // The server's base URL: http://host:9090, or with a path prefix (http://host/prometheus).
    void setServer(const QUrl& server) { m_server = server; }
    const QUrl& server() const { return m_server; }
    void setAuthenticator(const BearerAuthenticator* authenticator) { m_authenticator = authenticator; }
    void setTemplates(const PromQlTemplates& templates) { m_templates = templates; }
    const PromQlTemplates& templates() const { return m_templates; }
    void setTimeoutMs(int ms) { m_timeoutMs = ms; }
    void setLimits(const PromApiResponse::Limits& limits) { m_limits = limits; }
    // Above this many station keys, fetchLatest() asks for every station and keeps the wanted
    // ones (a matcher of thousands of alternatives costs the server more than the extra series).
    void setMaxMatchedKeys(int keys) { m_maxMatchedKeys = keys; }
    // The most points per series a history asks for (the step grows to keep under it).
    void setMaxHistoryPoints(int points) { m_maxHistoryPoints = points; }

    // An instant query at `at` (invalid: the server's now).
    void query(const QString& promql, const QDateTime& at, Done done);
    // A range query from start to end (inclusive), every stepSeconds.
    void queryRange(const QString& promql, const QDateTime& start, const QDateTime& end, int stepSeconds, Done done);
    // Every request in flight is dropped; its callback is not called.
    void abortAll();

    // The latest value of each metric for every station: one query per metric for the whole
    // fleet. Fails with the first failing query's error (in the order of `metrics`).
    void fetchLatest(const QList<PromStation>& stations, const QList<HealthMetric>& metrics, const QDateTime& at,
                     LatestDone done);
    // One station's history from start to end: one HealthSeries per metric (in the order of
    // `metrics`), on a grid of historyStep() aligned to whole steps, NaN where the server has
    // no value.
    void fetchHistory(const PromStation& station, const QList<HealthMetric>& metrics, const QDateTime& start,
                      const QDateTime& end, HistoryDone done);

    // The step for a history of rangeSeconds: at least minStep, a "round" number of seconds
    // (1, 2, 5, 10, 15, 30 s, 1, 2, 5, 10, 15, 30 min, 1, 2, 3, 6, 12 h, 1 d) giving at most maxPoints.
    static int historyStep(qint64 rangeSeconds, int minStep, int maxPoints);

private:
    void post(const QString& path, QList<QPair<QString, QString>> form, Done done);
    void send(QNetworkRequest request, const QByteArray& body, Done done);
    void finish(QNetworkReply* reply, bool tooLarge, bool timedOut, const Done& done);

    QNetworkAccessManager& m_network;
    QUrl m_server;
    const BearerAuthenticator* m_authenticator = nullptr;
    PromQlTemplates m_templates;
    PromApiResponse::Limits m_limits;
    int m_timeoutMs = 30000;
    int m_maxMatchedKeys = 500;
    int m_maxHistoryPoints = 1000;
    QList<QNetworkReply*> m_inFlight;
    quint64 m_generation = 0; // bumped by abortAll(): answers of older requests are dropped
};

} // namespace sd
