// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "metrics/ExpositionFailure.h"
#include "metrics/ExpositionFamilyState.h"
#include "metrics/ExpositionLexing.h"
#include "metrics/ExpositionParser.h"

#include <cstddef>
#include <cstdint>
#include <deque>
#include <optional>
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
    { }

protected:
    // Forgets the previous body and starts reading this one.
    void begin(std::string_view body, Visitor* visitor);
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
    // Fails when the line [p, eol) is longer than ExpositionParser::kMaxLineLength.
    static void checkLineLength(const char* p, const char* eol);

    // The end of the metric name at p (p itself when there is none). Sets m_nameIsCurrent when the
    // name is the current family's name.
    const char* scanMetricName(const char* p, const char* eol)
    {
        m_nameIsCurrent = false;
        if (p == eol || !is(*p, kNameInitial))
            return p;
        // Most names start with the current family's name (HELP, TYPE, then its samples): compare it
        // at once and scan only what follows.
        if (m_current) {
            const std::string_view current = m_current->family.name;
            if (std::size_t(eol - p) >= current.size() && sameBytes(std::string_view(p, current.size()), current)) {
                const char* end = skipNameChars(p + current.size(), eol, m_bodyEnd);
                m_nameIsCurrent = end == p + current.size();
                return end;
            }
        }
        return skipNameChars(p + 1, eol, m_bodyEnd);
    }
    // The end of the label name at p; fails when there is none (both formats, same words).
    const char* scanLabelName(const char* p, const char* eol) const
    {
        const char* start = p;
        if (p < eol && is(*p, kLabelInitial)) {
            ++p;
            while (p < eol && is(*p, kLabelChar))
                ++p;
        }
        if (p == start)
            failLabelName(p, eol);
        return p;
    }
    [[noreturn]] static void failLabelName(const char* p, const char* eol);
    const char* scanQuoted(const char* p, const char* eol, std::string_view& value, bool helpText);
    // scanQuoted for a label value, with the common case (plain ASCII up to the closing quote) inline.
    const char* scanLabelValue(const char* p, const char* eol, std::string_view& value)
    {
        const char* end = skipPlainValue(p, eol, m_bodyEnd);
        if (end < eol && *end == '"') {
            value = std::string_view(p, std::size_t(end - p));
            return end;
        }
        return scanQuoted(p, eol, value, false);
    }
    // Makes room for the unescaped label values (or help text) of a line of `size` bytes.
    void resetScratch(std::size_t size)
    {
        m_scratchUsed = 0;
        if (m_scratch.size() < size)
            m_scratch.resize(size);
    }
    bool inScratch(std::string_view text) const
    {
        return text.data() >= m_scratch.data() && text.data() < m_scratch.data() + m_scratch.size();
    }
    ExpositionFamilyState& newFamily(std::string_view name);
    void report(ExpositionFamilyState& state);
    void addLabel(std::vector<Label>& labels, std::string_view name, std::string_view value, const char* at)
    {
        if (labels.size() >= std::size_t(ExpositionParser::kMaxLabels))
            failTooManyLabels(at);
        for (const Label& label : labels) {
            if (sameBytes(label.name, name))
                failDuplicateLabel(at, name);
        }
        labels.push_back(Label{name, value});
    }
    [[noreturn]] static void failTooManyLabels(const char* at);
    [[noreturn]] static void failDuplicateLabel(const char* at, std::string_view name);
    void deliver(ExpositionFamilyState& state, std::string_view name, double value,
                 std::optional<std::int64_t> timestampMs, bool hasExemplar);

    const MetricsFormat m_format;
    Visitor* m_visitor = nullptr;
    const char* m_lineStart = nullptr;
    const char* m_bodyEnd = nullptr; // what may be read (for scanning sixteen bytes at a time)
    int m_lineNumber = 0;
    int m_samples = 0;

    // Families in order of appearance. Adding one may move the others: hold indices, not
    // references, across newFamily().
    std::vector<ExpositionFamilyState> m_families;
    ExpositionFamilyState* m_current = nullptr;
    bool m_nameIsCurrent = false; // set by scanMetricName
    std::deque<std::string> m_helpStorage; // help texts that had escapes, unescaped (views stay valid)

    std::vector<Label> m_labels;
    std::string m_scratch; // unescaped label values of the current line; sized to the line first
    std::size_t m_scratchUsed = 0;
};

} // namespace sd::exposition
