#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds (RelWithDebInfo, in build/) and runs every benchmark in full; each prints what it measured
# and the ratio against its reference, side by side in one run. Run it on an otherwise idle machine.
#   scripts/bench.sh            all benchmarks
#   scripts/bench.sh REGEX      only those whose name matches
set -euo pipefail
cd "$(dirname "$0")/.."
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j "$(nproc)"
# Full runs: STATIONDECK_BENCH_FULL=1 wins over the quick mode ctest sets.
STATIONDECK_BENCH_FULL=1 ctest --test-dir build -L bench --verbose ${1:+-R "$1"} --timeout 3600 |
    sed -n 's/^[0-9]*: //p'
