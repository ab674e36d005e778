// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "metrics/ExpositionNumbers.h"
#include "metrics/ExpositionReader.h"
#include "metrics/NameArena.h"
#include "metrics/NameTable.h"
#include "metrics/OpenMetricsSuffix.h"
#include "metrics/SeenSeries.h"

#include <cstdint>
#include <memory>
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

    // Each reads its part of the line at p and returns the newline that ends the line.
    const char* omLine(const char* p);
    const char* omMetadata(const char* p);
    const char* omSample(const char* p);
    const char* omExemplar(const char* p, Suffix suffix, double le);
    // Returns the byte after the closing brace.
    template <bool kSample> const char* omLabels(const char* p, Label* labels, std::size_t& count);
    // A value that scanDecimal does not take: the token up to a space. Returns its end.
    ScannedNumber omValueTheLongWay(const char* p) const;
    // The sample name's suffix in the current family, or Invalid when it starts a new one.
    Suffix omSuffix(std::string_view name, const char* nameStart) const;
    // The end of the token at p: the next space or the newline.
    const char* skipToken(const char* p) const
    {
        while (*p != ' ' && *p != '\n')
            ++p;
        return p;
    }
    // Families are reported (Visitor::onFamily) when the line that ends or starts them has been read.
    void queueReport(ExpositionFamilyState& state);
    void reportPending()
    {
        if (m_pendingReports != 0)
            reportPendingNow();
    }
    void reportPendingNow();
    void omStartFamily(std::string_view name, const char* at);
    void omEndFamily();
    void omClaimSampleNames(ExpositionFamilyState& state, const char* at);
    void omEndHistogramPoint();
    void omCheckSeries(std::string_view name, std::uint64_t key, bool hasTimestamp, double timestamp, const char* at);
    void omHistogramSample(ExpositionFamilyState& state, Suffix suffix, double value, bool hasTimestamp,
                           double timestamp, const char* at, const char* valueAt, double& le);

    NameTable m_familyNames; // family name -> index in m_families
    NameTable m_sampleNames; // every sample name a family may have -> index of that family
    NameArena m_sampleNameText; // those sample names that are not views into the body
    std::unique_ptr<Label[]> m_exemplarLabels = std::make_unique<Label[]>(std::size_t(ExpositionParser::kMaxLabels));
    std::uint64_t m_currentHash = 0; // NameTable::hash of the current family's name
    std::uint64_t m_labelsHash = 0; // the sum of the hashes of the current sample's labels
    std::uint64_t m_leHash = 0; // the hash of its le label
    std::uint32_t m_pending[2] = {}; // families to report when the line has been read
    int m_pendingReports = 0;
    SeenSeries m_seen;
    HistogramPoint m_point;
    bool m_sawEof = false;
};

} // namespace sd::exposition
