// SPDX-License-Identifier: GPL-3.0-or-later
#include "metrics/OpenMetricsReader.h"

#include "metrics/ExpositionLexing.h"
#include "metrics/ExpositionNumbers.h"

#include <cmath>
#include <cstring>
#include <functional>
#include <limits>

namespace sd::exposition {

ExpositionReader::ParseSummary OpenMetricsReader::read(std::string_view body, Visitor* visitor)
{
    begin(body, visitor);
    m_familyNames.clear();
    m_sampleNames.clear();
    m_sampleNameText.clear();
    m_point = HistogramPoint{};
    m_sawEof = false;
    const char* p = body.data();
    const char* const end = p + body.size();
    if (body.size() >= 3 && std::memcmp(p, "\xEF\xBB\xBF", 3) == 0)
        fail(p, "the exposition starts with a byte order mark, which OpenMetrics does not allow");
    while (p < end) {
        m_lineStart = p;
        const auto* newline = static_cast<const char*>(std::memchr(p, '\n', std::size_t(end - p)));
        const char* eol = newline ? newline : end;
        checkLineLength(p, eol);
        if (m_sawEof)
            fail(p, "nothing may follow \"# EOF\"");
        omLine(p, eol);
        if (!newline && !m_sawEof)
            fail(eol, "the exposition does not end with \"# EOF\"");
        if (!newline)
            break;
        p = newline + 1;
        ++m_lineNumber;
    }
    if (!m_sawEof)
        fail(end, "the exposition does not end with \"# EOF\"");
    return summary();
}

void OpenMetricsReader::omLine(const char* p, const char* eol)
{
    if (p == eol)
        fail(p, "empty line (OpenMetrics does not allow them)");
    if (eol[-1] == '\r')
        fail(eol - 1, "the line ends with a carriage return; OpenMetrics lines end with \\n only");
    if (*p == '#') {
        const std::string_view line(p, std::size_t(eol - p));
        if (line == "# EOF") {
            omEndFamily();
            m_sawEof = true;
            return;
        }
        if (line.size() >= 7
            && (line.substr(0, 7) == "# TYPE " || line.substr(0, 7) == "# HELP " || line.substr(0, 7) == "# UNIT ")) {
            omMetadata(p, eol);
            return;
        }
        fail(p,
             "a line starting with # must be \"# TYPE\", \"# HELP\", \"# UNIT\" or \"# EOF\" (OpenMetrics has "
             "no other comments)");
    }
    omSample(p, eol);
}

void OpenMetricsReader::omStartFamily(std::string_view name, const char* at)
{
    omEndFamily();
    if (name.front() == '_')
        fail(at, "metric family name " + quoted(name) + " starts with an underscore, which OpenMetrics reserves");
    ExpositionFamilyState& state = newFamily(name);
    m_current = &state;
    m_seen.nextFamily();
    const std::uint64_t hash = NameTable::hash(name);
    if (m_familyNames.find(name, hash) != NameTable::kMissing)
        fail(at,
             "metric family " + quoted(name)
                 + " appears a second time (families must be unique and must not be interleaved)");
    m_familyNames.insert(name, std::uint32_t(m_families.size() - 1), hash);
}

void OpenMetricsReader::omClaimSampleNames(ExpositionFamilyState& state, const char* at)
{
    for (Suffix s : allowedSuffixes(state.family.type)) {
        const std::string_view name
            = s == Suffix::None ? state.family.name : m_sampleNameText.join(state.family.name, suffixText(s));
        const std::uint64_t hash = NameTable::hash(name);
        if (const std::uint32_t index = m_sampleNames.find(name, hash); index != NameTable::kMissing) {
            const ExpositionFamilyState& other = m_families[index];
            fail(at,
                 "metric family " + quoted(state.family.name) + " ("
                     + std::string(ExpositionParser::typeName(state.family.type)) + ") clashes with family "
                     + quoted(other.family.name) + " (" + std::string(ExpositionParser::typeName(other.family.type))
                     + "): both may have samples named " + quoted(name));
        }
        m_sampleNames.insert(name, std::uint32_t(&state - m_families.data()), hash);
    }
}

void OpenMetricsReader::omEndFamily()
{
    if (!m_current)
        return;
    omEndHistogramPoint();
    ExpositionFamilyState& state = *m_current;
    if (!state.hasSamples)
        omClaimSampleNames(state, m_lineStart);
    report(state);
    m_current = nullptr;
}

void OpenMetricsReader::omMetadata(const char* p, const char* eol)
{
    const std::string_view kind(p + 2, 4);
    const char* nameStart = p + 7;
    const char* q = scanMetricName(nameStart, eol);
    if (q == nameStart)
        fail(nameStart, "invalid metric name in " + std::string(kind) + " line");
    const std::string_view name(nameStart, std::size_t(q - nameStart));
    if (q == eol || *q != ' ')
        fail(q,
             q == eol ? "expected a space and a value after the metric name in the " + std::string(kind) + " line"
                      : "invalid character in the metric name of the " + std::string(kind) + " line");
    ++q;
    if (!m_current || m_current->family.name != name)
        omStartFamily(name, nameStart);
    ExpositionFamilyState& state = *m_current;
    if (state.hasSamples)
        fail(p, "# " + std::string(kind) + " line for " + quoted(name) + " after its samples");
    const std::string_view rest(q, std::size_t(eol - q));
    if (kind == "TYPE") {
        if (state.hasType)
            fail(p, "second # TYPE line for " + quoted(name));
        static constexpr MetricType kTypes[]
            = {MetricType::Counter, MetricType::Gauge,    MetricType::Histogram, MetricType::GaugeHistogram,
               MetricType::Summary, MetricType::StateSet, MetricType::Info,      MetricType::Unknown};
        bool found = false;
        for (MetricType type : kTypes) {
            if (rest == ExpositionParser::typeName(type)) {
                state.family.type = type;
                found = true;
            }
        }
        if (!found)
            fail(q,
                 "unknown metric type " + quoted(rest)
                     + " (expected counter, gauge, histogram, gaugehistogram, summary, stateset, info or unknown)");
        state.hasType = true;
    } else if (kind == "UNIT") {
        if (state.hasUnit)
            fail(p, "second # UNIT line for " + quoted(name));
        for (const char* c = q; c < eol; ++c) {
            if (!is(*c, kNameChar))
                fail(c, "invalid character in unit " + quoted(rest));
        }
        state.hasUnit = true;
        if (!rest.empty()) {
            if (name.size() <= rest.size() + 1 || name.substr(name.size() - rest.size()) != rest
                || name[name.size() - rest.size() - 1] != '_')
                fail(q,
                     "unit " + quoted(rest) + " is not a suffix of the metric family name " + quoted(name)
                         + " (expected a name ending in _" + std::string(rest) + ")");
            state.family.unit = rest;
        }
    } else { // HELP
        if (state.hasHelp)
            fail(p, "second # HELP line for " + quoted(name));
        state.hasHelp = true;
        m_scratchUsed = 0;
        if (m_scratch.size() < rest.size())
            m_scratch.resize(rest.size());
        std::string_view help;
        scanQuoted(q, eol, help, true);
        if (!rest.empty() && help.data() != rest.data())
            help = m_helpStorage.emplace_back(help);
        state.family.help = help;
    }
    if (state.hasType && !state.family.unit.empty()
        && (state.family.type == MetricType::StateSet || state.family.type == MetricType::Info))
        fail(p,
             std::string(ExpositionParser::typeName(state.family.type)) + " family " + quoted(name)
                 + " must not have a unit");
}

const char* OpenMetricsReader::omLabels(const char* p, const char* eol, std::vector<Label>& labels)
{
    ++p; // '{'
    if (p < eol && *p == '}')
        return p + 1;
    for (;;) {
        const char* nameStart = p;
        p = scanLabelName(p, eol);
        const std::string_view name(nameStart, std::size_t(p - nameStart));
        if (name.front() == '_')
            fail(nameStart, "label name " + quoted(name) + " starts with an underscore, which OpenMetrics reserves");
        if (p == eol || *p != '=')
            fail(p, "expected \"=\" right after label name " + quoted(name));
        ++p;
        if (p == eol || *p != '"')
            fail(p, "expected a double-quoted value right after " + std::string(name) + "=");
        std::string_view value;
        p = scanLabelValue(p + 1, eol, value) + 1;
        addLabel(labels, name, value, nameStart);
        if (p < eol && *p == ',') {
            ++p;
            continue;
        }
        if (p < eol && *p == '}')
            return p + 1;
        fail(p, "expected \",\" or \"}\" right after the value of label " + quoted(name));
    }
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

void OpenMetricsReader::omCheckSeries(std::string_view name, std::optional<double> timestamp, const char* at)
{
    std::uint64_t labels = 0;
    for (const Label& label : m_labels)
        labels += mix(hashBytes(label.name) * 31 + hashBytes(label.value));
    const std::uint64_t key = mix(hashBytes(name) ^ mix(labels + 0x9e3779b97f4a7c15ULL));
    bool inserted = false;
    SeenSeries::Slot& slot = m_seen.find(key, inserted);
    if (!inserted) {
        if (!timestamp || !slot.hasTimestamp)
            fail(at, "duplicate sample: " + quoted(name) + " with the same labels appears twice in its family");
        if (!(*timestamp > slot.timestamp))
            fail(at, "timestamps of repeated samples of " + quoted(name) + " must increase");
    }
    slot.hasTimestamp = timestamp.has_value();
    slot.timestamp = timestamp.value_or(0);
}

void OpenMetricsReader::omHistogramSample(ExpositionFamilyState& state, Suffix suffix, double value,
                                          std::optional<double> timestamp, const char* at, const char* valueAt,
                                          double& le)
{
    const bool gauge = state.family.type == MetricType::GaugeHistogram;
    // The MetricPoint: the labels without le, and the timestamp.
    std::uint64_t key = timestamp ? mix(std::hash<double>{}(*timestamp)) : 0x51ed270b27f5c3a1ULL;
    const Label* leLabel = nullptr;
    for (const Label& label : m_labels) {
        if (label.name == "le") {
            leLabel = &label;
            continue;
        }
        key += mix(hashBytes(label.name) * 31 + hashBytes(label.value));
    }
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

const char* OpenMetricsReader::omExemplar(const char* p, const char* eol, Suffix suffix, double le)
{
    // p is at " # {"
    const MetricType type = m_current->family.type;
    const bool allowed = (type == MetricType::Counter && suffix == Suffix::Total)
        || ((type == MetricType::Histogram || type == MetricType::GaugeHistogram) && suffix == Suffix::Bucket);
    if (!allowed)
        fail(p + 1, "exemplars are allowed only on counter _total and histogram _bucket samples");
    p += 3;
    if (p == eol || *p != '{')
        fail(p, "expected the exemplar's labels in braces after \" # \"");
    m_exemplarLabels.clear();
    const char* braceAt = p;
    p = omLabels(p, eol, m_exemplarLabels);
    std::size_t codePoints = 0;
    for (const Label& label : m_exemplarLabels) {
        codePoints += label.name.size();
        for (char c : label.value)
            codePoints += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
    }
    if (codePoints > 128)
        fail(braceAt,
             "exemplar labels are " + std::to_string(codePoints)
                 + " characters long; names and values together may have at most 128");
    if (p == eol || *p != ' ')
        fail(p, "expected a space and the exemplar's value after its labels");
    ++p;
    const char* valueStart = p;
    while (p < eol && *p != ' ')
        ++p;
    const std::string_view valueText(valueStart, std::size_t(p - valueStart));
    double value = 0;
    if (parseDouble(valueText, true, value) != NumberError::None)
        fail(valueStart, "expected a number as the exemplar's value, got " + quoted(valueText));
    if (suffix == Suffix::Bucket && value > le)
        fail(valueStart, "exemplar value " + std::string(valueText) + " is above its bucket's le");
    if (p < eol) {
        ++p;
        const char* timestampStart = p;
        while (p < eol && *p != ' ')
            ++p;
        const std::string_view timestampText(timestampStart, std::size_t(p - timestampStart));
        double timestamp = 0;
        if (parseDouble(timestampText, false, timestamp) != NumberError::None)
            fail(timestampStart,
                 "expected a number of seconds as the exemplar's timestamp, got " + quoted(timestampText));
        if (p < eol)
            fail(p, "unexpected text after the exemplar: " + quoted(std::string_view(p, std::size_t(eol - p))));
    }
    return p;
}

void OpenMetricsReader::omSample(const char* p, const char* eol)
{
    const char* nameStart = p;
    p = scanMetricName(p, eol);
    if (p == nameStart)
        fail(p, "invalid metric name at " + quoted(std::string_view(p, std::size_t(eol - p))));
    const std::string_view name(nameStart, std::size_t(p - nameStart));

    // The family: the current one when the name is one of its sample names, else a new unknown one.
    Suffix suffix = Suffix::Invalid;
    if (m_current) {
        const std::string_view family = m_current->family.name;
        if (name.size() >= family.size() && name.substr(0, family.size()) == family) {
            const Suffix s = suffixFromText(name.substr(family.size()));
            for (Suffix allowed : allowedSuffixes(m_current->family.type)) {
                if (s == allowed)
                    suffix = s;
            }
            if (suffix == Suffix::Invalid && name.size() == family.size())
                fail(nameStart,
                     "sample name " + quoted(name) + " is not valid for "
                         + std::string(ExpositionParser::typeName(m_current->family.type)) + " family " + quoted(family)
                         + " (expected " + expectedNames(family, m_current->family.type) + ")");
        }
    }
    if (suffix == Suffix::Invalid) {
        omStartFamily(name, nameStart);
        suffix = Suffix::None;
    }
    ExpositionFamilyState& state = *m_current;
    if (!state.hasSamples) {
        omClaimSampleNames(state, nameStart);
        state.hasSamples = true;
        report(state);
    }

    m_labels.clear();
    m_scratchUsed = 0;
    if (m_scratch.size() < std::size_t(eol - p))
        m_scratch.resize(std::size_t(eol - p));
    if (p < eol && *p == '{')
        p = omLabels(p, eol, m_labels);
    if (p == eol || *p != ' ')
        fail(p,
             p == eol ? "expected a space and a value after " + quoted(name)
                      : "expected a single space before the value, got " + quoted(std::string_view(p, 1)));
    ++p;
    const char* valueStart = p;
    while (p < eol && *p != ' ')
        ++p;
    const std::string_view valueText(valueStart, std::size_t(p - valueStart));
    double value = 0;
    switch (parseDouble(valueText, true, value)) {
    case NumberError::None:
        break;
    case NumberError::Overflow:
        fail(valueStart, "value " + quoted(valueText) + " does not fit in a 64-bit floating point number");
    case NumberError::Syntax:
        fail(valueStart, "expected a number as the value, got " + quoted(valueText));
    }
    std::optional<double> timestamp;
    std::optional<std::int64_t> timestampMs;
    const char* exemplarAt = nullptr;
    if (p < eol) {
        ++p; // the space
        if (eol - p >= 2 && p[0] == '#' && p[1] == ' ') {
            exemplarAt = p - 1;
        } else {
            const char* timestampStart = p;
            while (p < eol && *p != ' ')
                ++p;
            const std::string_view timestampText(timestampStart, std::size_t(p - timestampStart));
            double seconds = 0;
            if (timestampText.empty())
                fail(timestampStart - 1, "trailing blank after the value (or two blanks before the timestamp)");
            if (parseDouble(timestampText, false, seconds) != NumberError::None)
                fail(timestampStart, "expected a timestamp in seconds, got " + quoted(timestampText));
            const double ms = std::round(seconds * 1000.0);
            if (!(ms > -9.2e18 && ms < 9.2e18))
                fail(timestampStart, "timestamp " + quoted(timestampText) + " is out of range");
            timestamp = seconds;
            timestampMs = std::int64_t(ms);
            if (p < eol) {
                if (eol - p >= 3 && p[1] == '#' && p[2] == ' ')
                    exemplarAt = p;
                else
                    fail(p,
                         "unexpected text after the timestamp: " + quoted(std::string_view(p, std::size_t(eol - p))));
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
        omHistogramSample(state, suffix, value, timestamp, nameStart, valueStart, le);
        break;
    case MetricType::Summary: {
        const Label* quantile = nullptr;
        for (const Label& label : m_labels) {
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
        for (const Label& label : m_labels)
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
        omExemplar(exemplarAt, eol, suffix, le);
    omCheckSeries(name, timestamp, nameStart);
    deliver(state, name, value, timestampMs, exemplarAt != nullptr);
}

} // namespace sd::exposition
