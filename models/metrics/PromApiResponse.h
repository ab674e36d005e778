// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/Result.h"
#include "metrics/PromSeries.h"

#include <QByteArray>
#include <QList>
#include <QStringList>
#include <QUrl>

#include <cstdint>

namespace sd {

// The answer of a Prometheus-compatible server (Prometheus, Thanos, Mimir, VictoriaMetrics) to
// /api/v1/query or /api/v1/query_range: the JSON envelope
//   {"status":"success","data":{"resultType":"vector|matrix|scalar|string","result":...},"warnings":[...]}
//   {"status":"error","errorType":"bad_data","error":"1:6: parse error: ...","warnings":[...]}
// parsed and checked: every value is a ["<unix seconds>", "<float as a string: 1, NaN, +Inf>"].
//
// Everything else becomes an Error whose sentence names the server (its URL without user, query
// or fragment; the request's bearer token is never part of anything parsed here):
//   - the API's own errors: "Prometheus at URL refused the query: bad_data — <its text>", code =
//     errorType (bad_data, execution, timeout, canceled, internal, unavailable, not_found, ...,
//     "api_error" when it gave none);
//   - 401/403 without the API's JSON: code "unauthorized";
//   - any other status without the API's JSON (a proxy's HTML error page, 404 text): code "http";
//   - 200 but not the API's JSON (HTML, truncated or broken JSON, wrong types): code "malformed";
//   - over the limits (bytes, series, points): code "too_large".
class PromApiResponse
{
public:
    enum class ResultType { Vector, Matrix, Scalar, String };

    struct Limits
    {
        qint64 maxBytes = qint64(64) * 1024 * 1024;
        qint64 maxSeries = 100000;
        qint64 maxPoints = 4000000; // all series together
    };

    static Result<PromApiResponse> parse(const QByteArray& body, int httpStatus, const QByteArray& contentType,
                                         const QUrl& server, const Limits& limits);
    static Result<PromApiResponse> parse(const QByteArray& body, int httpStatus, const QByteArray& contentType,
                                         const QUrl& server)
    {
        return parse(body, httpStatus, contentType, server, Limits());
    }

    // "http://host:9090/prometheus": how errors name a server (no user, query or fragment).
    static QString serverText(const QUrl& server);

    ResultType resultType() const { return m_type; }
    // Vector and matrix: the series (for a vector, one point each). Empty for scalar and string.
    const QList<PromSeries>& series() const { return m_series; }
    // Scalar and string: the one point (for a string, value is NaN and text holds the string).
    std::int64_t timeMs() const { return m_timeMs; }
    double scalar() const { return m_scalar; }
    const QString& text() const { return m_text; }
    // The server's warnings (sanitized to one line each), also on success.
    const QStringList& warnings() const { return m_warnings; }
    qint64 pointCount() const;

private:
    ResultType m_type = ResultType::Vector;
    QList<PromSeries> m_series;
    std::int64_t m_timeMs = 0;
    double m_scalar = 0;
    QString m_text;
    QStringList m_warnings;
};

QString promResultTypeName(PromApiResponse::ResultType type);

} // namespace sd
