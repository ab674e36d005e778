#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Station health in the console under Xvfb, against real prometheus-node-exporters (one per station,
# tests/lab/stations.sh, on free ports): tst_health_gui starts the console on an inventory of two
# sites, waits for live CPU and memory, then stops one exporter (that station turns down, its site
# stays up) and every exporter of the other site (its link is reported down), and starts them
# again. Xvfb and the exporters are stopped whatever happens. With STATIONDECK_SCREENSHOT_DIR set,
# the test saves its screenshots there.
#   test_health_gui.sh SOURCE_DIR BUILD_DIR
set -euo pipefail
src=$1
build=$2
work=$(mktemp -d)
xvfb=
cleanup() {
    [[ -n "$xvfb" ]] && kill "$xvfb" 2>/dev/null || true
    bash "$src/tests/lab/stations.sh" stop "$work/stations" >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT

bash "$src/tests/lab/stations.sh" inventory "$work/inventory.yml" Alpha:2 Beta:3
bash "$src/tests/lab/stations.sh" start "$work/stations" "$work/inventory.yml"
# shellcheck source=tests/common/xvfb.sh
source "$src/tests/common/xvfb.sh"
start_xvfb "$work" 1360x900x24

env DISPLAY="$display" QT_QPA_PLATFORM=xcb \
    XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data" \
    STATIONDECK_TEST_INVENTORY="$work/inventory.yml" \
    STATIONDECK_TEST_STATIONS="$work/stations" \
    STATIONDECK_TEST_STATIONS_SH="$src/tests/lab/stations.sh" \
    "$build/tests/gui/tst_health_gui"
