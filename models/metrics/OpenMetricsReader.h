// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "metrics/ExpositionReader.h"
#include "metrics/NameArena.h"
#include "metrics/NameTable.h"
#include "metrics/OpenMetricsSuffix.h"
#include "metrics/SeenSeries.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sd::exposition {

// Reads OpenMetrics 1.0 text strictly: every MUST of the specification. See docs/metrics-format.md.
class OpenMetricsReader : public ExpositionReader
{
public:
    OpenMetricsReader()
        : ExpositionReader(MetricsFormat::OpenMetrics)
    { }

    // Throws ExpositionFailure at the first problem.
    ParseSummary read(std::string_view body, Visitor* visitor);

private:
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

    void omLine(const char* p, const char* eol);
    void omMetadata(const char* p, const char* eol);
    void omSample(const char* p, const char* eol);
    const char* omLabels(const char* p, const char* eol, std::vector<Label>& labels);
    const char* omExemplar(const char* p, const char* eol, Suffix suffix, double le);
    void omStartFamily(std::string_view name, const char* at);
    void omEndFamily();
    void omClaimSampleNames(ExpositionFamilyState& state, const char* at);
    void omEndHistogramPoint();
    void omCheckSeries(std::string_view name, std::optional<double> timestamp, const char* at);
    void omHistogramSample(ExpositionFamilyState& state, Suffix suffix, double value, std::optional<double> timestamp,
                           const char* at, const char* valueAt, double& le);

    NameTable m_familyNames; // family name -> index in m_families
    NameTable m_sampleNames; // every sample name a family may have -> index of that family
    NameArena m_sampleNameText; // those sample names that are not views into the body
    std::vector<Label> m_exemplarLabels;
    SeenSeries m_seen;
    HistogramPoint m_point;
    bool m_sawEof = false;
};

} // namespace sd::exposition
