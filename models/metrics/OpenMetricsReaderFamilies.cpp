// SPDX-License-Identifier: GPL-3.0-or-later
// OpenMetricsReader: families and their metadata lines (# TYPE, # UNIT, # HELP), the sample names
// each family claims, and a family's end. The samples are in OpenMetricsReader.cpp.
#include "metrics/ExpositionLexing.h"
#include "metrics/ExpositionNumbers.h"
#include "metrics/OpenMetricsReader.h"

namespace sd::exposition {

void OpenMetricsReader::omStartFamily(std::string_view name, const char* at)
{
    omEndFamily();
    if (name.front() == '_')
        fail(at, "metric family name " + quoted(name) + " starts with an underscore, which OpenMetrics reserves");
    m_currentName = name;
    ExpositionFamilyState& state = newFamily(name);
    m_current = &state;
    m_seen.nextFamily();
    const std::uint64_t hash = NameTable::hash(name);
    m_currentHash = hash;
    if (m_familyNames.findOrInsert(name, std::uint32_t(m_families.size() - 1), hash) != NameTable::kMissing)
        fail(at,
             "metric family " + quoted(name)
                 + " appears a second time (families must be unique and must not be interleaved)");
}

void OpenMetricsReader::omClaimSampleNames(ExpositionFamilyState& state, const char* at)
{
    // state is the current family, whose name's hash omStartFamily kept.
    for (Suffix s : allowedSuffixes(state.family.type)) {
        const std::string_view name
            = s == Suffix::None ? state.family.name : m_sampleNameText.join(state.family.name, suffixText(s));
        const std::uint64_t hash = s == Suffix::None ? m_currentHash : NameTable::hash(name);
        const auto index = m_sampleNames.findOrInsert(name, std::uint32_t(&state - m_families.data()), hash);
        if (index != NameTable::kMissing) {
            const ExpositionFamilyState& other = m_families[index];
            fail(at,
                 "metric family " + quoted(state.family.name) + " ("
                     + std::string(ExpositionParser::typeName(state.family.type)) + ") clashes with family "
                     + quoted(other.family.name) + " (" + std::string(ExpositionParser::typeName(other.family.type))
                     + "): both may have samples named " + quoted(name));
        }
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
    queueReport(state);
    m_current = nullptr;
    m_currentName = {};
}

const char* OpenMetricsReader::omMetadata(const char* p)
{
    const std::string_view kind(p + 2, 4);
    const char* nameStart = p + 7;
    const char* q = scanMetricName(nameStart);
    if (q == nameStart)
        fail(nameStart, "invalid metric name in " + std::string(kind) + " line");
    const std::string_view name(nameStart, std::size_t(q - nameStart));
    if (*q != ' ')
        fail(q,
             *q == '\n' ? "expected a space and a value after the metric name in the " + std::string(kind) + " line"
                        : "invalid character in the metric name of the " + std::string(kind) + " line");
    ++q;
    if (!m_current || !m_nameIsCurrent)
        omStartFamily(name, nameStart);
    ExpositionFamilyState& state = *m_current;
    if (state.hasSamples)
        fail(p, "# " + std::string(kind) + " line for " + quoted(name) + " after its samples");
    const char* eol = nullptr;
    if (kind == "TYPE") {
        if (state.hasType)
            fail(p, "second # TYPE line for " + quoted(name));
        static constexpr std::pair<std::string_view, MetricType> kTypes[]
            = {{"counter", MetricType::Counter},     {"gauge", MetricType::Gauge},
               {"histogram", MetricType::Histogram}, {"gaugehistogram", MetricType::GaugeHistogram},
               {"summary", MetricType::Summary},     {"stateset", MetricType::StateSet},
               {"info", MetricType::Info},           {"unknown", MetricType::Unknown}};
        for (const auto& [word, type] : kTypes) {
            if (word.front() == *q && endsLine(q, word)) {
                state.family.type = type;
                eol = q + word.size();
            }
        }
        if (!eol)
            fail(q,
                 "unknown metric type " + quoted(restOfLine(q))
                     + " (expected counter, gauge, histogram, gaugehistogram, summary, stateset, info or unknown)");
        state.hasType = true;
    } else if (kind == "UNIT") {
        if (state.hasUnit)
            fail(p, "second # UNIT line for " + quoted(name));
        eol = skipNameChars(q, m_bodyEnd);
        if (*eol != '\n')
            fail(eol, "invalid character in unit " + quoted(restOfLine(q)));
        const std::string_view rest(q, std::size_t(eol - q));
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
        std::string_view help;
        eol = scanHelp(q, help);
        if (eol[-1] == '\r')
            fail(eol - 1, "the line ends with a carriage return; OpenMetrics lines end with \\n only");
        state.family.help = help;
    }
    if (state.hasType && !state.family.unit.empty()
        && (state.family.type == MetricType::StateSet || state.family.type == MetricType::Info))
        fail(p,
             std::string(ExpositionParser::typeName(state.family.type)) + " family " + quoted(name)
                 + " must not have a unit");
    return eol;
}

// kSample: the sample's own labels, whose hashes (of name="value" as written, which says the same
// as name and unescaped value: OpenMetrics has one way to write each value) go into m_labelsHash and,
// for le, m_leHash; else an exemplar's. Returns the byte after the closing brace and sets count.

} // namespace sd::exposition
