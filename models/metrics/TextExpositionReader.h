// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "metrics/ExpositionNumbers.h"
#include "metrics/ExpositionReader.h"
#include "metrics/NameTable.h"

#include <string_view>

namespace sd::exposition {

// Reads Prometheus text format 0.0.4 leniently, as Prometheus's expfmt.TextParser (what promtool
// check metrics uses) does. See docs/metrics-format.md.
class TextExpositionReader : public ExpositionReader
{
public:
    TextExpositionReader()
        : ExpositionReader(MetricsFormat::PrometheusText)
    { }

    // Throws ExpositionFailure at the first problem.
    ParseSummary read(std::string_view body, Visitor* visitor);

private:
    // Each reads its part of the line at p and returns the newline that ends the line.
    const char* textLine(const char* p);
    const char* textComment(const char* p);
    // A # HELP or # TYPE line: `keyword` at the word, p after it.
    const char* textMetadata(const char* keyword, bool isHelp, const char* p);
    const char* textSample(const char* p);
    const char* textLabels(const char* p); // returns the byte after the closing brace
    // A value that scanDecimal does not take: the token up to a blank. Returns its end.
    ScannedNumber textValueTheLongWay(const char* p, std::string_view name) const;
    ExpositionFamilyState& textFamilyForSample(std::string_view name);
    ExpositionFamilyState& textFamilyByName(std::string_view name);

    NameTable m_byName; // family name -> index in m_families
    // The last sample name that belongs to the current family by its suffix (foo_bucket of the
    // histogram foo), so that the next ones need no lookup; reset when the current family changes.
    std::string_view m_currentAlias;
};

} // namespace sd::exposition
