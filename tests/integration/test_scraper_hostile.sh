#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The Scraper against the hostile endpoints (tests/lab/hostile/hostile.py) and a real
# prometheus-node-exporter, both started here on free loopback ports and always stopped.
# Usage: test_scraper_hostile.sh SOURCE_DIR TEST_BINARY
set -euo pipefail
src=$1
binary=$2
python=/usr/bin/python3 # Debian's, not a pyenv one
node_exporter=${NODE_EXPORTER:-/usr/bin/prometheus-node-exporter}
work=$(mktemp -d)
pids=()
cleanup() {
    for pid in "${pids[@]}"; do
        kill "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    rm -rf "$work"
}
trap cleanup EXIT

# shellcheck source=tests/common/net.sh
source "$src/tests/common/net.sh"

"$python" "$src/tests/lab/hostile/hostile.py" "$work/hostile.port" >"$work/hostile.log" 2>&1 </dev/null &
pids+=($!)
for _ in $(seq 300); do
    [ -s "$work/hostile.port" ] && break
    sleep 0.1
done
[ -s "$work/hostile.port" ] || { echo "FAIL: hostile.py wrote no port" >&2; cat "$work/hostile.log" >&2; exit 1; }
hostile="http://127.0.0.1:$(cat "$work/hostile.port")"
wait_http "$hostile/ok" hostile.py "$work/hostile.log"

node_port=$(free_port)
"$node_exporter" --web.listen-address="127.0.0.1:$node_port" >"$work/node.log" 2>&1 </dev/null &
pids+=($!)
wait_http "http://127.0.0.1:$node_port/metrics" prometheus-node-exporter "$work/node.log"

STATIONDECK_HOSTILE_URL=$hostile STATIONDECK_NODE_URL="http://127.0.0.1:$node_port/metrics" \
    QT_QPA_PLATFORM=offscreen "$binary"
