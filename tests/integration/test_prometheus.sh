#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The Prometheus server mode against the real lab (tests/lab/prometheus.sh: 3 node exporters scraped
# every second by a real prometheus), always stopped on exit.
#   test_prometheus.sh SOURCE_DIR BUILD_DIR [TEST]    TEST: tst_prometheus_lab (default) or
#                                                     tst_serverpoller_lab
set -euo pipefail
src=$1
build=$2
test=${3:-tst_prometheus_lab}
work=$(mktemp -d)
cleanup() {
    bash "$src/tests/lab/prometheus.sh" stop "$work/lab" >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT

STATIONDECK_TEST_PROMETHEUS=$(bash "$src/tests/lab/prometheus.sh" start "$work/lab" 3)
export STATIONDECK_TEST_PROMETHEUS
export STATIONDECK_TEST_STATIONS=$work/lab/stations
export QT_QPA_PLATFORM=offscreen
"$build/tests/integration/$test"
