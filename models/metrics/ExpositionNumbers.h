// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <string_view>

namespace sd::exposition {

// Decimal floating point syntax shared by both formats: [sign] digits [. digits] [e [sign] digits]
// with at least one digit before the exponent. Go's strconv.ParseFloat (text format) and the
// OpenMetrics ABNF agree on this subset; both also take inf, infinity and nan in any case.
enum class NumberError { None, Syntax, Overflow };

// Parses `token` (all of it) into out; allowSpecial also takes inf, infinity and nan.
NumberError parseDouble(std::string_view token, bool allowSpecial, double& out);

// [sign] digits, as Go's strconv.ParseInt; false when not an int64.
bool parseInt64(std::string_view token, std::int64_t& out);

} // namespace sd::exposition
