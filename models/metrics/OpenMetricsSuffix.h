// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "metrics/ExpositionParser.h"

#include <span>
#include <string>
#include <string_view>

namespace sd::exposition {

// The sample name suffixes OpenMetrics gives meaning to.
enum class Suffix { None, Total, Created, Bucket, Count, Sum, GCount, GSum, Info, Invalid };

std::string_view suffixText(Suffix suffix);
Suffix suffixFromText(std::string_view text); // Invalid when it is none of them

// The sample names a family of this type may have (OpenMetrics 1.0, "Suffixes").
std::span<const Suffix> allowedSuffixes(ExpositionParser::MetricType type);
bool allowsSuffix(ExpositionParser::MetricType type, Suffix suffix);

// "foo_total, foo_created": the sample names a family of this type may have, for messages.
std::string expectedNames(std::string_view family, ExpositionParser::MetricType type);

} // namespace sd::exposition
