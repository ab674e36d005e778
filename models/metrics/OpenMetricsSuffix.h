// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "metrics/ExpositionParser.h"

#include <array>
#include <span>
#include <string>
#include <string_view>

namespace sd::exposition {

// The sample name suffixes OpenMetrics gives meaning to.
enum class Suffix { None, Total, Created, Bucket, Count, Sum, GCount, GSum, Info, Invalid };

std::string_view suffixText(Suffix suffix);

// Invalid when it is none of them. (Inline, as allowedSuffixes and allowsSuffix: asked for each sample.)
inline Suffix suffixFromText(std::string_view text)
{
    // By length first: at most two candidates each.
    switch (text.size()) {
    case 0:
        return Suffix::None;
    case 4:
        return text == "_sum" ? Suffix::Sum : Suffix::Invalid;
    case 5:
        return text == "_gsum" ? Suffix::GSum : text == "_info" ? Suffix::Info : Suffix::Invalid;
    case 6:
        return text == "_total" ? Suffix::Total : text == "_count" ? Suffix::Count : Suffix::Invalid;
    case 7:
        return text == "_bucket" ? Suffix::Bucket : text == "_gcount" ? Suffix::GCount : Suffix::Invalid;
    case 8:
        return text == "_created" ? Suffix::Created : Suffix::Invalid;
    default:
        return Suffix::Invalid;
    }
}

// The sample names a family of this type may have (OpenMetrics 1.0, "Suffixes").
namespace suffixes {
inline constexpr Suffix kCounter[] = {Suffix::Total, Suffix::Created};
inline constexpr Suffix kBare[] = {Suffix::None};
inline constexpr Suffix kHistogram[] = {Suffix::Bucket, Suffix::Count, Suffix::Sum, Suffix::Created};
inline constexpr Suffix kGaugeHistogram[] = {Suffix::Bucket, Suffix::GCount, Suffix::GSum};
inline constexpr Suffix kSummary[] = {Suffix::None, Suffix::Count, Suffix::Sum, Suffix::Created};
inline constexpr Suffix kInfo[] = {Suffix::Info};
} // namespace suffixes

constexpr std::span<const Suffix> allowedSuffixes(ExpositionParser::MetricType type)
{
    using MetricType = ExpositionParser::MetricType;
    switch (type) {
    case MetricType::Counter:
        return suffixes::kCounter;
    case MetricType::Histogram:
        return suffixes::kHistogram;
    case MetricType::GaugeHistogram:
        return suffixes::kGaugeHistogram;
    case MetricType::Summary:
        return suffixes::kSummary;
    case MetricType::Info:
        return suffixes::kInfo;
    case MetricType::Gauge:
    case MetricType::StateSet:
    case MetricType::Unknown:
        break;
    }
    return suffixes::kBare;
}

// allowedSuffixes(type) contains suffix: one bit of a mask per type, made from allowedSuffixes.
inline bool allowsSuffix(ExpositionParser::MetricType type, Suffix suffix)
{
    using MetricType = ExpositionParser::MetricType;
    static constexpr auto kMasks = [] {
        std::array<unsigned, std::size_t(MetricType::Unknown) + 1> masks{};
        for (std::size_t t = 0; t < masks.size(); ++t) {
            for (Suffix allowed : allowedSuffixes(MetricType(t)))
                masks[t] |= 1u << unsigned(allowed);
        }
        return masks;
    }();
    return ((kMasks[std::size_t(type)] >> unsigned(suffix)) & 1u) != 0;
}

// "foo_total, foo_created": the sample names a family of this type may have, for messages.
std::string expectedNames(std::string_view family, ExpositionParser::MetricType type);

} // namespace sd::exposition
