# shellcheck shell=bash disable=SC2154
# SPDX-License-Identifier: GPL-3.0-or-later
# Shared by the fixture capture scripts (tests/data/*/capture.sh): source it after setting
# `python` (Debian's python3) and `work` (a temporary folder). Programs started in the background
# are added to `pids`; on exit every one of them is stopped and `work` is removed.

pids=()
capture_cleanup() {
    local pid
    for pid in "${pids[@]}"; do
        kill "$pid" 2>/dev/null || true
    done
    for pid in "${pids[@]}"; do
        wait "$pid" 2>/dev/null || true
    done
    rm -rf "$work"
}
trap capture_cleanup EXIT
trap 'exit 130' INT TERM

# free_port: a TCP port free on 127.0.0.1 now.
free_port() {
    "$python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# wait_http URL NAME LOG: until URL answers 200 (30 s at most); else the tail of LOG, and exit 1.
wait_http() {
    local i
    for ((i = 0; i < 150; i++)); do
        if curl -fsS -o /dev/null --max-time 2 "$1" 2>/dev/null; then
            return 0
        fi
        sleep 0.2
    done
    echo "capture: $2 did not come up on $1; its log:" >&2
    tail -n 30 "$3" >&2 || true
    exit 1
}
