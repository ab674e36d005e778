#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Re-capture the Prometheus HTTP API answers of this folder that the server mode's parser
# (models/metrics/PromApiResponse) is tested on. The four older captures (query_up, query_range_rate_node_cpu,
# query_bad_promql, targets) come from ../capture.sh and are not touched; neither is broken/.
#
# What: starts the lab (tests/lab/prometheus.sh: 3 real node exporters scraped every second by a
# real prometheus, with instance and station labels), waits for 8 scrapes, then saves each answer
# as NAME.json with NAME.json.content-type (one line), NAME.json.status (the HTTP code) and
# NAME.json.expect, what the parser must make of it, computed here with Python's json module:
#   success RESULTTYPE series=N points=M warnings=W     (a scalar or string counts as 0 series, 1 point)
#   error ERRORTYPE                                      (the API's errorType)
# A second prometheus with a remote_read to a closed port gives an answer with a warning.
#
# How: tests/data/metrics/api/capture_api.sh   (no stdin, no display; everything is stopped on exit)
# Needs: prometheus-node-exporter prometheus curl, Debian's /usr/bin/python3.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
src=$(cd "$here/../../../.." && pwd)
out=${CAPTURE_OUT:-$here}
work=$(mktemp -d "${TMPDIR:-/tmp}/stationdeck-promapi.XXXXXX")
warn_pid=""
cleanup() {
    [[ -n "$warn_pid" ]] && { kill "$warn_pid" 2>/dev/null || true; wait "$warn_pid" 2>/dev/null || true; }
    bash "$src/tests/lab/prometheus.sh" stop "$work/lab" >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# shellcheck source=tests/common/net.sh
source "$src/tests/common/net.sh"

expect_of() {
    /usr/bin/python3 - "$1" <<'EOF'
import json, sys
doc = json.load(open(sys.argv[1]))
if doc.get("status") != "success":
    print("error", doc.get("errorType", ""))
    sys.exit()
data = doc["data"]
kind = data["resultType"]
result = data["result"]
if kind in ("scalar", "string"):
    series, points = 0, 1
elif kind == "vector":
    series, points = len(result), len(result)
else:
    series, points = len(result), sum(len(s.get("values", [])) for s in result)
print(f"success {kind} series={series} points={points} warnings={len(doc.get('warnings', []))}")
EOF
}

# fetch BASE PATH NAME [curl args...]
fetch() {
    local base=$1 path=$2 name=$3 meta
    shift 3
    meta=$(curl -sS --max-time 20 -o "$out/$name.json" -w '%{http_code}\t%{content_type}' "$@" "$base/api/v1/$path")
    printf '%s\n' "${meta%%$'\t'*}" >"$out/$name.json.status"
    printf '%s\n' "${meta#*$'\t'}" >"$out/$name.json.content-type"
    expect_of "$out/$name.json" >"$out/$name.json.expect"
    echo "capture: $name.json: HTTP ${meta%%$'\t'*}, $(cat "$out/$name.json.expect")"
}

url=$(bash "$src/tests/lab/prometheus.sh" start "$work/lab" 3)
for ((i = 0; i < 120; i++)); do
    n=$(curl -sS --max-time 2 "$url/api/v1/query" --data-urlencode 'query=min(count_over_time(up[1m]))' |
        /usr/bin/python3 -c 'import json, sys; r = json.load(sys.stdin)["data"]["result"]; print(r[0]["value"][1] if r else 0)' ||
        echo 0)
    ((n >= 8)) && break
    sleep 0.5
done
((n >= 8)) || { echo "capture: the server scraped only $n times" >&2; exit 1; }
end=$(date +%s)
start=$((end - 6))

cpu='100 - 100 * avg by (instance) (rate(node_cpu_seconds_total{mode="idle"}[4s]))'
mem='sum by (station) (node_memory_MemTotal_bytes - node_memory_MemAvailable_bytes)'
fetch "$url" query_range query_range_cpu_by_instance --data-urlencode "query=$cpu" \
    --data-urlencode "start=$start" --data-urlencode "end=$end" --data-urlencode 'step=1'
fetch "$url" query query_memory_by_station --data-urlencode "query=$mem"
fetch "$url" query query_up_range_vector --data-urlencode 'query=up[3s]'
fetch "$url" query query_scalar --data-urlencode 'query=1 + 1'
fetch "$url" query query_string --data-urlencode 'query="a \"quoted\" string"'
fetch "$url" query query_nan_inf --data-urlencode 'query=vector(NaN) or label_replace(vector(+Inf), "a", "b", "", "") or label_replace(vector(-Inf), "a", "c", "", "")'
fetch "$url" query query_empty --data-urlencode 'query=up{job="none"}'
fetch "$url" query query_execution_error \
    --data-urlencode 'query=node_cpu_seconds_total + on(instance) node_cpu_seconds_total'
fetch "$url" query_range query_range_too_many_points --data-urlencode 'query=up' \
    --data-urlencode "start=$((end - 86400))" --data-urlencode "end=$end" --data-urlencode 'step=1'
fetch "$url" query query_bad_time --data-urlencode 'query=up' --data-urlencode 'time=yesterday'

# A server whose remote_read goes to a closed port answers with a warning.
warn_port=$(free_port)
mkdir -p "$work/warn"
printf 'global: {scrape_interval: 1s}\nremote_read:\n  - url: http://127.0.0.1:%s/read\n    read_recent: true\n' \
    "$(free_port)" >"$work/warn/prometheus.yml"
/usr/bin/prometheus --config.file="$work/warn/prometheus.yml" --storage.tsdb.path="$work/warn/data" \
    --web.listen-address="127.0.0.1:$warn_port" >"$work/warn/log" 2>&1 </dev/null &
warn_pid=$!
for ((i = 0; i < 150; i++)); do
    curl -fsS -o /dev/null --max-time 2 "http://127.0.0.1:$warn_port/-/ready" 2>/dev/null && break
    sleep 0.2
done
fetch "http://127.0.0.1:$warn_port" query query_warning --data-urlencode 'query=up'
echo "capture: done"
