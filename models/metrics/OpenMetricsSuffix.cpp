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
