// SPDX-License-Identifier: GPL-3.0-or-later
#include "metrics/ExpositionReader.h"

#include "metrics/ExpositionLexing.h"

#include <cstring>

namespace sd::exposition {

namespace {

// The last newline in [begin, end), or null.
const char* lastNewlineIn(const char* begin, const char* end)
{
    if (begin == end)
        return nullptr;
#if defined(__GLIBC__)
    return static_cast<const char*>(memrchr(begin, '\n', std::size_t(end - begin)));
#else
    for (const char* p = end; p > begin; --p) {
        if (p[-1] == '\n')
            return p - 1;
    }
    return nullptr;
#endif
}

} // namespace

const char* ExpositionReader::begin(std::string_view body, Visitor* visitor)
{
    m_visitor = visitor;
    m_families.clear();
    m_current = nullptr;
    m_currentName = {};
    m_helpStorage.clear();
    m_samples = 0;
    m_lineStart = body.data();
    m_bodyEnd = body.data() + body.size();
    m_lineNumber = 1;
    m_linesChecked = body.data();
    m_scratchLine = nullptr;
    m_scratchUsed = 0;
    m_tailOrigin = nullptr;
    const char* lastNewline = lastNewlineIn(body.data(), m_bodyEnd);
    m_linesEnd = lastNewline ? lastNewline + 1 : body.data();
    return m_bodyEnd;
}

void ExpositionReader::checkLineLength(const char* p, const char* eol)
{
    constexpr std::size_t limit = ExpositionParser::kMaxLineLength;
    if (std::size_t(eol - p) > limit)
        fail(p + limit, "line longer than " + std::to_string(limit) + " bytes");
}

// Every line that starts in [p, m_linesEnd) ends with a newline. When at most kMaxLineLength bytes
// are left, none of them is too long; else the last newline within reach of p says how far the lines
// are short enough, and when there is none the line at p is too long.
void ExpositionReader::checkLineLengths(const char* p)
{
    constexpr std::size_t limit = ExpositionParser::kMaxLineLength;
    if (std::size_t(m_linesEnd - p) <= limit) {
        m_linesChecked = m_linesEnd;
        return;
    }
    const char* last = lastNewlineIn(p, p + limit + 1);
    if (!last)
        checkLineLength(p, p + limit + 1);
    m_linesChecked = last + 1;
}

char* ExpositionReader::scratch(std::size_t size)
{
    if (m_scratchLine != m_lineStart) {
        m_scratchLine = m_lineStart;
        m_scratchUsed = 0;
        const std::size_t line = std::size_t(lineEnd(m_lineStart, m_bodyEnd) - m_lineStart);
        if (m_scratch.size() < line)
            m_scratch.resize(line);
    }
    char* out = m_scratch.data() + m_scratchUsed;
    m_scratchUsed += size;
    return out;
}

const char* ExpositionReader::scanQuoted(const char* p, bool helpText)
{
    const bool openMetrics = m_format == MetricsFormat::OpenMetrics;
    const char* const start = p;
    const char* firstEscape = nullptr;
    for (;;) {
        // Plain bytes sixteen at a time; then one that needs a look.
        p = helpText && !openMetrics ? skipToBackslashOrNewline(p, m_bodyEnd) : skipPlainValue(p, m_bodyEnd);
        const char c = *p;
        if (c == '\n')
            break;
        if (c == '"') {
            if (!helpText)
                break;
            fail(p, "a double quote in help text must be escaped as \\\""); // OpenMetrics only: text help skips it
        } else if (c == '\\') {
            const char next = p[1];
            if (next == '\n')
                fail(p, helpText ? "help text ends with a lone backslash" : "label value is not closed");
            const bool known = next == '\\' || next == 'n' || (next == '"' && (openMetrics || !helpText));
            if (!known)
                fail(p,
                     std::string("invalid escape sequence \"\\") + (next >= 0x20 && next < 0x7f ? next : '?')
                         + (helpText ? "\" in help text (only \\\\ and \\n are allowed)"
                                     : "\" (only \\\\, \\\" and \\n are allowed)"));
            if (!firstEscape)
                firstEscape = p;
            p += 2;
        } else {
            // A byte >= 0x80: UTF-8 is required of label values in both formats and of help text in
            // OpenMetrics (text format help reaches here only at a backslash or the newline).
            const std::size_t length = utf8SequenceLength(p, m_bodyEnd);
            if (length == 0)
                fail(p, helpText ? "help text is not valid UTF-8" : "label value is not valid UTF-8");
            p += length;
        }
    }
    if (!helpText && *p == '\n')
        fail(p, "label value is not closed by a double quote before the end of the line");
    if (!firstEscape) {
        m_quoted = std::string_view(start, std::size_t(p - start));
        return p;
    }
    // Unescape. The scratch buffer was sized to the line, so earlier values stay where they are.
    char* out = scratch(std::size_t(p - start));
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
        *out++ = next == 'n' ? '\n' : next; // \\ and \" (scanQuoted refuses other escapes)
        ++q;
    }
    m_quoted = std::string_view(outStart, std::size_t(out - outStart));
    m_scratchUsed -= std::size_t(p - start) - m_quoted.size();
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

void ExpositionReader::checkDuplicateLabel(const Label* labels, std::size_t count, std::string_view name,
                                           const char* at)
{
    for (std::size_t i = 0; i < count; ++i) {
        if (sameBytes(labels[i].name, name))
            failDuplicateLabel(at, name);
    }
}

void ExpositionReader::failDuplicateLabel(const char* at, std::string_view name)
{
    fail(at, "duplicate label name " + quoted(name));
}

std::string_view ExpositionReader::sampleInBody(std::string_view name)
{
    for (std::size_t i = 0; i < m_labelCount; ++i)
        m_labels[i] = Label{inBody(m_labels[i].name), inBody(m_labels[i].value)};
    return inBody(name);
}

void ExpositionReader::failLabelName(const char* p) const
{
    fail(p,
         *p == '\n' ? std::string("labels are not closed by } before the end of the line")
                    : "invalid label name at " + quoted(restOfLine(p)));
}

} // namespace sd::exposition
