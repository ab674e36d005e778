// SPDX-License-Identifier: GPL-3.0-or-later
#include "metrics/ExpositionParser.h"

#include "metrics/NameTable.h"
#include "metrics/SeenSeries.h"

#include <array>
#include <charconv>
#include <cmath>
#include <cstring>
#include <deque>
#include <functional>
#include <limits>
#include <string>
#include <unordered_map>
#include <vector>

namespace sd {

namespace {

using MetricType = ExpositionParser::MetricType;
using Label = ExpositionParser::Label;
using Family = ExpositionParser::Family;
using Sample = ExpositionParser::Sample;

// Thrown inside the parser only and caught in parse(): the first error ends the parse.
struct Failure
{
    const char* at;
    std::string reason;
};

// Byte classes, looked up once per byte in the hot loops.
enum : unsigned char { kNameInitial = 1, kNameChar = 2, kLabelInitial = 4, kLabelChar = 8 };

constexpr std::array<unsigned char, 256> makeClasses()
{
    std::array<unsigned char, 256> table{};
    for (int c = 0; c < 256; ++c) {
        const bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        const bool digit = c >= '0' && c <= '9';
        unsigned char bits = 0;
        if (alpha || c == '_' || c == ':')
            bits |= kNameInitial | kNameChar;
        if (digit)
            bits |= kNameChar | kLabelChar;
        if (alpha || c == '_')
            bits |= kLabelInitial | kLabelChar;
        table[std::size_t(c)] = bits;
    }
    return table;
}
constexpr std::array<unsigned char, 256> kClasses = makeClasses();

inline bool is(char c, unsigned char bits)
{
    return (kClasses[static_cast<unsigned char>(c)] & bits) != 0;
}

inline bool isBlank(char c)
{
    return c == ' ' || c == '\t';
}

bool equalsIgnoreCase(std::string_view a, std::string_view lowerB)
{
    if (a.size() != lowerB.size())
        return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        char c = a[i];
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
        if (c != lowerB[i])
            return false;
    }
    return true;
}

// A piece of the input for a message: quoted, non-printable bytes as \xNN, at most 40 bytes.
std::string quoted(std::string_view text)
{
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out = "\"";
    const std::size_t limit = 40;
    for (std::size_t i = 0; i < text.size() && i < limit; ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += char(c);
        } else if (c >= 0x20 && c < 0x7f) {
            out += char(c);
        } else {
            out += "\\x";
            out += kHex[c >> 4];
            out += kHex[c & 15];
        }
    }
    if (text.size() > limit)
        out += "...";
    out += '"';
    return out;
}

// The length of the valid UTF-8 sequence at p (p < end, *p >= 0x80), or 0 when it is not valid
// (overlong forms, surrogates and code points above U+10FFFF are not).
std::size_t utf8SequenceLength(const char* p, const char* end)
{
    const auto b0 = static_cast<unsigned char>(p[0]);
    auto cont = [&](std::size_t i) { return p + i < end && (static_cast<unsigned char>(p[i]) & 0xC0) == 0x80; };
    if (b0 >= 0xC2 && b0 <= 0xDF)
        return cont(1) ? 2 : 0;
    if (b0 >= 0xE0 && b0 <= 0xEF) {
        if (!cont(1) || !cont(2))
            return 0;
        const auto b1 = static_cast<unsigned char>(p[1]);
        if ((b0 == 0xE0 && b1 < 0xA0) || (b0 == 0xED && b1 > 0x9F))
            return 0;
        return 3;
    }
    if (b0 >= 0xF0 && b0 <= 0xF4) {
        if (!cont(1) || !cont(2) || !cont(3))
            return 0;
        const auto b1 = static_cast<unsigned char>(p[1]);
        if ((b0 == 0xF0 && b1 < 0x90) || (b0 == 0xF4 && b1 > 0x8F))
            return 0;
        return 4;
    }
    return 0;
}

// Decimal floating point syntax shared by both formats: [sign] digits [. digits] [e [sign] digits]
// with at least one digit before the exponent. Go's strconv.ParseFloat (text format) and the
// OpenMetrics ABNF agree on this subset; both also take inf, infinity and nan in any case.
enum class NumberError { None, Syntax, Overflow };

NumberError parseDouble(std::string_view token, bool allowSpecial, double& out)
{
    if (token.empty())
        return NumberError::Syntax;
    bool negative = false;
    bool hasSign = false;
    std::string_view rest = token;
    if (rest.front() == '+' || rest.front() == '-') {
        negative = rest.front() == '-';
        hasSign = true;
        rest.remove_prefix(1);
    }
    if (rest.empty())
        return NumberError::Syntax;
    const char first = rest.front();
    if (first == 'i' || first == 'I' || first == 'n' || first == 'N') {
        if (!allowSpecial)
            return NumberError::Syntax;
        if (equalsIgnoreCase(rest, "inf") || equalsIgnoreCase(rest, "infinity")) {
            out = negative ? -std::numeric_limits<double>::infinity() : std::numeric_limits<double>::infinity();
            return NumberError::None;
        }
        if (!hasSign && equalsIgnoreCase(rest, "nan")) {
            out = std::numeric_limits<double>::quiet_NaN();
            return NumberError::None;
        }
        return NumberError::Syntax;
    }
    // Check the syntax ourselves: from_chars would also take "inf", hex digits after 0x is not
    // taken by either, and it stops at the first byte it does not want.
    std::size_t i = 0;
    std::size_t digits = 0;
    std::uint64_t mantissa = 0; // exact while digits <= 19
    long firstSignificant = -1; // decimal position of the first non-zero digit, for range errors
    long pointPosition = -1;
    long mantissaPosition = 0;
    while (i < rest.size() && rest[i] >= '0' && rest[i] <= '9') {
        if (firstSignificant < 0 && rest[i] != '0')
            firstSignificant = mantissaPosition;
        mantissa = mantissa * 10 + std::uint64_t(rest[i] - '0');
        ++i;
        ++digits;
        ++mantissaPosition;
    }
    if (i < rest.size() && rest[i] == '.') {
        pointPosition = mantissaPosition;
        ++i;
        while (i < rest.size() && rest[i] >= '0' && rest[i] <= '9') {
            if (firstSignificant < 0 && rest[i] != '0')
                firstSignificant = mantissaPosition;
            mantissa = mantissa * 10 + std::uint64_t(rest[i] - '0');
            ++i;
            ++digits;
            ++mantissaPosition;
        }
    }
    if (digits == 0)
        return NumberError::Syntax;
    long exponent = 0;
    if (i < rest.size() && (rest[i] == 'e' || rest[i] == 'E')) {
        ++i;
        bool negativeExponent = false;
        if (i < rest.size() && (rest[i] == '+' || rest[i] == '-')) {
            negativeExponent = rest[i] == '-';
            ++i;
        }
        std::size_t exponentDigits = 0;
        while (i < rest.size() && rest[i] >= '0' && rest[i] <= '9') {
            if (exponent < 100000)
                exponent = exponent * 10 + (rest[i] - '0');
            ++i;
            ++exponentDigits;
        }
        if (exponentDigits == 0)
            return NumberError::Syntax;
        if (negativeExponent)
            exponent = -exponent;
    }
    if (i != rest.size())
        return NumberError::Syntax;
    // Fast path (Clinger): at most 15 significant digits and a power of ten up to 1e22 are both
    // exact doubles, so one multiplication or division rounds correctly, as from_chars would.
    if (digits <= 15) {
        const long fractionDigits = pointPosition < 0 ? 0 : mantissaPosition - pointPosition;
        const long scale = exponent - fractionDigits;
        static constexpr double kPowers[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                                             1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
        if (scale >= -22 && scale <= 22) {
            double value = double(mantissa);
            value = scale < 0 ? value / kPowers[-scale] : value * kPowers[scale];
            out = negative ? -value : value;
            return NumberError::None;
        }
    }
    double value = 0;
    const auto [ptr, ec] = std::from_chars(rest.data(), rest.data() + rest.size(), value);
    if (ec == std::errc::result_out_of_range) {
        // Too large is an error (Go and OpenMetrics agree); too small is zero, as in Go.
        if (firstSignificant < 0) {
            value = 0;
        } else {
            const long integerDigits = pointPosition < 0 ? mantissaPosition : pointPosition;
            const long magnitude = integerDigits - firstSignificant + exponent; // about log10
            if (magnitude > 0)
                return NumberError::Overflow;
            value = 0;
        }
    } else if (ec != std::errc() || ptr != rest.data() + rest.size()) {
        return NumberError::Syntax;
    }
    out = negative ? -value : value;
    return NumberError::None;
}

// [sign] digits, as Go's strconv.ParseInt; false when not an int64.
bool parseInt64(std::string_view token, std::int64_t& out)
{
    if (token.empty())
        return false;
    bool negative = false;
    if (token.front() == '+' || token.front() == '-') {
        negative = token.front() == '-';
        token.remove_prefix(1);
    }
    if (token.empty() || token.front() < '0' || token.front() > '9')
        return false;
    std::uint64_t magnitude = 0;
    const auto [ptr, ec] = std::from_chars(token.data(), token.data() + token.size(), magnitude);
    if (ec != std::errc() || ptr != token.data() + token.size())
        return false;
    const auto limit = std::uint64_t(std::numeric_limits<std::int64_t>::max());
    if (negative) {
        if (magnitude > limit + 1)
            return false;
        out = magnitude == limit + 1 ? std::numeric_limits<std::int64_t>::min() : -std::int64_t(magnitude);
    } else {
        if (magnitude > limit)
            return false;
        out = std::int64_t(magnitude);
    }
    return true;
}

inline std::uint64_t mix(std::uint64_t x)
{
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    x *= 0xc4ceb9fe1a85ec53ULL;
    x ^= x >> 33;
    return x;
}

inline std::uint64_t hashBytes(std::string_view text)
{
    return std::hash<std::string_view>{}(text);
}

// The sample name suffixes OpenMetrics gives meaning to.
enum class Suffix { None, Total, Created, Bucket, Count, Sum, GCount, GSum, Info, Invalid };

std::string_view suffixText(Suffix suffix)
{
    switch (suffix) {
    case Suffix::None:
        return "";
    case Suffix::Total:
        return "_total";
    case Suffix::Created:
        return "_created";
    case Suffix::Bucket:
        return "_bucket";
    case Suffix::Count:
        return "_count";
    case Suffix::Sum:
        return "_sum";
    case Suffix::GCount:
        return "_gcount";
    case Suffix::GSum:
        return "_gsum";
    case Suffix::Info:
        return "_info";
    case Suffix::Invalid:
        break;
    }
    return "";
}

Suffix suffixFromText(std::string_view text)
{
    for (Suffix s : {Suffix::None, Suffix::Total, Suffix::Created, Suffix::Bucket, Suffix::Count, Suffix::Sum,
                     Suffix::GCount, Suffix::GSum, Suffix::Info}) {
        if (text == suffixText(s))
            return s;
    }
    return Suffix::Invalid;
}

// The sample names a family of this type may have (OpenMetrics 1.0, "Suffixes").
std::span<const Suffix> allowedSuffixes(MetricType type)
{
    static constexpr Suffix kCounter[] = {Suffix::Total, Suffix::Created};
    static constexpr Suffix kBare[] = {Suffix::None};
    static constexpr Suffix kHistogram[] = {Suffix::Bucket, Suffix::Count, Suffix::Sum, Suffix::Created};
    static constexpr Suffix kGaugeHistogram[] = {Suffix::Bucket, Suffix::GCount, Suffix::GSum};
    static constexpr Suffix kSummary[] = {Suffix::None, Suffix::Count, Suffix::Sum, Suffix::Created};
    static constexpr Suffix kInfo[] = {Suffix::Info};
    switch (type) {
    case MetricType::Counter:
        return kCounter;
    case MetricType::Histogram:
        return kHistogram;
    case MetricType::GaugeHistogram:
        return kGaugeHistogram;
    case MetricType::Summary:
        return kSummary;
    case MetricType::Info:
        return kInfo;
    case MetricType::Gauge:
    case MetricType::StateSet:
    case MetricType::Unknown:
        break;
    }
    return kBare;
}

std::string expectedNames(std::string_view family, MetricType type)
{
    std::string out;
    for (Suffix s : allowedSuffixes(type)) {
        if (!out.empty())
            out += ", ";
        out += family;
        out += suffixText(s);
    }
    return out;
}

// One metric family being read, or read.
struct FamilyState
{
    Family family;
    bool hasType = false;
    bool hasHelp = false;
    bool hasUnit = false;
    bool hasSamples = false;
    bool reported = false;
    bool wanted = false;
};

// A histogram MetricPoint of OpenMetrics: its buckets, _count and _sum, checked when it ends.
struct HistogramPoint
{
    bool active = false;
    std::uint64_t key = 0;
    double lastLe = 0;
    double lastBucket = 0;
    bool hasBucket = false;
    bool hasInf = false;
    double infValue = 0;
    bool hasCount = false;
    double count = 0;
    int countLine = 0;
    int countColumn = 0;
    bool hasSum = false;
    bool negativeSum = false;
    bool negativeLe = false;
};

} // namespace

class ExpositionParser::Impl
{
public:
    ExpositionParser::ParseSummary run(std::string_view body, MetricsFormat format, Visitor* visitor);

    // For error positions.
    const char* bodyBegin = nullptr;
    const char* bodyEnd = nullptr;

private:
    [[noreturn]] void fail(const char* at, std::string reason) { throw Failure{at, std::move(reason)}; }
    [[noreturn]] void failAt(int line, int column, std::string reason)
    {
        m_deferredLine = line;
        m_deferredColumn = column;
        throw Failure{nullptr, std::move(reason)};
    }
    int column(const char* at) const { return int(at - m_lineStart) + 1; }

    // Both formats.
    const char* scanMetricName(const char* p, const char* eol);
    const char* scanLabelName(const char* p, const char* eol);
    const char* scanQuoted(const char* p, const char* eol, std::string_view& value, bool helpText);
    FamilyState& newFamily(std::string_view name);
    void report(FamilyState& state);
    void deliver(FamilyState& state, std::string_view name, double value, std::optional<std::int64_t> timestampMs,
                 bool hasExemplar);

    // Text format 0.0.4.
    void textLine(const char* p, const char* eol);
    void textComment(const char* p, const char* eol);
    void textSample(const char* p, const char* eol);
    const char* textLabels(const char* p, const char* eol);
    FamilyState& textFamilyForSample(std::string_view name);
    FamilyState& textFamilyByName(std::string_view name);

    // OpenMetrics 1.0.
    void omLine(const char* p, const char* eol);
    void omMetadata(const char* p, const char* eol);
    void omSample(const char* p, const char* eol);
    const char* omLabels(const char* p, const char* eol, std::vector<Label>& labels);
    const char* omExemplar(const char* p, const char* eol, Suffix suffix, double le);
    void omStartFamily(std::string_view name, const char* at);
    void omEndFamily();
    void omClaimSampleNames(FamilyState& state, const char* at);
    void omEndHistogramPoint();
    void omCheckSeries(std::string_view name, std::optional<double> timestamp, const char* at);
    void omHistogramSample(FamilyState& state, Suffix suffix, double value, std::optional<double> timestamp,
                           const char* at, const char* valueAt, double& le);

    void addLabel(std::vector<Label>& labels, std::string_view name, std::string_view value, const char* at);

    MetricsFormat m_format = MetricsFormat::PrometheusText;
    Visitor* m_visitor = nullptr;
    const char* m_lineStart = nullptr;
    int m_lineNumber = 0;
    int m_samples = 0;
    int m_deferredLine = 0;
    int m_deferredColumn = 0;

    // Families in order of appearance, kept across parses (so is every table here). Adding one may
    // move the others: hold indices, not references, across newFamily().
    std::vector<FamilyState> m_families;
    FamilyState* m_current = nullptr;
    std::deque<std::string> m_helpStorage; // help texts that had escapes, unescaped (views stay valid)
    NameTable m_byName; // text format: family name -> index
    std::unordered_map<std::string, std::size_t> m_claims; // OpenMetrics: "F:" family, "S:" sample names -> index

    std::vector<Label> m_labels;
    std::vector<Label> m_exemplarLabels;
    std::string m_scratch; // unescaped label values of the current line; sized to the line first
    std::size_t m_scratchUsed = 0;

    SeenSeries m_seen;
    HistogramPoint m_point;
    bool m_sawEof = false;

    friend class sd::ExpositionParser;
};

// ---------------------------------------------------------------------------------------------
// Shared

ExpositionParser::ParseSummary ExpositionParser::Impl::run(std::string_view body, MetricsFormat format,
                                                           Visitor* visitor)
{
    m_format = format;
    m_visitor = visitor;
    m_families.clear();
    m_current = nullptr;
    m_helpStorage.clear();
    m_byName.clear();
    m_claims.clear();
    m_samples = 0;
    m_lineNumber = 0;
    m_point = HistogramPoint{};
    m_sawEof = false;
    bodyBegin = body.data();
    bodyEnd = body.data() + body.size();

    const char* p = bodyBegin;
    const char* const end = bodyEnd;
    m_lineStart = p;
    m_lineNumber = 1;
    if (format == MetricsFormat::OpenMetrics && body.size() >= 3 && std::memcmp(p, "\xEF\xBB\xBF", 3) == 0)
        fail(p, "the exposition starts with a byte order mark, which OpenMetrics does not allow");
    while (p < end) {
        m_lineStart = p;
        const auto* newline = static_cast<const char*>(std::memchr(p, '\n', std::size_t(end - p)));
        const char* eol = newline ? newline : end;
        if (std::size_t(eol - p) > kMaxLineLength)
            fail(p + kMaxLineLength, "line longer than " + std::to_string(kMaxLineLength) + " bytes");
        if (format == MetricsFormat::OpenMetrics) {
            if (m_sawEof)
                fail(p, "nothing may follow \"# EOF\"");
            omLine(p, eol);
            if (!newline && !m_sawEof)
                fail(eol, "the exposition does not end with \"# EOF\"");
        } else {
            if (!newline) { // blanks alone may end the body (as in expfmt), anything else needs its \n
                const char* q = p;
                while (q < eol && isBlank(*q))
                    ++q;
                if (q < eol)
                    fail(eol, "the last line does not end with a newline (unexpected end of input)");
            }
            textLine(p, eol);
        }
        if (!newline)
            break;
        p = newline + 1;
        ++m_lineNumber;
        m_lineStart = p;
    }
    if (format == MetricsFormat::OpenMetrics) {
        if (!m_sawEof)
            fail(end, "the exposition does not end with \"# EOF\"");
    } else {
        for (FamilyState& state : m_families)
            report(state);
    }
    return ExpositionParser::ParseSummary{int(m_families.size()), m_samples};
}

const char* ExpositionParser::Impl::scanMetricName(const char* p, const char* eol)
{
    if (p == eol || !is(*p, kNameInitial))
        return p;
    // Most names start with the current family's name (HELP, TYPE, then its samples): compare it at
    // once and scan only what follows.
    if (m_current) {
        const std::string_view current = m_current->family.name;
        if (std::size_t(eol - p) >= current.size() && std::memcmp(p, current.data(), current.size()) == 0)
            p += current.size() - 1;
    }
    ++p;
    while (p < eol && is(*p, kNameChar))
        ++p;
    return p;
}

// p is just after the opening quote (or, for help text, at its start with helpText = true, ending
// at eol). Returns the closing quote (or eol). Checks escapes and UTF-8 and unescapes into the
// scratch buffer when there is a backslash.
const char* ExpositionParser::Impl::scanQuoted(const char* p, const char* eol, std::string_view& value, bool helpText)
{
    const bool openMetrics = m_format == MetricsFormat::OpenMetrics;
    const char* const start = p;
    const char* firstEscape = nullptr;
    if (helpText && !openMetrics) { // any bytes but a backslash stand for themselves
        const auto* backslash = static_cast<const char*>(std::memchr(p, '\\', std::size_t(eol - p)));
        if (!backslash) {
            value = std::string_view(start, std::size_t(eol - start));
            return eol;
        }
        p = backslash;
    }
    while (p < eol) {
        const char c = *p;
        if (c == '"') {
            if (!helpText)
                break;
            if (openMetrics)
                fail(p, "a double quote in help text must be escaped as \\\"");
            ++p;
        } else if (c == '\\') {
            if (p + 1 >= eol)
                fail(p, helpText ? "help text ends with a lone backslash" : "label value is not closed");
            const char next = p[1];
            const bool known = next == '\\' || next == 'n' || (next == '"' && (openMetrics || !helpText));
            if (!known)
                fail(p,
                     std::string("invalid escape sequence \"\\") + (next >= 0x20 && next < 0x7f ? next : '?')
                         + (helpText ? "\" in help text (only \\\\ and \\n are allowed)"
                                     : "\" (only \\\\, \\\" and \\n are allowed)"));
            if (!firstEscape)
                firstEscape = p;
            p += 2;
        } else if (static_cast<unsigned char>(c) >= 0x80) {
            // UTF-8 is required of label values in both formats and of help text in OpenMetrics.
            if (helpText && !openMetrics) {
                ++p;
                continue;
            }
            const std::size_t length = utf8SequenceLength(p, eol);
            if (length == 0)
                fail(p, helpText ? "help text is not valid UTF-8" : "label value is not valid UTF-8");
            p += length;
        } else {
            ++p;
        }
    }
    if (!helpText && p == eol)
        fail(p, "label value is not closed by a double quote before the end of the line");
    if (!firstEscape) {
        value = std::string_view(start, std::size_t(p - start));
        return p;
    }
    // Unescape. The scratch buffer was sized to the line, so earlier values stay where they are.
    char* out = m_scratch.data() + m_scratchUsed;
    char* const outStart = out;
    const std::size_t plain = std::size_t(firstEscape - start);
    std::memcpy(out, start, plain);
    out += plain;
    for (const char* q = firstEscape; q < p; ++q) {
        if (*q != '\\') {
            *out++ = *q;
            continue;
        }
        const char next = q[1];
        if (next == 'n') {
            *out++ = '\n';
        } else if (next == '\\' || next == '"') {
            *out++ = next;
        } else {
            *out++ = next; // not reached: scanQuoted refuses other escapes
        }
        ++q;
    }
    value = std::string_view(outStart, std::size_t(out - outStart));
    m_scratchUsed += value.size();
    return p;
}

FamilyState& ExpositionParser::Impl::newFamily(std::string_view name)
{
    FamilyState& state = m_families.emplace_back();
    state.family.name = name;
    state.family.type = MetricType::Unknown;
    return state;
}

void ExpositionParser::Impl::report(FamilyState& state)
{
    if (state.reported)
        return;
    state.reported = true;
    state.wanted = m_visitor && m_visitor->onFamily(state.family);
}

void ExpositionParser::Impl::addLabel(std::vector<Label>& labels, std::string_view name, std::string_view value,
                                      const char* at)
{
    if (labels.size() >= std::size_t(kMaxLabels))
        fail(at, "more than " + std::to_string(kMaxLabels) + " labels");
    for (const Label& label : labels) {
        if (label.name == name)
            fail(at, "duplicate label name " + quoted(name));
    }
    labels.push_back(Label{name, value});
}

void ExpositionParser::Impl::deliver(FamilyState& state, std::string_view name, double value,
                                     std::optional<std::int64_t> timestampMs, bool hasExemplar)
{
    ++m_samples;
    if (!state.wanted)
        return;
    Sample sample;
    sample.name = name;
    sample.labels = std::span<const Label>(m_labels.data(), m_labels.size());
    sample.value = value;
    sample.timestampMs = timestampMs;
    sample.hasExemplar = hasExemplar;
    m_visitor->onSample(state.family, sample);
}

// ---------------------------------------------------------------------------------------------
// Text format 0.0.4, as Prometheus's expfmt.TextParser (what promtool check metrics uses) reads it.

void ExpositionParser::Impl::textLine(const char* p, const char* eol)
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

FamilyState& ExpositionParser::Impl::textFamilyByName(std::string_view name)
{
    if (m_current && m_current->family.name == name)
        return *m_current;
    if (const std::uint32_t index = m_byName.find(name); index != NameTable::kMissing)
        return m_families[index];
    m_byName.insert(name, std::uint32_t(m_families.size()));
    return newFamily(name);
}

void ExpositionParser::Impl::textComment(const char* p, const char* eol)
{
    while (p < eol && isBlank(*p))
        ++p;
    const char* keyword = p;
    while (p < eol && !isBlank(*p))
        ++p;
    const std::string_view word(keyword, std::size_t(p - keyword));
    const bool isHelp = word == "HELP";
    if (!isHelp && word != "TYPE")
        return; // any other comment
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
    FamilyState& state = textFamilyByName(name);
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
    MetricType type;
    if (equalsIgnoreCase(typeText, "counter"))
        type = MetricType::Counter;
    else if (equalsIgnoreCase(typeText, "gauge"))
        type = MetricType::Gauge;
    else if (equalsIgnoreCase(typeText, "histogram"))
        type = MetricType::Histogram;
    else if (equalsIgnoreCase(typeText, "summary"))
        type = MetricType::Summary;
    else if (equalsIgnoreCase(typeText, "untyped"))
        type = MetricType::Unknown;
    else if (equalsIgnoreCase(typeText, "gauge_histogram"))
        type = MetricType::GaugeHistogram;
    else
        fail(p,
             "unknown metric type " + quoted(typeText) + " (expected counter, gauge, histogram, summary or untyped)");
    if (state.hasType || state.hasSamples)
        fail(keyword, "second TYPE line for " + quoted(name) + ", or TYPE after its samples");
    state.hasType = true;
    state.family.type = type;
}

FamilyState& ExpositionParser::Impl::textFamilyForSample(std::string_view name)
{
    // As expfmt: the family of that exact name; else foo for foo_sum/foo_count of a summary foo,
    // or for foo_sum/foo_count/foo_bucket of a histogram foo; else a new untyped family.
    if (m_current) {
        const std::string_view current = m_current->family.name;
        if (name == current)
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
    if (const std::uint32_t index = m_byName.find(name); index != NameTable::kMissing)
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
    m_byName.insert(name, std::uint32_t(m_families.size()));
    return newFamily(name);
}

// Returns the end of the label name at p; fails when there is none (both formats, same words).
const char* ExpositionParser::Impl::scanLabelName(const char* p, const char* eol)
{
    const char* start = p;
    if (p < eol && is(*p, kLabelInitial)) {
        ++p;
        while (p < eol && is(*p, kLabelChar))
            ++p;
    }
    if (p == start)
        fail(p,
             p == eol ? std::string("labels are not closed by } before the end of the line")
                      : "invalid label name at " + quoted(std::string_view(p, std::size_t(eol - p))));
    return p;
}

const char* ExpositionParser::Impl::textLabels(const char* p, const char* eol)
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
        p = scanQuoted(p + 1, eol, value, false) + 1;
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

void ExpositionParser::Impl::textSample(const char* p, const char* eol)
{
    const char* nameStart = p;
    p = scanMetricName(p, eol);
    if (p == nameStart)
        fail(p, "invalid metric name at " + quoted(std::string_view(p, std::size_t(eol - p))));
    const std::string_view name(nameStart, std::size_t(p - nameStart));
    FamilyState& state = textFamilyForSample(name);
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

// ---------------------------------------------------------------------------------------------
// OpenMetrics 1.0, strictly.

void ExpositionParser::Impl::omLine(const char* p, const char* eol)
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

void ExpositionParser::Impl::omStartFamily(std::string_view name, const char* at)
{
    omEndFamily();
    if (name.front() == '_')
        fail(at, "metric family name " + quoted(name) + " starts with an underscore, which OpenMetrics reserves");
    FamilyState& state = newFamily(name);
    m_current = &state;
    m_seen.nextFamily();
    std::string key = "F:";
    key += name;
    const auto [it, inserted] = m_claims.emplace(std::move(key), m_families.size() - 1);
    if (!inserted)
        fail(at,
             "metric family " + quoted(name)
                 + " appears a second time (families must be unique and must not be interleaved)");
}

void ExpositionParser::Impl::omClaimSampleNames(FamilyState& state, const char* at)
{
    for (Suffix s : allowedSuffixes(state.family.type)) {
        std::string key = "S:";
        key += state.family.name;
        key += suffixText(s);
        const auto [it, inserted] = m_claims.emplace(key, std::size_t(&state - m_families.data()));
        if (!inserted) {
            const FamilyState& other = m_families[it->second];
            fail(at,
                 "metric family " + quoted(state.family.name) + " (" + std::string(typeName(state.family.type))
                     + ") clashes with family " + quoted(other.family.name) + " ("
                     + std::string(typeName(other.family.type)) + "): both may have samples named "
                     + quoted(std::string_view(key).substr(2)));
        }
    }
}

void ExpositionParser::Impl::omEndFamily()
{
    if (!m_current)
        return;
    omEndHistogramPoint();
    FamilyState& state = *m_current;
    if (!state.hasSamples)
        omClaimSampleNames(state, m_lineStart);
    report(state);
    m_current = nullptr;
}

void ExpositionParser::Impl::omMetadata(const char* p, const char* eol)
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
    FamilyState& state = *m_current;
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
            if (rest == typeName(type)) {
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
        fail(p, std::string(typeName(state.family.type)) + " family " + quoted(name) + " must not have a unit");
}

const char* ExpositionParser::Impl::omLabels(const char* p, const char* eol, std::vector<Label>& labels)
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
        p = scanQuoted(p + 1, eol, value, false) + 1;
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

void ExpositionParser::Impl::omEndHistogramPoint()
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

void ExpositionParser::Impl::omCheckSeries(std::string_view name, std::optional<double> timestamp, const char* at)
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

void ExpositionParser::Impl::omHistogramSample(FamilyState& state, Suffix suffix, double value,
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

const char* ExpositionParser::Impl::omExemplar(const char* p, const char* eol, Suffix suffix, double le)
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

void ExpositionParser::Impl::omSample(const char* p, const char* eol)
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
                         + std::string(typeName(m_current->family.type)) + " family " + quoted(family) + " (expected "
                         + expectedNames(family, m_current->family.type) + ")");
        }
    }
    if (suffix == Suffix::Invalid) {
        omStartFamily(name, nameStart);
        suffix = Suffix::None;
    }
    FamilyState& state = *m_current;
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

// ---------------------------------------------------------------------------------------------

ExpositionParser::ExpositionParser()
    : m_impl(std::make_unique<Impl>())
{ }

ExpositionParser::~ExpositionParser() = default;

Result<ExpositionParser::ParseSummary> ExpositionParser::parse(std::string_view body, MetricsFormat format,
                                                               Visitor* visitor)
{
    m_errorLine = 0;
    m_errorColumn = 0;
    m_errorReason.clear();
    try {
        return m_impl->run(body, format, visitor);
    } catch (const Failure& failure) {
        if (failure.at) {
            // The line of the failure: count newlines up to it (only on failure, so not in the hot path).
            const char* begin = m_impl->bodyBegin;
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
            m_errorLine = m_impl->m_deferredLine;
            m_errorColumn = m_impl->m_deferredColumn;
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
