#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# A throw-away OpenID Connect provider on loopback (tests/lab/oidc/provider.mjs, npm oidc-provider)
# for the sign-in tests.
#
#   oidc.sh start STATE_DIR [provider args...]   start on 127.0.0.1:<port chosen by the OS>, write
#                                                the issuer http://127.0.0.1:<port> to STATE_DIR/issuer
#                                                (and print it), the pid to STATE_DIR/pid, the log to
#                                                STATE_DIR/provider.log
#   oidc.sh stop STATE_DIR                       stop it and remove STATE_DIR
#
# Provider args: --access-ttl SECONDS, --id-token-alg RS256|ES256, --port N (see provider.mjs).
# Runs `npm ci` in tests/lab/oidc first when node_modules is missing or older than package-lock.json
# (one at a time: concurrent starts wait on a lock). Needs Node.js 20.18 or later (nodejs from
# scripts/install-deps.sh). A `start` over a stale STATE_DIR (a crashed run) stops what is left and
# starts afresh. Works as root and as a normal user, with no standard input and no display.
set -euo pipefail

die() { echo "oidc.sh: $*" >&2; exit 1; }

lab_dir=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/oidc" && pwd)

check_node() {
    command -v node >/dev/null 2>&1 || die "node is not installed (scripts/install-deps.sh installs nodejs)"
    command -v npm >/dev/null 2>&1 || die "npm is not installed (scripts/install-deps.sh installs npm)"
    # oidc-provider v9 uses crypto.hash and URL.parse (Node.js 20.18 and later).
    node -e 'process.exit(typeof require("node:crypto").hash === "function" && typeof URL.parse === "function" ? 0 : 1)' ||
        die "Node.js $(node --version) is too old for oidc-provider v9: 20.18 or later is needed"
}

modules_stale() {
    local marker="$lab_dir/node_modules/.package-lock.json"
    [[ ! -f "$marker" || "$lab_dir/package-lock.json" -nt "$marker" ]]
}

install_modules() {
    local state=$1
    modules_stale || return 0
    (
        flock 9
        if modules_stale; then # another start may have installed them meanwhile
            (cd -- "$lab_dir" && npm ci --no-audit --no-fund --loglevel=error) >"$state/npm-ci.log" 2>&1 || {
                tail -n 30 "$state/npm-ci.log" >&2
                exit 1
            }
        fi
    ) 9>"$lab_dir/.npm-ci.lock" || die "npm ci in $lab_dir failed (log: $state/npm-ci.log)"
}

# is_ours PID: the process is a provider.mjs (not a recycled pid).
is_ours() {
    local pid=$1
    [[ -r "/proc/$pid/cmdline" ]] && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q 'provider\.mjs'
}

stop_provider() {
    local state=$1 pid
    [[ -d "$state" ]] || return 0
    if [[ -f "$state/pid" ]]; then
        pid=$(cat "$state/pid")
        if [[ $pid =~ ^[0-9]+$ ]] && is_ours "$pid"; then
            kill -TERM "$pid" 2>/dev/null || true
            for _ in $(seq 1 50); do
                is_ours "$pid" || break
                sleep 0.1
            done
            if is_ours "$pid"; then
                kill -KILL "$pid" 2>/dev/null || true
            fi
        fi
    fi
    rm -rf -- "$state"
}

start_provider() {
    local state=$1 pid
    shift
    check_node
    stop_provider "$state" # a stale folder from a crashed run
    mkdir -p -- "$state"
    state=$(cd -- "$state" && pwd)
    install_modules "$state"
    # A session of its own: the provider outlives the shell that started it, until `stop`.
    setsid node "$lab_dir/provider.mjs" --issuer-file "$state/issuer" "$@" \
        </dev/null >"$state/provider.log" 2>&1 &
    pid=$!
    echo "$pid" >"$state/pid"
    # Up to 120 s: on a loaded 2-core CI machine, loading oidc-provider and generating the RSA key
    # took over 30 s once (the loop ends as soon as the issuer is written).
    for _ in $(seq 1 1200); do
        [[ -s "$state/issuer" ]] && break
        if ! kill -0 "$pid" 2>/dev/null; then
            tail -n 30 "$state/provider.log" >&2 || true
            die "the provider exited before it listened (log: $state/provider.log)"
        fi
        sleep 0.1
    done
    if [[ ! -s "$state/issuer" ]]; then
        tail -n 30 "$state/provider.log" >&2 || true
        die "the provider did not write $state/issuer within 120 s (log: $state/provider.log)"
    fi
    cat "$state/issuer"
}

[[ $# -ge 2 ]] || die "usage: oidc.sh start STATE_DIR [provider args...] | oidc.sh stop STATE_DIR"
case "$1" in
start)
    state=$2
    shift 2
    start_provider "$state" "$@"
    ;;
stop)
    [[ $# -eq 2 ]] || die "usage: oidc.sh stop STATE_DIR"
    stop_provider "$2"
    ;;
*) die "usage: oidc.sh start STATE_DIR [provider args...] | oidc.sh stop STATE_DIR" ;;
esac
