// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "metrics/ExpositionFailure.h"
#include "metrics/ExpositionFamilyState.h"
#include "metrics/ExpositionLexing.h"
#include "metrics/ExpositionParser.h"

#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace sd::exposition {

// What both exposition readers (TextExpositionReader, OpenMetricsReader) share: the families read so
// far, the labels of the current sample with their scratch buffer, and the byte-level scanning of
// names and quoted values. Every table is kept across parses, so that a reader used for scrape after
// scrape stops allocating once it has seen the largest body.
class ExpositionReader
{
public:
    using MetricType = ExpositionParser::MetricType;
    using Label = ExpositionParser::Label;
    using Family = ExpositionParser::Family;
    using Sample = ExpositionParser::Sample;
    using Visitor = ExpositionParser::Visitor;
    using ParseSummary = ExpositionParser::ParseSummary;

    explicit ExpositionReader(MetricsFormat format)
        : m_format(format)
        , m_labels(std::make_unique<Label[]>(std::size_t(ExpositionParser::kMaxLabels)))
    { }

protected:
    // Forgets the previous body and starts reading this one: sets the lines to read as m_linesEnd
    // (after the last newline) and returns the end of the body.
    const char* begin(std::string_view body, Visitor* visitor);
    ParseSummary summary() const { return ParseSummary{int(m_families.size()), m_samples}; }

    [[noreturn]] static void fail(const char* at, std::string reason)
    {
        throw ExpositionFailure{at, std::move(reason), 0, 0};
    }
    [[noreturn]] static void failAt(int line, int column, std::string reason)
    {
        throw ExpositionFailure{nullptr, std::move(reason), line, column};
    }
    int column(const char* at) const { return int(at - m_lineStart) + 1; }

    // Called at the start of each line p of [body, m_linesEnd): fails when it is longer than
    // ExpositionParser::kMaxLineLength. Cheap: it looks at the bytes once per mebibyte.
    void startLine(const char* p)
    {
        m_lineStart = p;
        if (p >= m_linesChecked)
            checkLineLengths(p);
    }
    // Fails when the line [p, eol) is longer than ExpositionParser::kMaxLineLength.
    static void checkLineLength(const char* p, const char* eol);
    // The rest of the line at p (without its newline), for messages.
    std::string_view restOfLine(const char* p) const
    {
        return std::string_view(p, std::size_t(lineEnd(p, m_bodyEnd) - p));
    }
    // Reads a last line without a newline: copies it with one into m_tail and calls read(start)
    // there (which returns the end of the line in m_tail), taking failures back into the body (and
    // what visitors are told: inBody()).
    template <typename ReadLine> void readTail(const char* p, const char* end, ReadLine read)
    {
        m_tail.assign(p, end);
        m_tail += '\n';
        const char* const bodyEnd = m_bodyEnd;
        m_bodyEnd = m_tail.data() + m_tail.size();
        m_tailOrigin = p;
        try {
            m_lineStart = m_tail.data();
            read(m_tail.data());
        } catch (ExpositionFailure& failure) {
            failure.at = inBody(failure.at);
            throw;
        }
        m_tailOrigin = nullptr;
        m_bodyEnd = bodyEnd;
        m_lineStart = p;
    }
    // While readTail reads m_tail: a position in it as the same position in the body.
    const char* inBody(const char* at) const
    {
        const auto position = reinterpret_cast<std::uintptr_t>(at);
        const auto tail = reinterpret_cast<std::uintptr_t>(m_tail.data());
        return m_tailOrigin && position >= tail && position - tail < m_tail.size() ? m_tailOrigin + (position - tail)
                                                                                   : at;
    }
    std::string_view inBody(std::string_view text) const { return std::string_view(inBody(text.data()), text.size()); }
    bool readingTail() const { return m_tailOrigin != nullptr; }

    // The end of the metric name at p (p itself when there is none). Sets m_nameIsCurrent when the
    // name is the current family's name, m_nameExtendsCurrent when it starts with it and goes on.
    // compareCurrent false: the caller expects a new name (a text format HELP line) and does without
    // m_nameIsCurrent and m_nameExtendsCurrent (left false).
    SD_HOT_INLINE const char* scanMetricName(const char* p, bool compareCurrent = true)
    {
        m_nameIsCurrent = false;
        m_nameExtendsCurrent = false;
        if (!is(*p, kNameInitial))
            return p;
        // Most names start with the current family's name (TYPE, then its samples): compare it at once
        // and scan only what follows.
        if (const std::string_view current = m_currentName; compareCurrent && !current.empty()) {
            if (std::size_t(m_bodyEnd - p) >= current.size()
                && sameBytes(std::string_view(p, current.size()), current)) {
                const char* end = skipNameChars(p + current.size(), m_bodyEnd);
                m_nameIsCurrent = end == p + current.size();
                m_nameExtendsCurrent = !m_nameIsCurrent;
                return end;
            }
        }
        return skipNameChars(p + 1, m_bodyEnd);
    }
    // The end of the label name at p; fails when there is none (both formats, same words).
    SD_HOT_INLINE const char* scanLabelName(const char* p)
    {
        if (!is(*p, kLabelInitial))
            failLabelName(p);
        return skipLabelChars(p + 1, m_bodyEnd);
    }
    [[noreturn]] void failLabelName(const char* p) const;
    // A label written name="value" with a plain value (no escape, no UTF-8), as most are, at p (a
    // label name's first byte): its name and value from one sixteen-byte load when they fit, else
    // the value from skipPlainValue. Returns the closing quote; null when the label is not of that
    // form (the caller then reads it the general way, which also says what is wrong).
    SD_HOT_INLINE const char* scanPlainLabel(const char* p, std::string_view& name, std::string_view& value)
    {
#if defined(__SSE2__)
        if (m_bodyEnd - p < 16)
            return nullptr;
        const __m128i bytes = load16(p);
        const unsigned length = unsigned(__builtin_ctz(~nameCharBits<false>(bytes)));
        if (length > 13 || p[length] != '=' || p[length + 1] != '"')
            return nullptr;
        const char* valueStart = p + length + 2;
        const unsigned special = plainValueEndBits(bytes) >> (length + 2);
        const char* end = special != 0 ? valueStart + __builtin_ctz(special) : skipPlainValue(p + 16, m_bodyEnd);
        if (*end != '"')
            return nullptr;
        name = std::string_view(p, length);
        value = std::string_view(valueStart, std::size_t(end - valueStart));
        return end;
#else
        static_cast<void>(p);
        static_cast<void>(name);
        static_cast<void>(value);
        return nullptr;
#endif
    }
    // p is just after the opening quote (or, for help text, at its start with helpText = true).
    // Returns the closing quote (help text: the newline) and sets m_quoted to the value. Checks escapes
    // and UTF-8 and unescapes into the scratch buffer when there is a backslash.
    const char* scanQuoted(const char* p, bool helpText);
    // scanQuoted for a label value, with the common case (plain ASCII up to the closing quote) inline.
    SD_HOT_INLINE const char* scanLabelValue(const char* p, std::string_view& value)
    {
        const char* end = skipPlainValue(p, m_bodyEnd);
        if (*end == '"') {
            value = std::string_view(p, std::size_t(end - p));
            return end;
        }
        end = scanQuoted(p, false);
        value = m_quoted;
        return end;
    }
    // Help text at p up to the end of the line, in either format; copies it out of the scratch buffer
    // when it had escapes. Returns the newline.
    SD_HOT_INLINE const char* scanHelp(const char* p, std::string_view& help)
    {
        const char* end = m_format == MetricsFormat::OpenMetrics ? skipPlainValue(p, m_bodyEnd)
                                                                 : skipToBackslashOrNewline(p, m_bodyEnd);
        if (*end == '\n') {
            help = std::string_view(p, std::size_t(end - p));
            return end;
        }
        end = scanQuoted(p, true);
        help = inScratch(m_quoted) ? m_helpStorage.emplace_back(m_quoted) : m_quoted;
        return end;
    }
    // Room for `size` unescaped bytes of the current line in the scratch buffer, which is sized to the
    // line the first time a line needs it, so that earlier values of the line stay where they are.
    char* scratch(std::size_t size);
    bool inScratch(std::string_view text) const
    {
        return text.data() >= m_scratch.data() && text.data() < m_scratch.data() + m_scratch.size();
    }
    ExpositionFamilyState& newFamily(std::string_view name);
    void report(ExpositionFamilyState& state);
    // Adds a label to the current sample's labels (exemplar: to the exemplar's), refusing a
    // duplicate name or one label too many. The names seen are kept as bits of a 64-bit filter
    // (nameBits, by length and first and last byte; 0 for the first label), so that names are
    // compared only when one may repeat. The caller keeps count and nameBits in locals: members would
    // be reloaded after each label is stored.
    SD_HOT_INLINE void addLabel(Label* labels, std::size_t& count, std::uint64_t& nameBits, std::string_view name,
                                std::string_view value, const char* at)
    {
        if (count >= std::size_t(ExpositionParser::kMaxLabels))
            failTooManyLabels(at);
        const std::uint64_t bit = std::uint64_t(1) << ((name.size() * 7 + static_cast<unsigned char>(name.front())
                                                        + static_cast<unsigned char>(name.back()) * 3)
                                                       & 63);
        if ((nameBits & bit) != 0)
            checkDuplicateLabel(labels, count, name, at);
        nameBits |= bit;
        labels[count++] = Label{name, value};
    }
    // After a label's value: true at a comma (p moves past it: another label follows), false at the
    // closing brace (p stays on it); fails at anything else ("expected , or } <where> the value").
    static bool afterLabel(const char*& p, std::string_view name, const char* where)
    {
        if (*p == ',') {
            ++p;
            return true;
        }
        if (*p != '}')
            fail(p, "expected \",\" or \"}\" " + std::string(where) + " the value of label " + quoted(name));
        return false;
    }
    static void checkDuplicateLabel(const Label* labels, std::size_t count, std::string_view name, const char* at);
    std::span<const Label> labels() const
    {
        return std::span<const Label>(m_labels.get(), m_labelCount);
    }
    [[noreturn]] static void failTooManyLabels(const char* at);
    [[noreturn]] static void failDuplicateLabel(const char* at, std::string_view name);
    // Counts the sample and hands it to the visitor when it wants its family. (The timestamp as two
    // scalars: an std::optional built on the stack here costs a store-forwarding stall per sample.)
    void deliver(ExpositionFamilyState& state, std::string_view name, double value, bool hasTimestamp,
                 std::int64_t timestampMs, bool hasExemplar)
    {
        ++m_samples;
        if (state.wanted)
            visit(state, name, value, hasTimestamp, timestampMs, hasExemplar);
    }
    SD_HOT_INLINE void visit(ExpositionFamilyState& state, std::string_view name, double value, bool hasTimestamp,
                             std::int64_t timestampMs, bool hasExemplar)
    {
        if (m_tailOrigin) [[unlikely]]
            name = sampleInBody(name);
        Sample sample;
        sample.name = name;
        sample.labels = labels();
        sample.value = value;
        if (hasTimestamp)
            sample.timestampMs = timestampMs;
        sample.hasExemplar = hasExemplar;
        m_visitor->onSample(state.family, sample);
    }
    // Read from m_tail: the sample's name and labels as views into the body (returns the name).
    std::string_view sampleInBody(std::string_view name);

    const MetricsFormat m_format;
    Visitor* m_visitor = nullptr;
    const char* m_lineStart = nullptr;
    const char* m_linesEnd = nullptr; // after the last newline of the body: the lines that end with one
    const char* m_bodyEnd = nullptr; // what may be read (the body, or m_tail while reading it)
    int m_lineNumber = 0;
    int m_samples = 0;

    // Families in order of appearance. Adding one may move the others: hold indices, not
    // references, across newFamily().
    std::vector<ExpositionFamilyState> m_families;
    ExpositionFamilyState* m_current = nullptr;
    // Its name (empty without one), set as soon as it is known: the next line compares its name with
    // this one without waiting for the current family to be looked up.
    std::string_view m_currentName;
    bool m_nameIsCurrent = false; // set by scanMetricName
    bool m_nameExtendsCurrent = false; // set by scanMetricName
    std::deque<std::string> m_helpStorage; // help texts that had escapes, unescaped (views stay valid)

    std::unique_ptr<Label[]> m_labels; // the current sample's, kMaxLabels of them
    std::size_t m_labelCount = 0;

private:
    void checkLineLengths(const char* p);

    const char* m_linesChecked = nullptr; // lines that start before this are not too long
    std::string m_tail; // a last line without a newline, with one
    const char* m_tailOrigin = nullptr; // where m_tail is in the body, while it is read
    std::string_view m_quoted; // set by scanQuoted
    std::string m_scratch; // unescaped label values of one line; sized to the line first
    const char* m_scratchLine = nullptr; // the line m_scratch is sized for
    std::size_t m_scratchUsed = 0;
};

} // namespace sd::exposition
