// SPDX-License-Identifier: GPL-3.0-or-later
#include "metrics/TextExpositionReader.h"

#include "metrics/ExpositionLexing.h"
#include "metrics/ExpositionNumbers.h"

#include <cstring>

namespace sd::exposition {

ExpositionReader::ParseSummary TextExpositionReader::read(std::string_view body, Visitor* visitor)
{
    begin(body, visitor);
    m_byName.clear();
    const char* p = body.data();
    const char* const end = p + body.size();
    while (p < end) {
        m_lineStart = p;
        const auto* newline = static_cast<const char*>(std::memchr(p, '\n', std::size_t(end - p)));
        const char* eol = newline ? newline : end;
        checkLineLength(p, eol);
        if (!newline) { // blanks alone may end the body (as in expfmt), anything else needs its \n
            const char* q = p;
            while (q < eol && isBlank(*q))
                ++q;
            if (q < eol)
                fail(eol, "the last line does not end with a newline (unexpected end of input)");
        }
        textLine(p, eol);
        if (!newline)
            break;
        p = newline + 1;
        ++m_lineNumber;
    }
    for (ExpositionFamilyState& state : m_families)
        report(state);
    return summary();
}

void TextExpositionReader::textLine(const char* p, const char* eol)
{
    while (p < eol && isBlank(*p))
        ++p;
    if (p == eol)
        return; // blank line
    if (*p == '#')
        textComment(p + 1, eol);
    else
        textSample(p, eol);
}

ExpositionFamilyState& TextExpositionReader::textFamilyByName(std::string_view name)
{
    if (m_nameIsCurrent || (m_current && sameBytes(m_current->family.name, name)))
        return *m_current;
    const std::uint64_t hash = NameTable::hash(name);
    if (const std::uint32_t index = m_byName.find(name, hash); index != NameTable::kMissing)
        return m_families[index];
    m_byName.insert(name, std::uint32_t(m_families.size()), hash);
    return newFamily(name);
}

namespace {

// The type a # TYPE line names, in any letter case; false when it names none.
bool typeFromText(std::string_view text, ExpositionParser::MetricType& type)
{
    using MetricType = ExpositionParser::MetricType;
    char lower[16];
    if (text.size() > sizeof lower)
        return false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        lower[i] = c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
    }
    const std::string_view word(lower, text.size());
    static constexpr std::pair<std::string_view, MetricType> kTypes[]
        = {{"counter", MetricType::Counter},     {"gauge", MetricType::Gauge},
           {"histogram", MetricType::Histogram}, {"summary", MetricType::Summary},
           {"untyped", MetricType::Unknown},     {"gauge_histogram", MetricType::GaugeHistogram}};
    for (const auto& [candidate, candidateType] : kTypes) {
        if (word == candidate) {
            type = candidateType;
            return true;
        }
    }
    return false;
}

// The comment word at p (up to a blank or eol) is `keyword`.
bool isKeyword(const char* p, const char* eol, const char (&keyword)[5])
{
    return eol - p >= 4 && std::memcmp(p, keyword, 4) == 0 && (p + 4 == eol || isBlank(p[4]));
}

} // namespace

void TextExpositionReader::textComment(const char* p, const char* eol)
{
    while (p < eol && isBlank(*p))
        ++p;
    const char* keyword = p;
    const bool isHelp = isKeyword(p, eol, "HELP");
    if (!isHelp && !isKeyword(p, eol, "TYPE"))
        return; // any other comment
    p += 4;
    const std::string_view word(keyword, 4);
    while (p < eol && isBlank(*p))
        ++p;
    if (p == eol)
        return; // "# HELP" alone is a comment too
    const char* nameStart = p;
    p = scanMetricName(p, eol);
    if (p == nameStart || (p < eol && !isBlank(*p))) {
        while (p < eol && !isBlank(*p))
            ++p;
        fail(nameStart,
             "invalid metric name " + quoted(std::string_view(nameStart, std::size_t(p - nameStart))) + " in "
                 + std::string(word) + " line");
    }
    const std::string_view name(nameStart, std::size_t(p - nameStart));
    if (p == eol)
        return; // "# TYPE foo" without a type: Prometheus ignores it
    while (p < eol && isBlank(*p))
        ++p;
    ExpositionFamilyState& state = textFamilyByName(name);
    m_current = &state;
    if (isHelp) {
        if (state.hasHelp)
            fail(keyword, "second HELP line for " + quoted(name));
        state.hasHelp = true;
        m_scratchUsed = 0;
        if (m_scratch.size() < std::size_t(eol - p))
            m_scratch.resize(std::size_t(eol - p));
        std::string_view help;
        scanQuoted(p, eol, help, true);
        if (help.data() >= m_scratch.data() && help.data() < m_scratch.data() + m_scratch.size())
            help = m_helpStorage.emplace_back(help);
        if (!state.reported)
            state.family.help = help;
        return;
    }
    const std::string_view typeText(p, std::size_t(eol - p));
    MetricType type = MetricType::Unknown;
    if (!typeFromText(typeText, type))
        fail(p,
             "unknown metric type " + quoted(typeText) + " (expected counter, gauge, histogram, summary or untyped)");
    if (state.hasType || state.hasSamples)
        fail(keyword, "second TYPE line for " + quoted(name) + ", or TYPE after its samples");
    state.hasType = true;
    state.family.type = type;
}

ExpositionFamilyState& TextExpositionReader::textFamilyForSample(std::string_view name)
{
    // As expfmt: the family of that exact name; else foo for foo_sum/foo_count of a summary foo,
    // or for foo_sum/foo_count/foo_bucket of a histogram foo; else a new untyped family.
    if (m_current) {
        const std::string_view current = m_current->family.name;
        if (m_nameIsCurrent)
            return *m_current;
        const MetricType type = m_current->family.type;
        const bool histogram = type == MetricType::Histogram || type == MetricType::GaugeHistogram;
        if ((histogram || type == MetricType::Summary) && name.size() > current.size()
            && name.substr(0, current.size()) == current) {
            const std::string_view suffix = name.substr(current.size());
            if ((suffix == "_sum" || suffix == "_count" || (histogram && suffix == "_bucket"))
                && m_byName.find(name) == NameTable::kMissing)
                return *m_current;
        }
    }
    const std::uint64_t hash = NameTable::hash(name);
    if (const std::uint32_t index = m_byName.find(name, hash); index != NameTable::kMissing)
        return m_families[index];
    for (std::string_view suffix :
         {std::string_view("_sum"), std::string_view("_count"), std::string_view("_bucket")}) {
        if (name.size() <= suffix.size() || name.substr(name.size() - suffix.size()) != suffix)
            continue;
        const std::uint32_t index = m_byName.find(name.substr(0, name.size() - suffix.size()));
        if (index == NameTable::kMissing)
            continue;
        const MetricType type = m_families[index].family.type;
        const bool histogram = type == MetricType::Histogram || type == MetricType::GaugeHistogram;
        if (histogram || (type == MetricType::Summary && suffix != "_bucket"))
            return m_families[index];
    }
    m_byName.insert(name, std::uint32_t(m_families.size()), hash);
    return newFamily(name);
}

const char* TextExpositionReader::textLabels(const char* p, const char* eol)
{
    ++p; // '{'
    for (;;) {
        while (p < eol && isBlank(*p))
            ++p;
        if (p < eol && *p == '}')
            return p + 1;
        const char* nameStart = p;
        p = scanLabelName(p, eol);
        const std::string_view name(nameStart, std::size_t(p - nameStart));
        if (name == "__name__")
            fail(nameStart, "label name \"__name__\" is reserved");
        while (p < eol && isBlank(*p))
            ++p;
        if (p == eol || *p != '=')
            fail(p, "expected \"=\" after label name " + quoted(name));
        ++p;
        while (p < eol && isBlank(*p))
            ++p;
        if (p == eol || *p != '"')
            fail(p, "expected a double-quoted value for label " + quoted(name));
        std::string_view value;
        p = scanLabelValue(p + 1, eol, value) + 1;
        addLabel(m_labels, name, value, nameStart);
        while (p < eol && isBlank(*p))
            ++p;
        if (p < eol && *p == ',') {
            ++p;
            continue;
        }
        if (p < eol && *p == '}')
            return p + 1;
        fail(p, "expected \",\" or \"}\" after the value of label " + quoted(name));
    }
}

void TextExpositionReader::textSample(const char* p, const char* eol)
{
    const char* nameStart = p;
    p = scanMetricName(p, eol);
    if (p == nameStart)
        fail(p, "invalid metric name at " + quoted(std::string_view(p, std::size_t(eol - p))));
    const std::string_view name(nameStart, std::size_t(p - nameStart));
    ExpositionFamilyState& state = textFamilyForSample(name);
    m_current = &state;
    if (!state.hasSamples) {
        state.hasSamples = true;
        report(state);
    }
    m_labels.clear();
    m_scratchUsed = 0;
    while (p < eol && isBlank(*p))
        ++p;
    if (p < eol && *p == '{') {
        if (m_scratch.size() < std::size_t(eol - p))
            m_scratch.resize(std::size_t(eol - p));
        p = textLabels(p, eol);
        while (p < eol && isBlank(*p))
            ++p;
    }
    const char* valueStart = p;
    while (p < eol && !isBlank(*p))
        ++p;
    const std::string_view valueText(valueStart, std::size_t(p - valueStart));
    double value = 0;
    if (parseDouble(valueText, true, value) != NumberError::None) {
        if (!valueText.empty() && valueText.back() == '\r')
            fail(p - 1, "the line ends with a carriage return; lines must end with \\n only");
        fail(valueStart,
             valueText.empty() ? "expected a value after " + quoted(name)
                               : "expected a number as the value, got " + quoted(valueText));
    }
    std::optional<std::int64_t> timestamp;
    if (p < eol) { // a blank: a timestamp follows, and then the end of the line
        const char* blankAt = p;
        while (p < eol && isBlank(*p))
            ++p;
        const char* timestampStart = p;
        while (p < eol && !isBlank(*p))
            ++p;
        const std::string_view timestampText(timestampStart, std::size_t(p - timestampStart));
        std::int64_t ms = 0;
        if (!parseInt64(timestampText, ms)) {
            if (!timestampText.empty() && timestampText.back() == '\r')
                fail(p - 1, "the line ends with a carriage return; lines must end with \\n only");
            if (timestampText.empty())
                fail(blankAt, "trailing blank after the value (only a timestamp in integer milliseconds may follow)");
            fail(timestampStart, "expected a timestamp in integer milliseconds, got " + quoted(timestampText));
        }
        if (p < eol)
            fail(p, "unexpected text after the timestamp: " + quoted(std::string_view(p, std::size_t(eol - p))));
        timestamp = ms;
    }
    // As expfmt: a summary's quantile and a histogram's le must be numbers.
    const MetricType type = state.family.type;
    if (type == MetricType::Summary || type == MetricType::Histogram || type == MetricType::GaugeHistogram) {
        const std::string_view special = type == MetricType::Summary ? "quantile" : "le";
        for (const Label& label : m_labels) {
            double ignored = 0;
            if (label.name == special && parseDouble(label.value, true, ignored) != NumberError::None)
                fail(nameStart,
                     "expected a number as the value of label \"" + std::string(special) + "\", got "
                         + quoted(label.value));
        }
    }
    deliver(state, name, value, timestamp, false);
}

} // namespace sd::exposition
