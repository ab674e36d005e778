// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

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
    void textLine(const char* p, const char* eol);
    void textComment(const char* p, const char* eol);
    void textSample(const char* p, const char* eol);
    const char* textLabels(const char* p, const char* eol);
    ExpositionFamilyState& textFamilyForSample(std::string_view name);
    ExpositionFamilyState& textFamilyByName(std::string_view name);

    NameTable m_byName; // family name -> index in m_families
};

} // namespace sd::exposition
