// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdlib>
#include <cstring>

namespace sd::bench {

// True under ctest (a smoke run: few iterations), false under scripts/bench.sh (full run).
inline bool quick()
{
    const char* full = std::getenv("STATIONDECK_BENCH_FULL");
    if (full != nullptr && std::strcmp(full, "1") == 0)
        return false;
    const char* quick = std::getenv("STATIONDECK_BENCH_QUICK");
    return quick != nullptr && std::strcmp(quick, "1") == 0;
}

} // namespace sd::bench
