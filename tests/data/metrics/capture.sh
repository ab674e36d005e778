#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Re-capture the real Prometheus exposition fixtures in this folder (tests/data/metrics/).
#
# What: starts, on 127.0.0.1 and on free ports, prometheus-node-exporter, the demo application
# exporter app_exporter.py (Debian's python3-prometheus-client) and a prometheus server that
# scrapes itself, the node exporter and the app every second; then fetches each one's /metrics
# twice, once asking for the Prometheus text format 0.0.4
#   (Accept: text/plain;version=0.0.4)
# and once for OpenMetrics 1.0.0
#   (Accept: application/openmetrics-text;version=1.0.0)
# and saves every body as NAME.txt with the Content-Type that actually came back in
# NAME.txt.content-type (one line; a program that cannot speak OpenMetrics answers text 0.0.4,
# and the content-type file is what tells). It also writes app_exporter.py's expositions made
# without HTTP (generate_latest of both formats) and, once the server has scraped the node
# exporter 6 times, answers of the Prometheus HTTP API as api/NAME.json (+ .content-type, and
# .status: the HTTP code).
# NAME.txt.expect holds "families=N samples=M" (count_metrics.py, the rule in README.md).
# index.tsv lists every capture: file, requested format, content type, HTTP status, bytes.
#
# How: tests/data/metrics/capture.sh   (as root or as a normal user; no stdin, no display).
#      CAPTURE_OUT=DIR writes the captures to DIR instead; PYTHON=... picks the python.
# Needs: prometheus-node-exporter prometheus python3-prometheus-client curl
# (scripts/install-deps.sh installs them). Everything it starts runs in its own temporary
# folder and is stopped on exit by a trap, whatever happens. The hand-written valid/ and
# invalid/ fixtures are not touched.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
out=${CAPTURE_OUT:-$here}
# Debian's python3, where python3-prometheus-client lives (a pyenv/venv python3 lacks it).
python=${PYTHON:-/usr/bin/python3}
node_exporter=${NODE_EXPORTER:-/usr/bin/prometheus-node-exporter}
prometheus=${PROMETHEUS:-/usr/bin/prometheus}
max_bytes=$((300 * 1024))

accept_text='text/plain;version=0.0.4'
accept_om='application/openmetrics-text;version=1.0.0'

for tool in "$python" "$node_exporter" "$prometheus" curl; do
    if ! command -v "$tool" >/dev/null; then
        echo "capture: $tool is missing (scripts/install-deps.sh installs it)" >&2
        exit 1
    fi
done
"$python" -c 'import prometheus_client' 2>/dev/null || {
    echo "capture: $python lacks prometheus_client (apt-get install python3-prometheus-client)" >&2
    exit 1
}

work=$(mktemp -d "${TMPDIR:-/tmp}/stationdeck-metrics.XXXXXX")
# shellcheck source=tests/common/capture.sh
source "$here/../../common/capture.sh"

index=$work/index.tsv
printf 'file\trequested\tcontent_type\thttp_status\tbytes\n' >"$index"

# fetch URL FILE REQUESTED [curl args...]: body to $out/FILE, Content-Type to FILE.content-type.
fetch() {
    local url=$1 file=$2 requested=$3
    shift 3
    local meta status ctype bytes
    mkdir -p "$(dirname "$out/$file")"
    meta=$(curl -sS --max-time 20 -o "$out/$file" -w '%{http_code}\t%{content_type}' "$@" "$url")
    status=${meta%%$'\t'*}
    ctype=${meta#*$'\t'}
    printf '%s\n' "$ctype" >"$out/$file.content-type"
    bytes=$(wc -c <"$out/$file")
    if ((bytes > max_bytes)); then
        echo "capture: $file is $bytes bytes (over $max_bytes): refusing to keep it" >&2
        rm -f "$out/$file" "$out/$file.content-type"
        exit 1
    fi
    printf '%s\t%s\t%s\t%s\t%s\n' "$file" "$requested" "$ctype" "$status" "$bytes" >>"$index"
    echo "capture: $file: HTTP $status, $ctype, $bytes bytes"
}

# fetch_both NAME URL: NAME.text-0.0.4.txt and NAME.openmetrics-1.0.0.txt
fetch_both() {
    fetch "$2" "$1.text-0.0.4.txt" "$accept_text" -H "Accept: $accept_text"
    fetch "$2" "$1.openmetrics-1.0.0.txt" "$accept_om" -H "Accept: $accept_om"
}

# --- node exporter ---------------------------------------------------------------------------
node_port=$(free_port)
"$node_exporter" --web.listen-address="127.0.0.1:$node_port" >"$work/node.log" 2>&1 </dev/null &
pids+=($!)

# --- application exporter --------------------------------------------------------------------
app_port=$(free_port)
"$python" "$here/app_exporter.py" serve "$app_port" >"$work/app.log" 2>&1 </dev/null &
pids+=($!)

wait_http "http://127.0.0.1:$node_port/metrics" prometheus-node-exporter "$work/node.log"
wait_http "http://127.0.0.1:$app_port/metrics" app_exporter.py "$work/app.log"

# --- prometheus server -----------------------------------------------------------------------
prom_port=$(free_port)
cat >"$work/prometheus.yml" <<EOF
global:
  scrape_interval: 1s
  scrape_timeout: 1s
  evaluation_interval: 1s
scrape_configs:
  - job_name: prometheus
    static_configs: [{targets: ['127.0.0.1:$prom_port']}]
  - job_name: node
    static_configs: [{targets: ['127.0.0.1:$node_port']}]
  - job_name: app
    static_configs: [{targets: ['127.0.0.1:$app_port']}]
EOF
"$prometheus" --config.file="$work/prometheus.yml" --storage.tsdb.path="$work/data" \
    --web.listen-address="127.0.0.1:$prom_port" >"$work/prometheus.log" 2>&1 </dev/null &
pids+=($!)
wait_http "http://127.0.0.1:$prom_port/-/ready" prometheus "$work/prometheus.log"

# --- /metrics of each program, both formats --------------------------------------------------
fetch_both node_exporter "http://127.0.0.1:$node_port/metrics"
fetch_both app_exporter "http://127.0.0.1:$app_port/metrics"

# The same application's expositions written without HTTP.
# Their .content-type is the one the library declares for that format (CONTENT_TYPE_LATEST).
for format in openmetrics text; do
    case $format in
        openmetrics) f=app_generate_latest.openmetrics-1.0.0.txt module=prometheus_client.openmetrics.exposition ;;
        text) f=app_generate_latest.text-0.0.4.txt module=prometheus_client.exposition ;;
    esac
    "$python" "$here/app_exporter.py" "$format" >"$out/$f"
    "$python" -c "import $module as m; print(m.CONTENT_TYPE_LATEST)" >"$out/$f.content-type"
    printf '%s\t%s\t%s\t%s\t%s\n' "$f" generate_latest "$(cat "$out/$f.content-type")" - \
        "$(wc -c <"$out/$f")" >>"$index"
done

# Let the server scrape a few times (1 s interval) so that the API has data and its own
# metrics have non-empty histograms and summaries. Its first scrape comes only some seconds
# after /-/ready (service discovery settles first), so wait for 6 scrapes of the node
# exporter (45 s at most), then take the last 5 s as the range.
scrapes=0
for ((i = 0; i < 90; i++)); do
    scrapes=$(curl -sS --max-time 2 -G "http://127.0.0.1:$prom_port/api/v1/query" \
        --data-urlencode 'query=count_over_time(up{job="node"}[1m])' |
        "$python" -c 'import json, sys; r = json.load(sys.stdin)["data"]["result"]; print(r[0]["value"][1] if r else 0)' ||
        echo 0)
    if ((scrapes >= 6)); then
        break
    fi
    sleep 0.5
done
if ((scrapes < 6)); then
    echo "capture: prometheus scraped the node exporter only $scrapes times; its log:" >&2
    tail -n 30 "$work/prometheus.log" >&2
    exit 1
fi
end=$(date +%s)
start=$((end - 5))
fetch_both prometheus "http://127.0.0.1:$prom_port/metrics"

# --- Prometheus HTTP API ---------------------------------------------------------------------
api=http://127.0.0.1:$prom_port/api/v1
fetch "$api/query" api/query_up.json - -G --data-urlencode 'query=up'
fetch "$api/query_range" api/query_range_rate_node_cpu.json - -G \
    --data-urlencode 'query=rate(node_cpu_seconds_total[5s])' \
    --data-urlencode "start=$start" --data-urlencode "end=$end" --data-urlencode 'step=1'
fetch "$api/query" api/query_bad_promql.json - -G --data-urlencode 'query=rate('
fetch "$api/targets" api/targets.json -
# The HTTP status of the API answers (the bad query is a 400) beside each body.
for f in query_up query_range_rate_node_cpu query_bad_promql targets; do
    awk -F'\t' -v f="api/$f.json" '$1 == f { print $4 }' "$index" >"$out/api/$f.json.status"
done

# NAME.txt.expect: "families=N samples=M" by the counting rule of README.md, for the format that
# actually came back (count_metrics.py; the C++ parser's tests compare with it).
while IFS=$'\t' read -r file _ ctype _; do
    case $file in
        *.txt) ;;
        *) continue ;;
    esac
    format=text
    if [[ $ctype == application/openmetrics-text* ]]; then
        format=openmetrics
    fi
    "$python" "$here/count_metrics.py" "$format" "$out/$file" >"$out/$file.expect"
done < <(tail -n +2 "$index")

cp "$index" "$out/index.tsv"
echo "capture: done; see $out/index.tsv"
