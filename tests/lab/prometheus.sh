#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# A throw-away Prometheus server scraping real node exporters on loopback, for the server mode's
# tests (tests/integration/test_prometheus.sh), the API captures and the demo.
#
#   prometheus.sh start STATE_DIR [N]   start N (default 3, at most 9) prometheus-node-exporter on
#                                       127.0.0.1:<free port> and a prometheus on 127.0.0.1:<free port>
#                                       scraping them every second (job "node", instance = host:port,
#                                       labels station="<name>" and site="lab"); prints the server URL
#   prometheus.sh stop STATE_DIR        stop everything it started and remove STATE_DIR
#
# STATE_DIR holds: url (the server, e.g. http://127.0.0.1:40123), stations (one line per station:
# name TAB metrics URL), pids, prometheus.yml and the logs. Station names are station-1 ... and the
# last one holds a double quote and a backslash (station-N "west\1") so that tests see the label
# values escaped in PromQL. A start over a stale STATE_DIR stops what is left first.
set -euo pipefail

die() { echo "prometheus.sh: $*" >&2; exit 1; }

node_exporter=${NODE_EXPORTER:-/usr/bin/prometheus-node-exporter}
prometheus=${PROMETHEUS:-/usr/bin/prometheus}

# shellcheck source=tests/common/net.sh
source "$(dirname "${BASH_SOURCE[0]}")/../common/net.sh"

stop_lab() {
    local state=$1 pid
    [[ -d "$state" ]] || return 0
    if [[ -f "$state/pids" ]]; then
        while read -r pid; do
            kill "$pid" 2>/dev/null || true
        done <"$state/pids"
        # Give each one 5 s to stop, then KILL it.
        while read -r pid; do
            for ((i = 0; i < 50; i++)); do
                kill -0 "$pid" 2>/dev/null || break
                sleep 0.1
            done
            kill -9 "$pid" 2>/dev/null || true
        done <"$state/pids"
    fi
    rm -rf -- "$state"
}

# launch LOG READY_PATH PROGRAM ARGS...: runs PROGRAM ARGS --web.listen-address=127.0.0.1:<free port>
# in the background (3 tries) until http://127.0.0.1:<port>READY_PATH answers; sets $port, or dies.
launch() {
    local log=$1 ready=$2
    shift 2
    for _ in 1 2 3; do
        port=$(free_port)
        "$@" --web.listen-address="127.0.0.1:$port" >"$log" 2>&1 </dev/null &
        echo $! >>"$state/pids"
        if wait_http "http://127.0.0.1:$port$ready"; then
            return 0
        fi
    done
    tail -n 30 "$log" >&2
    die "$(basename "$1") did not start"
}

station_name() {
    local i=$1 n=$2
    if ((i == n && n > 1)); then
        printf 'station-%d "west\\1"' "$i"
    else
        printf 'station-%d' "$i"
    fi
}

start_lab() {
    local count=$2 i name
    state=$1
    [[ $count =~ ^[1-9]$ ]] || die "the number of stations must be 1 to 9"
    for tool in "$node_exporter" "$prometheus" curl /usr/bin/python3; do
        command -v "$tool" >/dev/null || die "$tool is missing (scripts/install-deps.sh installs it)"
    done
    stop_lab "$state"
    mkdir -p -- "$state"
    state=$(cd -- "$state" && pwd)
    : >"$state/pids"
    : >"$state/stations"
    local targets=""
    for ((i = 1; i <= count; i++)); do
        name=$(station_name "$i" "$count")
        launch "$state/node-$i.log" /metrics "$node_exporter" --collector.disable-defaults \
            --collector.cpu --collector.meminfo --collector.loadavg --collector.stat
        printf '%s\thttp://127.0.0.1:%s/metrics\n' "$name" "$port" >>"$state/stations"
        # YAML single quotes: the name's " and \ stay as they are.
        targets+="      - targets: ['127.0.0.1:$port']
        labels: {station: '$name', site: lab}
"
    done
    cat >"$state/prometheus.yml" <<EOF
global:
  scrape_interval: 1s
  scrape_timeout: 1s
  evaluation_interval: 1s
scrape_configs:
  - job_name: node
    static_configs:
$targets
EOF
    launch "$state/prometheus.log" /-/ready "$prometheus" --config.file="$state/prometheus.yml" \
        --storage.tsdb.path="$state/data"
    echo "http://127.0.0.1:$port" >"$state/url"
    cat "$state/url"
}

case "${1:-}" in
start)
    [[ $# -ge 2 && $# -le 3 ]] || die "usage: prometheus.sh start STATE_DIR [N]"
    start_lab "$2" "${3:-3}"
    ;;
stop)
    [[ $# -eq 2 ]] || die "usage: prometheus.sh stop STATE_DIR"
    stop_lab "$2"
    ;;
*) die "usage: prometheus.sh start|stop STATE_DIR [N]" ;;
esac
