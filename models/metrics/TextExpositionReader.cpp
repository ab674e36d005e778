// SPDX-License-Identifier: GPL-3.0-or-later
#include "metrics/TextExpositionReader.h"

#include "metrics/ExpositionLexing.h"
#include "metrics/ExpositionNumbers.h"

#include <cstring>

namespace sd::exposition {

ExpositionReader::ParseSummary TextExpositionReader::read(std::string_view body, Visitor* visitor)
{
    const char* const end = begin(body, visitor);
    m_byName.clear();
    m_currentAlias = {};
    const char* p = body.data();
    while (p < m_linesEnd) {
        startLine(p);
        p = textLine(p) + 1;
        ++m_lineNumber;
    }
    if (p < end) { // blanks alone may end the body (as in expfmt), anything else needs its \n
        m_lineStart = p;
        checkLineLength(p, end);
        while (p < end && isBlank(*p))
            ++p;
        if (p < end)
            fail(end, "the last line does not end with a newline (unexpected end of input)");
    }
    for (ExpositionFamilyState& state : m_families)
        report(state);
    return summary();
}

const char* TextExpositionReader::textLine(const char* p)
{
    if (is(*p, kNameInitial))
        return textSample(p);
    if (*p == '#') {
        // "# HELP " and "# TYPE " as exporters write them, at once; the rest by textComment.
        if (startsWith(p, m_bodyEnd, "# HELP "))
            return textMetadata(p + 2, true, p + 7);
        if (startsWith(p, m_bodyEnd, "# TYPE "))
            return textMetadata(p + 2, false, p + 7);
        return textComment(p + 1);
    }
    while (isBlank(*p))
        ++p;
    if (*p == '\n')
        return p; // blank line
    if (*p == '#')
        return textComment(p + 1);
    return textSample(p);
}

ExpositionFamilyState& TextExpositionReader::textFamilyByName(std::string_view name)
{
    if (m_nameIsCurrent || (m_current && sameBytes(m_current->family.name, name)))
        return *m_current;
    const std::uint32_t index = m_byName.findOrInsert(name, std::uint32_t(m_families.size()), NameTable::hash(name));
    return index != NameTable::kMissing ? m_families[index] : newFamily(name);
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

// The comment word at p (up to a blank or the newline) is `keyword`.
bool isKeyword(const char* p, const char* readable, const char (&keyword)[5])
{
    return startsWith(p, readable, keyword) && (p[4] == '\n' || isBlank(p[4]));
}

// The type a # TYPE line names at p when it is written in lower case as usual: sets type and returns
// the newline after the word; null otherwise (then typeFromText decides).
const char* commonTypeWord(const char* p, const char* readable, ExpositionParser::MetricType& type)
{
    using MetricType = ExpositionParser::MetricType;
    const auto match = [&](const auto& word, MetricType wordType) -> const char* {
        if (!startsWith(p, readable, word))
            return nullptr;
        type = wordType;
        return p + sizeof word - 2;
    };
    switch (*p) {
    case 'c':
        return match("counter\n", MetricType::Counter);
    case 'g':
        return match("gauge\n", MetricType::Gauge);
    case 'h': // "histogram\n" is longer than one comparison
        return startsWith(p, readable, "histogra") && p[8] == 'm' && p[9] == '\n'
            ? (type = MetricType::Histogram, p + 9)
            : nullptr;
    case 's':
        return match("summary\n", MetricType::Summary);
    case 'u':
        return match("untyped\n", MetricType::Unknown);
    default:
        return nullptr;
    }
}

} // namespace

const char* TextExpositionReader::textComment(const char* p)
{
    while (isBlank(*p))
        ++p;
    const bool isHelp = isKeyword(p, m_bodyEnd, "HELP");
    if (!isHelp && !isKeyword(p, m_bodyEnd, "TYPE"))
        return lineEnd(p, m_bodyEnd); // any other comment
    return textMetadata(p, isHelp, p + 4);
}

const char* TextExpositionReader::textMetadata(const char* keyword, bool isHelp, const char* p)
{
    const std::string_view word(keyword, 4);
    while (isBlank(*p))
        ++p;
    if (*p == '\n')
        return p; // "# HELP" alone is a comment too
    const char* nameStart = p;
    p = scanMetricName(p, !isHelp); // HELP usually starts a family: the comparison would fail
    if (p == nameStart || (*p != '\n' && !isBlank(*p))) {
        while (*p != '\n' && !isBlank(*p))
            ++p;
        fail(nameStart,
             "invalid metric name " + quoted(std::string_view(nameStart, std::size_t(p - nameStart))) + " in "
                 + std::string(word) + " line");
    }
    const std::string_view name(nameStart, std::size_t(p - nameStart));
    if (*p == '\n')
        return p; // "# TYPE foo" without a type: Prometheus ignores it
    while (isBlank(*p))
        ++p;
    ExpositionFamilyState& state = textFamilyByName(name);
    m_current = &state;
    m_currentName = name;
    m_currentAlias = {};
    if (isHelp) {
        if (state.hasHelp)
            fail(keyword, "second HELP line for " + quoted(name));
        state.hasHelp = true;
        std::string_view help;
        const char* eol = scanHelp(p, help);
        if (!state.reported)
            state.family.help = help;
        return eol;
    }
    MetricType type = MetricType::Unknown;
    const char* eol = commonTypeWord(p, m_bodyEnd, type);
    if (!eol) {
        eol = lineEnd(p, m_bodyEnd);
        const std::string_view typeText(p, std::size_t(eol - p));
        if (!typeFromText(typeText, type))
            fail(p,
                 "unknown metric type " + quoted(typeText)
                     + " (expected counter, gauge, histogram, summary or untyped)");
    }
    if (state.hasType || state.hasSamples)
        fail(keyword, "second TYPE line for " + quoted(name) + ", or TYPE after its samples");
    state.hasType = true;
    state.family.type = type;
    return eol;
}

ExpositionFamilyState& TextExpositionReader::textFamilyForSample(std::string_view name)
{
    // (The current family, when the name is its name, is the caller's.)
    // As expfmt: the family of that exact name; else foo for foo_sum/foo_count of a summary foo,
    // or for foo_sum/foo_count/foo_bucket of a histogram foo; else a new untyped family.
    // (m_nameExtendsCurrent: the name is the current family's name and more, as scanMetricName found.)
    if (m_nameExtendsCurrent) {
        const std::string_view current = m_current->family.name;
        const MetricType type = m_current->family.type;
        const bool histogram = type == MetricType::Histogram || type == MetricType::GaugeHistogram;
        if (histogram || type == MetricType::Summary) {
            const std::string_view suffix = name.substr(current.size());
            if ((suffix == "_sum" || suffix == "_count" || (histogram && suffix == "_bucket"))
                && m_byName.find(name) == NameTable::kMissing) {
                m_currentAlias = name;
                return *m_current;
            }
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
    m_byName.findOrInsert(name, std::uint32_t(m_families.size()), hash); // not there (find said so)
    return newFamily(name);
}

// Blanks may stand between any two tokens; exporters write none (or one before the value), so each
// step tests for what usually comes and skips blanks only when something else is there.
const char* TextExpositionReader::textLabels(const char* p)
{
    // In locals while the labels are read (stores to the labels could be to members, for the compiler).
    std::size_t count = 0;
    std::uint64_t nameBits = 0;
    Label* const labels = m_labels.get();
    ++p; // '{'
    for (;;) {
        if (!is(*p, kLabelInitial)) {
            p = skipBlanks(p);
            if (*p == '}')
                break;
        }
        const char* nameStart = p;
        std::string_view name;
        std::string_view value;
        if (const char* quote = is(*p, kLabelInitial) ? scanPlainLabel(p, name, value) : nullptr) {
            if (name.size() == 8 && name == "__name__")
                fail(nameStart, "label name \"__name__\" is reserved");
            p = quote + 1;
        } else {
            p = scanLabelName(p);
            name = std::string_view(nameStart, std::size_t(p - nameStart));
            if (name.size() == 8 && name == "__name__")
                fail(nameStart, "label name \"__name__\" is reserved");
            if (*p != '=') {
                p = skipBlanks(p);
                if (*p != '=')
                    fail(p, "expected \"=\" after label name " + quoted(name));
            }
            ++p;
            if (*p != '"') {
                p = skipBlanks(p);
                if (*p != '"')
                    fail(p, "expected a double-quoted value for label " + quoted(name));
            }
            p = scanLabelValue(p + 1, value) + 1;
        }
        addLabel(labels, count, nameBits, name, value, nameStart);
        if (isBlank(*p))
            p = skipBlanks(p);
        if (!afterLabel(p, name, "after"))
            break;
    }
    m_labelCount = count;
    return p + 1;
}

ScannedNumber TextExpositionReader::textValueTheLongWay(const char* p, std::string_view name) const
{
    double value = 0;
    const char* valueStart = p;
    while (*p != '\n' && !isBlank(*p))
        ++p;
    const std::string_view valueText(valueStart, std::size_t(p - valueStart));
    if (parseDouble(valueText, true, value) != NumberError::None) {
        if (!valueText.empty() && valueText.back() == '\r')
            fail(p - 1, "the line ends with a carriage return; lines must end with \\n only");
        fail(valueStart,
             valueText.empty() ? "expected a value after " + quoted(name)
                               : "expected a number as the value, got " + quoted(valueText));
    }
    return ScannedNumber{p, value};
}

const char* TextExpositionReader::textSample(const char* p)
{
    const char* nameStart = p;
    p = scanMetricName(p);
    if (p == nameStart)
        fail(p, "invalid metric name at " + quoted(restOfLine(p)));
    const std::string_view name(nameStart, std::size_t(p - nameStart));
    ExpositionFamilyState& state = m_nameIsCurrent || (m_nameExtendsCurrent && sameBytes(name, m_currentAlias))
        ? *m_current
        : textFamilyForSample(name);
    if (&state != m_current)
        m_currentAlias = {};
    m_current = &state;
    m_currentName = state.family.name;
    if (!state.hasSamples) {
        state.hasSamples = true;
        report(state);
    }
    m_labelCount = 0;
    if (isBlank(*p))
        p = skipBlanks(p);
    if (*p == '{') {
        p = textLabels(p);
        if (isBlank(*p))
            p = skipBlanks(p);
    }
    double value = 0;
    if (const char* end = scanDecimal(p, value); end && (isBlank(*end) || *end == '\n')) {
        p = end;
    } else {
        const ScannedNumber scanned = textValueTheLongWay(p, name);
        p = scanned.end;
        value = scanned.value;
    }
    std::int64_t timestamp = 0;
    const bool hasTimestamp = *p != '\n';
    if (hasTimestamp) { // a blank: a timestamp follows, and then the end of the line
        const char* blankAt = p;
        while (isBlank(*p))
            ++p;
        const char* timestampStart = p;
        while (*p != '\n' && !isBlank(*p))
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
        if (*p != '\n')
            fail(p, "unexpected text after the timestamp: " + quoted(restOfLine(p)));
        timestamp = ms;
    }
    // As expfmt: a summary's quantile and a histogram's le must be numbers.
    const MetricType type = state.family.type;
    if (type == MetricType::Summary || type == MetricType::Histogram || type == MetricType::GaugeHistogram) {
        const std::string_view special = type == MetricType::Summary ? "quantile" : "le";
        for (const Label& label : labels()) {
            double ignored = 0;
            if (label.name == special && parseDouble(label.value, true, ignored) != NumberError::None)
                fail(nameStart,
                     "expected a number as the value of label \"" + std::string(special) + "\", got "
                         + quoted(label.value));
        }
    }
    deliver(state, name, value, hasTimestamp, timestamp, false);
    return p;
}

} // namespace sd::exposition
