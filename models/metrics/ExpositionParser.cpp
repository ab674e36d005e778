// SPDX-License-Identifier: GPL-3.0-or-later
#include "metrics/ExpositionParser.h"

#include "metrics/OpenMetricsReader.h"
#include "metrics/TextExpositionReader.h"

namespace sd {

// One reader per format, each keeping its tables across parses.
class ExpositionParser::Impl
{
public:
    exposition::TextExpositionReader text;
    exposition::OpenMetricsReader openMetrics;
};

ExpositionParser::ExpositionParser()
    : m_impl(std::make_unique<Impl>())
{ }

ExpositionParser::~ExpositionParser() = default;

Result<ExpositionParser::ParseSummary> ExpositionParser::parse(std::string_view body, MetricsFormat format,
                                                               Visitor* visitor)
{
    m_errorLine = 0;
    try {
        return format == MetricsFormat::OpenMetrics ? m_impl->openMetrics.read(body, visitor)
                                                    : m_impl->text.read(body, visitor);
    } catch (const exposition::ExpositionFailure& failure) {
        if (failure.at) {
            // The line of the failure: count newlines up to it (only on failure, so not in the hot path).
            const char* begin = body.data();
            int line = 1;
            const char* lineStart = begin;
            for (const char* p = begin; p < failure.at; ++p) {
                if (*p == '\n') {
                    ++line;
                    lineStart = p + 1;
                }
            }
            m_errorLine = line;
            m_errorColumn = int(failure.at - lineStart) + 1;
        } else {
            m_errorLine = failure.line;
            m_errorColumn = failure.column;
        }
        m_errorReason = QString::fromUtf8(failure.reason.data(), qsizetype(failure.reason.size()));
        return Error(QString::number(m_errorLine) + QLatin1Char(':') + QString::number(m_errorColumn)
                         + QStringLiteral(": ") + m_errorReason,
                     QStringLiteral("metrics_syntax"));
    }
}

std::string_view ExpositionParser::typeName(MetricType type)
{
    switch (type) {
    case MetricType::Counter:
        return "counter";
    case MetricType::Gauge:
        return "gauge";
    case MetricType::Histogram:
        return "histogram";
    case MetricType::GaugeHistogram:
        return "gaugehistogram";
    case MetricType::Summary:
        return "summary";
    case MetricType::StateSet:
        return "stateset";
    case MetricType::Info:
        return "info";
    case MetricType::Unknown:
        break;
    }
    return "unknown";
}

} // namespace sd
