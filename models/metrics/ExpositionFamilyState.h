// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "metrics/ExpositionParser.h"

namespace sd::exposition {

// One metric family being read, or read.
struct ExpositionFamilyState
{
    ExpositionParser::Family family;
    bool hasType = false;
    bool hasHelp = false;
    bool hasUnit = false;
    bool hasSamples = false;
    bool reported = false;
    bool wanted = false;
};

} // namespace sd::exposition
