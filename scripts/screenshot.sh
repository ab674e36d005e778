#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Opens the console on the demo inventory under its own Xvfb and saves a screenshot.
# Usage: scripts/screenshot.sh OUT.png [BUILD_DIR]    (default: docs/screenshot-fleet.png, build)
# Needs: Xvfb, ImageMagick's import, ansible (scripts/install-deps.sh installs them).
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-docs/screenshot-fleet.png}
build=${2:-build}
gui="$build/app/gui/stationdeck"
cli="$build/app/cli/stationdeck-cli"
work=$(mktemp -d)
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
export HOME="$work/home" XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data" XDG_RUNTIME_DIR="$work/run"
mkdir -p "$HOME" "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
export LC_ALL=C.UTF-8 QT_QPA_PLATFORM=xcb

# shellcheck source=tests/common/xvfb.sh
source tests/common/xvfb.sh
start_xvfb "$work" 1360x820x24
pids+=("$xvfb")
export DISPLAY="$display"

db="sqlite:$work/demo.db"
"$gui" --database "$db" --inventory "$(pwd)/resources/demo/inventory.yml" -geometry 1360x820+0+0 \
    >"$work/gui.log" 2>&1 &
pids+=($!)
# Wait until the import has landed in the database, then give the window a moment to repaint.
for _ in $(seq 150); do
    count=$("$cli" --database "$db" stations --json 2>/dev/null | grep -c '"name"' || true)
    [ "${count:-0}" -ge 13 ] && break
    sleep 0.2
done
[ "${count:-0}" -ge 13 ] || { echo "the demo inventory was not imported" >&2; cat "$work/gui.log" >&2; exit 1; }
sleep 2
mkdir -p "$(dirname "$out")"
import -window root "$out"
echo "screenshot: $out"
