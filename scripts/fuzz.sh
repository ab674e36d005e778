#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs every fuzzer longer than CI does. Usage: scripts/fuzz.sh [SECONDS_EACH]   (default 600)
# New interesting inputs are kept in build-fuzz/tests/fuzz/corpus/<name>/; copy the useful ones
# into tests/fuzz/corpus/<name>/ to keep them.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-600}
CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=Debug -DSTATIONDECK_FUZZ=ON >/dev/null
cmake --build build-fuzz -j "$(nproc)" --target fuzz_window fuzz_sqlscript fuzz_inventory fuzz_jws fuzz_callback fuzz_oidc_json fuzz_metrics fuzz_promql_json fuzz_http_response
for name in window sqlscript inventory jws callback oidc_json metrics promql_json http_response; do
    mkdir -p "build-fuzz/tests/fuzz/corpus/$name"
    echo "== fuzz_$name for $seconds s"
    "build-fuzz/tests/fuzz/fuzz_$name" -max_total_time="$seconds" -max_len=8192 \
        "build-fuzz/tests/fuzz/corpus/$name" "tests/fuzz/corpus/$name"
done
