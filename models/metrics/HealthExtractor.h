// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/Result.h"
#include "metrics/ExpositionParser.h"
#include "metrics/RawHealth.h"

#include <string_view>

namespace sd {

// Picks the CPU and memory values out of one scrape body while checking all of it: the families it
// needs are read, every other family is only checked (ExpositionParser skips their samples).
// Keep one per scraper and call extract() per body; the parser's buffers are reused.
class HealthExtractor
{
public:
    // The whole body must be a valid exposition; an error names LINE:COL (see ExpositionParser).
    Result<RawHealth> extract(std::string_view body, MetricsFormat format);

private:
    ExpositionParser m_parser;
};

} // namespace sd
