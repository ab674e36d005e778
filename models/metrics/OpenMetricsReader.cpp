// SPDX-License-Identifier: GPL-3.0-or-later
#include "metrics/OpenMetricsReader.h"

#include "metrics/ExpositionLexing.h"
#include "metrics/ExpositionNumbers.h"

#include <bit>
#include <cmath>
#include <cstring>
#include <functional>
#include <limits>
#include <utility>

namespace sd::exposition {

ExpositionReader::ParseSummary OpenMetricsReader::read(std::string_view body, Visitor* visitor)
{
    const char* const end = begin(body, visitor);
    m_familyNames.clear();
    m_sampleNames.clear();
    m_sampleNameText.clear();
    m_point = HistogramPoint{};
    m_sawEof = false;
    m_pendingReports = 0;
    const char* p = body.data();
    if (body.size() >= 3 && std::memcmp(p, "\xEF\xBB\xBF", 3) == 0)
        fail(p, "the exposition starts with a byte order mark, which OpenMetrics does not allow");
    while (p < m_linesEnd) {
        startLine(p);
        if (m_sawEof)
            fail(p, "nothing may follow \"# EOF\"");
        p = omLine(p) + 1;
        ++m_lineNumber;
    }
    if (p < end) { // a last line without a newline
        m_lineStart = p;
        checkLineLength(p, end);
        if (m_sawEof)
            fail(p, "nothing may follow \"# EOF\"");
        readTail(p, end, [this](const char* line) { omLine(line); });
    }
    if (!m_sawEof)
        fail(end, "the exposition does not end with \"# EOF\"");
    return summary();
}

// The line is read first and checked for a CR at its end only when it fails (or, for HELP, whose text
// may end in one, at the end): the CR error comes first, as though it were checked first. Visitors
// hear of families only when their line has been read, so they hear the same either way.
const char* OpenMetricsReader::omLine(const char* p)
{
    if (*p == '\n')
        fail(p, "empty line (OpenMetrics does not allow them)");
    const char* eol = nullptr;
    try {
        if (*p == '#') {
            if (startsWith(p, m_bodyEnd, "# EOF\n")) {
                omEndFamily();
                m_sawEof = true;
                eol = p + 5;
            } else if (p[1] == ' '
                       && (startsWith(p + 2, m_bodyEnd, "TYPE ") || startsWith(p + 2, m_bodyEnd, "HELP ")
                           || startsWith(p + 2, m_bodyEnd, "UNIT "))) {
                eol = omMetadata(p);
            } else {
                fail(p,
                     "a line starting with # must be \"# TYPE\", \"# HELP\", \"# UNIT\" or \"# EOF\" (OpenMetrics "
                     "has no other comments)");
            }
        } else {
            eol = omSample(p);
        }
    } catch (const ExpositionFailure&) {
        const char* lineEnd = exposition::lineEnd(p, m_bodyEnd);
        if (lineEnd[-1] == '\r')
            fail(lineEnd - 1, "the line ends with a carriage return; OpenMetrics lines end with \\n only");
        reportPending();
        throw;
    }
    reportPending();
    return eol;
}

void OpenMetricsReader::queueReport(ExpositionFamilyState& state)
{
    if (state.reported)
        return;
    state.reported = true;
    m_pending[m_pendingReports++] = std::uint32_t(&state - m_families.data());
}

void OpenMetricsReader::reportPendingNow()
{
    for (int i = 0; i < m_pendingReports; ++i) {
        ExpositionFamilyState& state = m_families[m_pending[i]];
        if (readingTail()) { // views into the body, not into the copy of its last line
            state.family.name = inBody(state.family.name);
            state.family.unit = inBody(state.family.unit);
            state.family.help = inBody(state.family.help);
        }
        state.wanted = m_visitor && m_visitor->onFamily(state.family);
    }
    m_pendingReports = 0;
}

template <bool kSample> const char* OpenMetricsReader::omLabels(const char* p, Label* labels, std::size_t& count)
{
    // In locals while the labels are read (stores to the labels could be to members, for the compiler).
    std::size_t n = 0;
    std::uint64_t nameBits = 0;
    std::uint64_t labelsHash = 0;
    std::uint64_t leHash = 0;
    ++p; // '{'
    if (*p != '}') {
        for (;;) {
            const char* nameStart = p;
            std::string_view name;
            std::string_view value;
            if (const char* quote = *p != '_' && is(*p, kLabelInitial) ? scanPlainLabel(p, name, value) : nullptr) {
                p = quote;
            } else {
                p = scanLabelName(p);
                name = std::string_view(nameStart, std::size_t(p - nameStart));
                if (name.front() == '_')
                    fail(nameStart,
                         "label name " + quoted(name) + " starts with an underscore, which OpenMetrics reserves");
                if (*p != '=')
                    fail(p, "expected \"=\" right after label name " + quoted(name));
                ++p;
                if (*p != '"')
                    fail(p, "expected a double-quoted value right after " + std::string(name) + "=");
                p = scanLabelValue(p + 1, value);
            }
            addLabel(labels, n, nameBits, name, value, nameStart);
            if constexpr (kSample) {
                const std::uint64_t hash = hashBytes(std::string_view(nameStart, std::size_t(p - nameStart)));
                labelsHash += hash;
                if (name.size() == 2 && name[0] == 'l' && name[1] == 'e')
                    leHash = hash;
            }
            ++p;
            if (!afterLabel(p, name, "right after"))
                break;
        }
    }
    count = n;
    if constexpr (kSample) {
        m_labelsHash = labelsHash;
        m_leHash = leHash;
    }
    return p + 1;
}

void OpenMetricsReader::omEndHistogramPoint()
{
    if (!m_point.active)
        return;
    HistogramPoint point = m_point;
    m_point.active = false;
    const bool gauge = m_current && m_current->family.type == MetricType::GaugeHistogram;
    if (!point.hasInf)
        failAt(m_lineNumber, 1,
               "histogram series has no bucket with le=\"+Inf\" (every histogram MetricPoint needs one)");
    if (point.hasCount && point.count != point.infValue)
        failAt(point.countLine, point.countColumn,
               std::string(gauge ? "_gcount" : "_count") + " does not equal the value of the le=\"+Inf\" bucket");
    if (!gauge && point.negativeLe && point.hasSum)
        failAt(m_lineNumber, 1, "histogram series with negative bucket thresholds must not have a _sum");
    if (gauge && point.negativeSum && !point.negativeLe)
        failAt(m_lineNumber, 1, "gaugehistogram series has a negative _gsum but no negative bucket thresholds");
}

void OpenMetricsReader::omCheckSeries(std::string_view name, std::uint64_t key, bool hasTimestamp, double timestamp,
                                      const char* at)
{
    bool hadTimestamp = false;
    double previous = 0;
    if (m_seen.add(key, hasTimestamp, timestamp, hadTimestamp, previous))
        return;
    if (!hasTimestamp || !hadTimestamp)
        fail(at, "duplicate sample: " + quoted(name) + " with the same labels appears twice in its family");
    if (!(timestamp > previous))
        fail(at, "timestamps of repeated samples of " + quoted(name) + " must increase");
    m_seen.update(hasTimestamp, timestamp);
}

void OpenMetricsReader::omHistogramSample(ExpositionFamilyState& state, Suffix suffix, double value, bool hasTimestamp,
                                          double timestamp, const char* at, const char* valueAt, double& le)
{
    const bool gauge = state.family.type == MetricType::GaugeHistogram;
    // The MetricPoint: the labels without le, and the timestamp (0 and -0 the same).
    const Label* leLabel = nullptr;
    for (const Label& label : labels()) {
        if (label.name.size() == 2 && label.name == "le")
            leLabel = &label;
    }
    std::uint64_t key = m_labelsHash - (leLabel ? m_leHash : 0);
    if (hasTimestamp)
        key += mix(timestamp == 0 ? 1 : std::bit_cast<std::uint64_t>(timestamp));
    else
        key += 0x51ed270b27f5c3a1ULL;
    if (suffix == Suffix::Bucket && !leLabel)
        fail(at, "bucket sample without an \"le\" label");
    if (suffix != Suffix::Bucket && leLabel)
        fail(leLabel->name.data(), "only _bucket samples may have an \"le\" label");
    if (!m_point.active || m_point.key != key) {
        omEndHistogramPoint();
        m_point = HistogramPoint{};
        m_point.active = true;
        m_point.key = key;
    }
    auto requireCount = [&](const char* what) {
        if (std::isnan(value) || value < 0)
            fail(valueAt, std::string(what) + " must not be NaN or negative");
        if (!std::isfinite(value) || std::trunc(value) != value)
            fail(valueAt, std::string(what) + " must be an integer");
    };
    switch (suffix) {
    case Suffix::Bucket: {
        if (parseDouble(leLabel->value, true, le) != NumberError::None || std::isnan(le))
            fail(leLabel->name.data(), "le=" + quoted(leLabel->value) + " is not a number");
        if (std::isinf(le) && le > 0 && leLabel->value != "+Inf")
            fail(leLabel->name.data(),
                 "the infinite bucket must be written le=\"+Inf\", not le=" + quoted(leLabel->value));
        requireCount("a bucket value");
        if (m_point.hasBucket && !(le > m_point.lastLe))
            fail(leLabel->name.data(),
                 "buckets must be in increasing order of le (le=" + quoted(leLabel->value)
                     + " does not follow the previous bucket)");
        if (m_point.hasInf)
            fail(leLabel->name.data(), "bucket after the le=\"+Inf\" bucket");
        if (m_point.hasBucket && value < m_point.lastBucket)
            fail(valueAt, "bucket values must be cumulative (this bucket is smaller than the one before)");
        m_point.hasBucket = true;
        m_point.lastLe = le;
        m_point.lastBucket = value;
        if (le < 0)
            m_point.negativeLe = true;
        if (std::isinf(le) && le > 0) {
            m_point.hasInf = true;
            m_point.infValue = value;
        }
        break;
    }
    case Suffix::Count:
    case Suffix::GCount:
        requireCount(gauge ? "_gcount" : "_count");
        m_point.hasCount = true;
        m_point.count = value;
        m_point.countLine = m_lineNumber;
        m_point.countColumn = column(valueAt);
        break;
    case Suffix::Sum:
        if (std::isnan(value) || value < 0)
            fail(valueAt, "_sum of a histogram must not be NaN or negative");
        m_point.hasSum = true;
        break;
    case Suffix::GSum:
        if (std::isnan(value))
            fail(valueAt, "_gsum must not be NaN");
        m_point.hasSum = true;
        m_point.negativeSum = value < 0;
        break;
    default:
        break;
    }
}

const char* OpenMetricsReader::omExemplar(const char* p, Suffix suffix, double le)
{
    // p is at " # {"
    const MetricType type = m_current->family.type;
    const bool allowed = (type == MetricType::Counter && suffix == Suffix::Total)
        || ((type == MetricType::Histogram || type == MetricType::GaugeHistogram) && suffix == Suffix::Bucket);
    if (!allowed)
        fail(p + 1, "exemplars are allowed only on counter _total and histogram _bucket samples");
    p += 3;
    if (*p != '{')
        fail(p, "expected the exemplar's labels in braces after \" # \"");
    std::size_t count = 0;
    const char* braceAt = p;
    p = omLabels<false>(p, m_exemplarLabels.get(), count);
    std::size_t codePoints = 0;
    for (const Label& label : std::span<const Label>(m_exemplarLabels.get(), count)) {
        codePoints += label.name.size();
        for (char c : label.value)
            codePoints += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
    }
    if (codePoints > 128)
        fail(braceAt,
             "exemplar labels are " + std::to_string(codePoints)
                 + " characters long; names and values together may have at most 128");
    if (*p != ' ')
        fail(p, "expected a space and the exemplar's value after its labels");
    ++p;
    const char* valueStart = p;
    p = skipToken(p);
    const std::string_view valueText(valueStart, std::size_t(p - valueStart));
    double value = 0;
    if (parseDouble(valueText, true, value) != NumberError::None)
        fail(valueStart, "expected a number as the exemplar's value, got " + quoted(valueText));
    if (suffix == Suffix::Bucket && value > le)
        fail(valueStart, "exemplar value " + std::string(valueText) + " is above its bucket's le");
    if (*p != '\n') {
        ++p;
        const char* timestampStart = p;
        p = skipToken(p);
        const std::string_view timestampText(timestampStart, std::size_t(p - timestampStart));
        double timestamp = 0;
        if (parseDouble(timestampText, false, timestamp) != NumberError::None)
            fail(timestampStart,
                 "expected a number of seconds as the exemplar's timestamp, got " + quoted(timestampText));
        if (*p != '\n')
            fail(p, "unexpected text after the exemplar: " + quoted(restOfLine(p)));
    }
    return p;
}

ScannedNumber OpenMetricsReader::omValueTheLongWay(const char* p) const
{
    double value = 0;
    const char* valueStart = p;
    p = skipToken(p);
    const std::string_view valueText(valueStart, std::size_t(p - valueStart));
    switch (parseDouble(valueText, true, value)) {
    case NumberError::None:
        break;
    case NumberError::Overflow:
        fail(valueStart, "value " + quoted(valueText) + " does not fit in a 64-bit floating point number");
    case NumberError::Syntax:
        fail(valueStart, "expected a number as the value, got " + quoted(valueText));
    }
    return ScannedNumber{p, value};
}

Suffix OpenMetricsReader::omSuffix(std::string_view name, const char* nameStart) const
{
    // The name is the current family's name, or starts with it (scanMetricName said which).
    const std::string_view family = m_current->family.name;
    const Suffix s = m_nameIsCurrent ? Suffix::None : suffixFromText(name.substr(family.size()));
    if (allowsSuffix(m_current->family.type, s))
        return s;
    if (m_nameIsCurrent)
        fail(nameStart,
             "sample name " + quoted(name) + " is not valid for "
                 + std::string(ExpositionParser::typeName(m_current->family.type)) + " family " + quoted(family)
                 + " (expected " + expectedNames(family, m_current->family.type) + ")");
    return Suffix::Invalid;
}

const char* OpenMetricsReader::omSample(const char* p)
{
    const char* nameStart = p;
    p = scanMetricName(p);
    if (p == nameStart)
        fail(p, "invalid metric name at " + quoted(restOfLine(p)));
    const std::string_view name(nameStart, std::size_t(p - nameStart));

    // The family: the current one when the name is one of its sample names, else a new unknown one.
    Suffix suffix
        = m_current && (m_nameIsCurrent || m_nameExtendsCurrent) ? omSuffix(name, nameStart) : Suffix::Invalid;
    if (suffix == Suffix::Invalid) {
        omStartFamily(name, nameStart);
        suffix = Suffix::None;
    }
    ExpositionFamilyState& state = *m_current;
    if (!state.hasSamples) {
        omClaimSampleNames(state, nameStart);
        state.hasSamples = true;
        queueReport(state);
    }

    m_labelCount = 0;
    m_labelsHash = 0;
    m_leHash = 0;
    if (*p == '{')
        p = omLabels<true>(p, m_labels.get(), m_labelCount);
    // The series: the sample name (in this family, its suffix says which) and the label set (the sum
    // of the labels' hashes does not depend on their order).
    const std::uint64_t seriesKey = mix(m_labelsHash + (std::uint64_t(suffix) + 1) * 0x9e3779b97f4a7c15ULL);
    if (*p != ' ')
        fail(p,
             *p == '\n' ? "expected a space and a value after " + quoted(name)
                        : "expected a single space before the value, got " + quoted(std::string_view(p, 1)));
    const char* valueStart = ++p;
    double value = 0;
    if (const char* end = scanDecimal(p, value); end && (*end == ' ' || *end == '\n')) {
        p = end;
    } else {
        const ScannedNumber scanned = omValueTheLongWay(p);
        p = scanned.end;
        value = scanned.value;
    }
    bool hasTimestamp = false;
    double seconds = 0;
    std::int64_t timestampMs = 0;
    const char* exemplarAt = nullptr;
    if (*p != '\n') {
        ++p; // the space
        if (p[0] == '#' && p[1] == ' ') {
            exemplarAt = p - 1;
        } else {
            const char* timestampStart = p;
            if (const char* end = scanDecimal(p, seconds); end && (*end == ' ' || *end == '\n')) {
                p = end;
            } else {
                p = skipToken(p);
                const std::string_view timestampText(timestampStart, std::size_t(p - timestampStart));
                if (timestampText.empty())
                    fail(timestampStart - 1, "trailing blank after the value (or two blanks before the timestamp)");
                double parsed = 0; // not `seconds`: that would keep it in memory
                if (parseDouble(timestampText, false, parsed) != NumberError::None)
                    fail(timestampStart, "expected a timestamp in seconds, got " + quoted(timestampText));
                seconds = parsed;
            }
            const double ms = std::round(seconds * 1000.0);
            if (!(ms > -9.2e18 && ms < 9.2e18))
                fail(timestampStart,
                     "timestamp " + quoted(std::string_view(timestampStart, std::size_t(p - timestampStart)))
                         + " is out of range");
            hasTimestamp = true;
            timestampMs = std::int64_t(ms);
            if (*p != '\n') {
                if (p[1] == '#' && p[2] == ' ')
                    exemplarAt = p;
                else
                    fail(p, "unexpected text after the timestamp: " + quoted(restOfLine(p)));
            }
        }
    }

    // What each type requires of its samples.
    const MetricType type = state.family.type;
    double le = std::numeric_limits<double>::infinity();
    switch (type) {
    case MetricType::Counter:
        if (suffix == Suffix::Total && (std::isnan(value) || value < 0))
            fail(valueStart, "a counter's _total must not be NaN or negative");
        break;
    case MetricType::Histogram:
    case MetricType::GaugeHistogram:
        omHistogramSample(state, suffix, value, hasTimestamp, seconds, nameStart, valueStart, le);
        break;
    case MetricType::Summary: {
        const Label* quantile = nullptr;
        for (const Label& label : labels()) {
            if (label.name == "quantile")
                quantile = &label;
        }
        if (suffix == Suffix::None) {
            double q = 0;
            if (!quantile)
                fail(nameStart, "summary quantile sample without a \"quantile\" label");
            if (parseDouble(quantile->value, true, q) != NumberError::None || !(q >= 0 && q <= 1))
                fail(quantile->name.data(), "quantile=" + quoted(quantile->value) + " is not a number between 0 and 1");
            if (value < 0)
                fail(valueStart, "a summary quantile's value must not be negative");
        } else if (quantile) {
            fail(quantile->name.data(), "only the summary's quantile samples may have a \"quantile\" label");
        } else if (suffix == Suffix::Count) {
            if (std::isnan(value) || value < 0 || !std::isfinite(value) || std::trunc(value) != value)
                fail(valueStart, "a summary's _count must be a non-negative integer");
        } else if (suffix == Suffix::Sum) {
            if (std::isnan(value) || value < 0)
                fail(valueStart, "a summary's _sum must not be NaN or negative");
        }
        break;
    }
    case MetricType::StateSet: {
        bool hasState = false;
        for (const Label& label : labels())
            hasState = hasState || label.name == state.family.name;
        if (!hasState)
            fail(nameStart, "stateset sample without a label named after its family " + quoted(state.family.name));
        if (value != 0 && value != 1)
            fail(valueStart, "a stateset's value must be 0 or 1");
        break;
    }
    case MetricType::Info:
        if (value != 1)
            fail(valueStart, "an info metric's value must be 1");
        break;
    case MetricType::Gauge:
    case MetricType::Unknown:
        break;
    }
    if (exemplarAt)
        p = omExemplar(exemplarAt, suffix, le);
    omCheckSeries(name, seriesKey, hasTimestamp, seconds, nameStart);
    reportPending();
    deliver(state, name, value, hasTimestamp, timestampMs, exemplarAt != nullptr);
    return p;
}

} // namespace sd::exposition
