// SPDX-License-Identifier: GPL-3.0-or-later
#include "metrics/OpenMetricsSuffix.h"

namespace sd::exposition {

using MetricType = ExpositionParser::MetricType;

std::string_view suffixText(Suffix suffix)
{
    switch (suffix) {
    case Suffix::None:
        return "";
    case Suffix::Total:
        return "_total";
    case Suffix::Created:
        return "_created";
    case Suffix::Bucket:
        return "_bucket";
    case Suffix::Count:
        return "_count";
    case Suffix::Sum:
        return "_sum";
    case Suffix::GCount:
        return "_gcount";
    case Suffix::GSum:
        return "_gsum";
    case Suffix::Info:
        return "_info";
    case Suffix::Invalid:
        break;
    }
    return "";
}

Suffix suffixFromText(std::string_view text)
{
    // By length first: at most two candidates each.
    const auto either = [&](Suffix a, Suffix b) {
        return text == suffixText(a) ? a : text == suffixText(b) ? b : Suffix::Invalid;
    };
    switch (text.size()) {
    case 0:
        return Suffix::None;
    case 4:
        return either(Suffix::Sum, Suffix::Sum);
    case 5:
        return either(Suffix::GSum, Suffix::Info);
    case 6:
        return either(Suffix::Total, Suffix::Count);
    case 7:
        return either(Suffix::Bucket, Suffix::GCount);
    case 8:
        return either(Suffix::Created, Suffix::Created);
    default:
        return Suffix::Invalid;
    }
}

bool allowsSuffix(MetricType type, Suffix suffix)
{
    for (Suffix allowed : allowedSuffixes(type)) {
        if (suffix == allowed)
            return true;
    }
    return false;
}

std::span<const Suffix> allowedSuffixes(MetricType type)
{
    static constexpr Suffix kCounter[] = {Suffix::Total, Suffix::Created};
    static constexpr Suffix kBare[] = {Suffix::None};
    static constexpr Suffix kHistogram[] = {Suffix::Bucket, Suffix::Count, Suffix::Sum, Suffix::Created};
    static constexpr Suffix kGaugeHistogram[] = {Suffix::Bucket, Suffix::GCount, Suffix::GSum};
    static constexpr Suffix kSummary[] = {Suffix::None, Suffix::Count, Suffix::Sum, Suffix::Created};
    static constexpr Suffix kInfo[] = {Suffix::Info};
    switch (type) {
    case MetricType::Counter:
        return kCounter;
    case MetricType::Histogram:
        return kHistogram;
    case MetricType::GaugeHistogram:
        return kGaugeHistogram;
    case MetricType::Summary:
        return kSummary;
    case MetricType::Info:
        return kInfo;
    case MetricType::Gauge:
    case MetricType::StateSet:
    case MetricType::Unknown:
        break;
    }
    return kBare;
}

std::string expectedNames(std::string_view family, MetricType type)
{
    std::string out;
    for (Suffix s : allowedSuffixes(type)) {
        if (!out.empty())
            out += ", ";
        out += family;
        out += suffixText(s);
    }
    return out;
}

} // namespace sd::exposition
