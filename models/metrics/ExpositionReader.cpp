// SPDX-License-Identifier: GPL-3.0-or-later
#include "metrics/ExpositionReader.h"

#include "metrics/ExpositionLexing.h"

#include <cstring>

namespace sd::exposition {

void ExpositionReader::begin(std::string_view body, Visitor* visitor)
{
    m_visitor = visitor;
    m_families.clear();
    m_current = nullptr;
    m_helpStorage.clear();
    m_samples = 0;
    m_lineStart = body.data();
    m_bodyEnd = body.data() + body.size();
    m_lineNumber = 1;
}

void ExpositionReader::checkLineLength(const char* p, const char* eol)
{
    constexpr std::size_t limit = ExpositionParser::kMaxLineLength;
    if (std::size_t(eol - p) > limit)
        fail(p + limit, "line longer than " + std::to_string(limit) + " bytes");
}

// p is just after the opening quote (or, for help text, at its start with helpText = true, ending
// at eol). Returns the closing quote (or eol). Checks escapes and UTF-8 and unescapes into the
// scratch buffer when there is a backslash.
const char* ExpositionReader::scanQuoted(const char* p, const char* eol, std::string_view& value, bool helpText)
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

ExpositionFamilyState& ExpositionReader::newFamily(std::string_view name)
{
    ExpositionFamilyState& state = m_families.emplace_back();
    state.family.name = name;
    state.family.type = MetricType::Unknown;
    return state;
}

void ExpositionReader::report(ExpositionFamilyState& state)
{
    if (state.reported)
        return;
    state.reported = true;
    state.wanted = m_visitor && m_visitor->onFamily(state.family);
}

void ExpositionReader::failTooManyLabels(const char* at)
{
    fail(at, "more than " + std::to_string(ExpositionParser::kMaxLabels) + " labels");
}

void ExpositionReader::failDuplicateLabel(const char* at, std::string_view name)
{
    fail(at, "duplicate label name " + quoted(name));
}

void ExpositionReader::deliver(ExpositionFamilyState& state, std::string_view name, double value,
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

void ExpositionReader::failLabelName(const char* p, const char* eol)
{
    fail(p,
         p == eol ? std::string("labels are not closed by } before the end of the line")
                  : "invalid label name at " + quoted(std::string_view(p, std::size_t(eol - p))));
}

} // namespace sd::exposition
