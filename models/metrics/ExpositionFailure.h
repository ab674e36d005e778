// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>

namespace sd::exposition {

// Thrown inside the readers only and caught in ExpositionParser::parse(): the first error ends the
// parse. `at` points into the body (its line and column are counted from there), or is null and
// line/column say where.
struct ExpositionFailure
{
    const char* at = nullptr;
    std::string reason;
    int line = 0;
    int column = 0;
};

} // namespace sd::exposition
