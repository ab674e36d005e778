# shellcheck shell=bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Loopback helpers shared by the test, lab and capture scripts: source it.

# free_port: a TCP port free on 127.0.0.1 now (the kernel picks it).
free_port() {
    /usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# wait_http URL [NAME LOG]: until URL answers 200, 30 s at most; else 1. Given NAME and LOG, a
# failure also says on stderr that NAME did not come up at URL, with the tail of LOG.
wait_http() {
    local i
    for ((i = 0; i < 150; i++)); do
        if curl -fsS -o /dev/null --max-time 2 "$1" 2>/dev/null; then
            return 0
        fi
        sleep 0.2
    done
    if [[ $# -ge 3 ]]; then
        echo "FAIL: $2 did not come up at $1; the end of its log $3:" >&2
        tail -n 30 "$3" >&2 || true
    fi
    return 1
}
