#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs what is needed, builds with warnings as errors, and runs every test: formatting, unit,
# integration (real ansible-inventory, PostgreSQL), GUI (offscreen and under Xvfb), packaging,
# then the whole suite again under AddressSanitizer + UndefinedBehaviorSanitizer, and the fuzzers
# briefly. Idempotent; uses sudo only when not root. This is what CI runs (.ci/run).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
jobs=$(nproc)

step() { printf '\n==> %s\n' "$*"; }

step "Installing packages"
scripts/install-deps.sh

step "Checking formatting"
scripts/check-format.sh

step "Building (warnings are errors)"
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSTATIONDECK_WERROR=ON
cmake --build build -j "$jobs"

step "Building with AddressSanitizer + UndefinedBehaviorSanitizer"
cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DSTATIONDECK_WERROR=ON -DSTATIONDECK_SANITIZE=ON
cmake --build build-asan -j "$jobs"

step "Building the fuzzers (clang, libFuzzer) and running each for 20 s"
CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=Debug -DSTATIONDECK_FUZZ=ON
cmake --build build-fuzz -j "$jobs" --target fuzz_window fuzz_sqlscript fuzz_inventory fuzz_jws fuzz_callback fuzz_oidc_json fuzz_metrics fuzz_promql_json fuzz_http_response
ctest --test-dir build-fuzz --output-on-failure -L fuzz

step "Running the tests under the sanitizers"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export LSAN_OPTIONS="suppressions=$root/tests/lsan.supp"
ctest --test-dir build-asan --output-on-failure -j "$jobs" --label-exclude packaging
unset ASAN_OPTIONS UBSAN_OPTIONS LSAN_OPTIONS

step "Running every test"
ctest --test-dir build --output-on-failure -j "$jobs"
