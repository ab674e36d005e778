// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/Result.h"
#include "metrics/MetricsFormat.h"

#include <QString>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string_view>

namespace sd {

// Reads a Prometheus text format 0.0.4 or OpenMetrics 1.0 text exposition in one pass over its bytes
// and hands each metric family and each sample to a Visitor. See docs/metrics-format.md for what each
// format accepts and refuses.
//
// Speed: the body is scanned as bytes (no QString, no regular expression); names and label values
// are views into the body; a label value with a backslash is unescaped into a scratch buffer that
// is reused; the labels of a sample go into a buffer that is reused. After the first parse of a
// body of a given shape, parsing the same shape again allocates nothing per sample (only per
// family: its name in the lookup tables). Keep one parser and call parse() for each scrape.
//
// Counting (ParseSummary, and what `stationdeck-cli check-metrics` prints):
//   samples   one per sample line.
//   families  OpenMetrics: one per metric family, i.e. per block of TYPE/HELP/UNIT lines for a
//             name, or per implicit "unknown" family a sample with a new name starts.
//             Text 0.0.4: one per name given in a # TYPE or # HELP line, plus one per name of a
//             sample that belongs to none of those (each distinct untyped name is a family); a
//             histogram's foo_bucket/foo_sum/foo_count and a summary's foo_sum/foo_count belong to
//             the declared family foo, as in Prometheus's expfmt. Families without samples count.
//
// Errors: the first problem stops the parse (a partial exposition is erroneous in its entirety).
// The Error message is "LINE:COLUMN: reason" (1-based; the column counts bytes) with the code
// "metrics_syntax"; errorLine(), errorColumn() and errorReason() give the parts.
class ExpositionParser
{
public:
    // Text 0.0.4 "untyped" is Unknown.
    enum class MetricType { Counter, Gauge, Histogram, GaugeHistogram, Summary, StateSet, Info, Unknown };

    struct Label
    {
        std::string_view name;
        std::string_view value; // unescaped
    };

    struct Sample
    {
        std::string_view name; // the sample's own name, e.g. node_cpu_seconds_total or foo_bucket
        std::span<const Label> labels; // in the order written, without exemplar labels
        double value = 0;
        std::optional<std::int64_t> timestampMs; // OpenMetrics seconds are rounded to milliseconds
        bool hasExemplar = false;
    };

    struct Family
    {
        std::string_view name;
        MetricType type = MetricType::Unknown;
        std::string_view help; // unescaped; empty when absent
        std::string_view unit; // OpenMetrics only; empty when absent
    };

    struct ParseSummary
    {
        int families = 0;
        int samples = 0;
    };

    // Receives the exposition as it is read. The Family and Sample references, and every view in
    // them that points into a label or help value, are valid only during the call (names not
    // escaped are views into the body, valid as long as it is). A family is reported once, before
    // its first sample (or, without samples, when it ends); in the text format a # HELP that
    // follows the family's samples is checked but not reported.
    class Visitor
    {
    public:
        virtual ~Visitor() = default;
        // Return false to skip this family's samples (they are still checked), which makes picking
        // a few families out of a large body cheap.
        virtual bool onFamily(const Family& family)
        {
            static_cast<void>(family);
            return true;
        }
        virtual void onSample(const Family& family, const Sample& sample)
        {
            static_cast<void>(family);
            static_cast<void>(sample);
        }
    };

    // Limits against hostile input; parsing is linear in the size of the body.
    static constexpr int kMaxLabels = 256; // per sample
    static constexpr std::size_t kMaxLineLength = std::size_t(1) << 20; // bytes, without the newline

    ExpositionParser();
    ~ExpositionParser();
    ExpositionParser(const ExpositionParser&) = delete;
    ExpositionParser& operator=(const ExpositionParser&) = delete;

    // Parses one exposition; `visitor` may be null to only check it.
    Result<ParseSummary> parse(std::string_view body, MetricsFormat format, Visitor* visitor = nullptr);

    // Where the last parse failed (0 after a success) and why, without the position.
    int errorLine() const { return m_errorLine; }
    int errorColumn() const { return m_errorColumn; }
    const QString& errorReason() const { return m_errorReason; }

    // "counter", "gauge", ..., as written in a TYPE line.
    static std::string_view typeName(MetricType type);

private:
    class Impl;
    std::unique_ptr<Impl> m_impl;
    int m_errorLine = 0;
    int m_errorColumn = 0;
    QString m_errorReason;
};

} // namespace sd
