// SPDX-License-Identifier: GPL-3.0-or-later
#include "metrics/PromApiResponse.h"

#include "auth/UntrustedText.h"
#include "core/HtmlSniff.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

#include <cmath>
#include <limits>
#include <optional>

namespace sd {

namespace {

const QString kUnauthorized = QStringLiteral("unauthorized");
const QString kHttp = QStringLiteral("http");
const QString kMalformed = QStringLiteral("malformed");
const QString kTooLarge = QStringLiteral("too_large");

// The part of a parse that can fail: a sentence fragment, filled in by the caller with the server.
struct Failure
{
    QString what;
    QString code;
};

// What a non-JSON answer was, for the sentence: "an HTML page titled "502 Bad Gateway"",
// "an empty answer", "text starting "404 page not found"".
QString describeOther(const QByteArray& contentType, const QByteArray& body)
{
    if (body.trimmed().isEmpty())
        return QStringLiteral("an empty answer");
    const QString head = QString::fromUtf8(body.left(4096));
    if (looksLikeHtml(contentType, body)) {
        static const QRegularExpression title(QStringLiteral("<title[^>]*>([^<]*)</title>"),
                                              QRegularExpression::CaseInsensitiveOption);
        const QString text = UntrustedText::sanitize(title.match(head).captured(1), 80);
        return text.isEmpty() ? QStringLiteral("an HTML page") : QStringLiteral("an HTML page titled \"%1\"").arg(text);
    }
    return QStringLiteral("text starting \"%1\"").arg(UntrustedText::sanitize(head, 80));
}

// Prometheus writes sample values as strings: "1", "0.25", "1e+06", "NaN", "+Inf", "-Inf".
bool parseValue(const QJsonValue& value, double* out)
{
    if (!value.isString())
        return false;
    const QString text = value.toString();
    if (text == QLatin1String("NaN")) {
        *out = std::numeric_limits<double>::quiet_NaN();
        return true;
    }
    if (text == QLatin1String("+Inf") || text == QLatin1String("Inf")) {
        *out = std::numeric_limits<double>::infinity();
        return true;
    }
    if (text == QLatin1String("-Inf")) {
        *out = -std::numeric_limits<double>::infinity();
        return true;
    }
    bool ok = false;
    *out = text.toDouble(&ok);
    return ok && std::isfinite(*out);
}

// Unix seconds as a JSON number (Prometheus) or a numeric string, within years 0..5000.
bool parseTime(const QJsonValue& value, std::int64_t* outMs)
{
    double seconds = 0;
    if (value.isDouble()) {
        seconds = value.toDouble();
    } else if (value.isString()) {
        bool ok = false;
        seconds = value.toString().toDouble(&ok);
        if (!ok)
            return false;
    } else {
        return false;
    }
    if (!std::isfinite(seconds) || seconds < -62e9 || seconds > 95e9)
        return false;
    *outMs = std::llround(seconds * 1000.0);
    return true;
}

Failure unreadable(const QString& what)
{
    return Failure{QStringLiteral("sent an answer this console cannot read: ") + what, kMalformed};
}

// A [time, "value"] pair; `where` names it for the sentence.
std::optional<Failure> parsePoint(const QJsonValue& point, const QString& where, std::int64_t* timeMs, double* value)
{
    const QJsonArray pair = point.toArray();
    if (!point.isArray() || pair.size() != 2)
        return unreadable(QStringLiteral("%1 is not a [time, value] pair").arg(where));
    if (!parseTime(pair.at(0), timeMs))
        return unreadable(QStringLiteral("%1 has a time that is not a Unix time in seconds").arg(where));
    if (!parseValue(pair.at(1), value))
        return unreadable(QStringLiteral("%1 has a value that is not a number in a string").arg(where));
    return std::nullopt;
}

std::optional<Failure> parseLabels(const QJsonValue& metric, const QString& where, PromSeries* series)
{
    if (metric.isUndefined() || metric.isNull())
        return std::nullopt;
    if (!metric.isObject())
        return unreadable(QStringLiteral("%1.metric is not an object of labels").arg(where));
    const QJsonObject labels = metric.toObject();
    for (auto it = labels.begin(); it != labels.end(); ++it) {
        if (!it.value().isString())
            return unreadable(QStringLiteral("%1.metric has a label value that is not a string").arg(where));
        series->labels.insert(it.key(), it.value().toString());
    }
    return std::nullopt;
}

struct Parsed
{
    PromApiResponse::ResultType type = PromApiResponse::ResultType::Vector;
    QList<PromSeries> series;
    std::int64_t timeMs = 0;
    double scalar = 0;
    QString text;
};

std::optional<Failure> parseSeriesList(const QJsonArray& result, bool matrix, const PromApiResponse::Limits& limits,
                                       Parsed* out)
{
    if (result.size() > limits.maxSeries)
        return Failure{QStringLiteral("answered with %1 series, more than the %2 this console accepts; narrow the "
                                      "query")
                           .arg(result.size())
                           .arg(limits.maxSeries),
                       kTooLarge};
    qint64 points = 0;
    out->series.reserve(result.size());
    for (qsizetype i = 0; i < result.size(); ++i) {
        const QString where = QStringLiteral("data.result[%1]").arg(i);
        if (!result.at(i).isObject())
            return unreadable(QStringLiteral("%1 is not an object").arg(where));
        const QJsonObject object = result.at(i).toObject();
        PromSeries series;
        if (auto failure = parseLabels(object.value(QLatin1String("metric")), where, &series))
            return failure;
        if (object.contains(QLatin1String("histogram")) || object.contains(QLatin1String("histograms")))
            return unreadable(QStringLiteral("%1 is a native histogram, which this console does not read; query a "
                                             "float series instead")
                                  .arg(where));
        QJsonArray pairs;
        if (matrix) {
            const QJsonValue values = object.value(QLatin1String("values"));
            if (!values.isArray())
                return unreadable(QStringLiteral("%1 has no \"values\" array").arg(where));
            pairs = values.toArray();
        } else {
            pairs.append(object.value(QLatin1String("value")));
        }
        points += pairs.size();
        if (points > limits.maxPoints)
            return Failure{QStringLiteral("answered with more than %1 points; narrow the query or the time range, or "
                                          "choose a longer step")
                               .arg(limits.maxPoints),
                           kTooLarge};
        series.timesMs.resize(std::size_t(pairs.size()));
        series.values.resize(std::size_t(pairs.size()));
        for (qsizetype p = 0; p < pairs.size(); ++p) {
            const QString at
                = matrix ? QStringLiteral("%1.values[%2]").arg(where).arg(p) : where + QStringLiteral(".value");
            if (auto failure
                = parsePoint(pairs.at(p), at, &series.timesMs[std::size_t(p)], &series.values[std::size_t(p)]))
                return failure;
        }
        out->series.append(std::move(series));
    }
    return std::nullopt;
}

std::optional<Failure> parseData(const QJsonValue& dataValue, const PromApiResponse::Limits& limits, Parsed* out)
{
    if (!dataValue.isObject())
        return Failure{QStringLiteral("answered \"success\" without a \"data\" object"), kMalformed};
    const QJsonObject data = dataValue.toObject();
    const QString type = data.value(QLatin1String("resultType")).toString();
    const QJsonValue result = data.value(QLatin1String("result"));
    if (type.isEmpty())
        return Failure{QStringLiteral("answered without a data.resultType: not an answer to a query"), kMalformed};
    if (type == QLatin1String("vector") || type == QLatin1String("matrix")) {
        if (!result.isArray())
            return Failure{QStringLiteral("answered with a data.result that is not a list"), kMalformed};
        out->type = type == QLatin1String("vector") ? PromApiResponse::ResultType::Vector
                                                    : PromApiResponse::ResultType::Matrix;
        return parseSeriesList(result.toArray(), out->type == PromApiResponse::ResultType::Matrix, limits, out);
    }
    if (type == QLatin1String("scalar") || type == QLatin1String("string")) {
        const QJsonArray pair = result.toArray();
        if (!result.isArray() || pair.size() != 2 || !parseTime(pair.at(0), &out->timeMs) || !pair.at(1).isString())
            return Failure{QStringLiteral("answered with a %1 that is not a [time, \"value\"] pair").arg(type),
                           kMalformed};
        if (type == QLatin1String("string")) {
            out->type = PromApiResponse::ResultType::String;
            out->text = pair.at(1).toString();
            out->scalar = std::numeric_limits<double>::quiet_NaN();
            return std::nullopt;
        }
        out->type = PromApiResponse::ResultType::Scalar;
        if (!parseValue(pair.at(1), &out->scalar))
            return Failure{QStringLiteral("answered with a scalar that is not a number"), kMalformed};
        return std::nullopt;
    }
    return Failure{QStringLiteral("answered with a result type \"%1\" this console does not know")
                       .arg(UntrustedText::sanitize(type, 40)),
                   kMalformed};
}

} // namespace

QString PromApiResponse::serverText(const QUrl& server)
{
    QUrl shown
        = server.adjusted(QUrl::RemoveUserInfo | QUrl::RemoveQuery | QUrl::RemoveFragment | QUrl::StripTrailingSlash);
    if (shown.path() == QLatin1String("/"))
        shown.setPath(QString());
    return shown.toDisplayString();
}

qint64 PromApiResponse::pointCount() const
{
    if (m_type == ResultType::Scalar || m_type == ResultType::String)
        return 1;
    qint64 count = 0;
    for (const PromSeries& series : m_series)
        count += qint64(series.timesMs.size());
    return count;
}

Result<PromApiResponse> PromApiResponse::parse(const QByteArray& body, int httpStatus, const QByteArray& contentType,
                                               const QUrl& server, const Limits& limits)
{
    const QString at = QStringLiteral("Prometheus at %1").arg(serverText(server));
    if (body.size() > limits.maxBytes)
        return Error(QStringLiteral("%1 sent more than %2 MiB; narrow the query or the time range")
                         .arg(at)
                         .arg(limits.maxBytes / (1024 * 1024)),
                     kTooLarge);
    const bool html = looksLikeHtml(contentType, body);
    QJsonParseError jsonError{};
    const QJsonDocument document = html ? QJsonDocument() : QJsonDocument::fromJson(body, &jsonError);
    const bool isJsonObject = !html && jsonError.error == QJsonParseError::NoError && document.isObject();
    const QJsonObject envelope = document.object();
    const QString status = envelope.value(QLatin1String("status")).toString();
    const bool isEnvelope = isJsonObject && (status == QLatin1String("success") || status == QLatin1String("error"));

    if (!isEnvelope && (httpStatus == 401 || httpStatus == 403))
        return Error(QStringLiteral("%1 refused access (HTTP %2): sign in, or check that this server is among the "
                                    "protected endpoints of the sign-in settings")
                         .arg(at)
                         .arg(httpStatus),
                     kUnauthorized);
    if (!isEnvelope && httpStatus != 200)
        return Error(QStringLiteral("%1 answered HTTP %2 with %3 instead of the query API's JSON; is a proxy in "
                                    "between, or the URL not that of the server?")
                         .arg(at)
                         .arg(httpStatus)
                         .arg(describeOther(contentType, body)),
                     kHttp);
    if (html || body.trimmed().isEmpty())
        return Error(QStringLiteral("%1 answered with %2 instead of the query API's JSON; is the URL that of a "
                                    "Prometheus server?")
                         .arg(at, describeOther(contentType, body)),
                     kMalformed);
    if (jsonError.error != QJsonParseError::NoError)
        return Error(QStringLiteral("%1 sent broken JSON (%2 at byte %3); the answer may have been cut off")
                         .arg(at, jsonError.errorString())
                         .arg(jsonError.offset),
                     kMalformed);
    if (!isEnvelope)
        return Error(
            QStringLiteral("%1 sent JSON without a \"status\" of \"success\" or \"error\": not the query API").arg(at),
            kMalformed);

    QStringList warnings;
    const QJsonArray warningList = envelope.value(QLatin1String("warnings")).toArray();
    for (qsizetype i = 0; i < warningList.size() && i < 20; ++i)
        warnings.append(UntrustedText::sanitize(warningList.at(i).toString(), 300));

    if (status == QLatin1String("error")) {
        QString type = UntrustedText::sanitize(envelope.value(QLatin1String("errorType")).toString(), 40);
        const QString text = UntrustedText::sanitize(envelope.value(QLatin1String("error")).toString(), 400);
        const QString shownType = type.isEmpty() ? QStringLiteral("HTTP %1").arg(httpStatus) : type;
        if (type.isEmpty())
            type = QStringLiteral("api_error");
        return Error(QStringLiteral("%1 refused the query: %2%3")
                         .arg(at, shownType, text.isEmpty() ? QString() : QStringLiteral(" — ") + text),
                     type);
    }

    Parsed parsed;
    if (auto failure = parseData(envelope.value(QLatin1String("data")), limits, &parsed)) {
        return Error(QStringLiteral("%1 %2").arg(at, failure->what), failure->code);
    }
    PromApiResponse response;
    response.m_type = parsed.type;
    response.m_series = std::move(parsed.series);
    response.m_timeMs = parsed.timeMs;
    response.m_scalar = parsed.scalar;
    response.m_text = std::move(parsed.text);
    response.m_warnings = std::move(warnings);
    return response;
}

QString promResultTypeName(PromApiResponse::ResultType type)
{
    switch (type) {
    case PromApiResponse::ResultType::Vector:
        return QStringLiteral("vector");
    case PromApiResponse::ResultType::Matrix:
        return QStringLiteral("matrix");
    case PromApiResponse::ResultType::Scalar:
        return QStringLiteral("scalar");
    case PromApiResponse::ResultType::String:
        return QStringLiteral("string");
    }
    return {};
}

} // namespace sd
