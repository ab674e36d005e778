#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# A throw-away PostgreSQL server on loopback for tests and the demo.
#
#   postgres.sh start STATE_DIR   initdb + start on 127.0.0.1:<free port>, create stationdeck_test,
#                                 write postgresql://<user>@127.0.0.1:<port>/stationdeck_test to STATE_DIR/url
#   postgres.sh stop STATE_DIR    stop the server (fast) and remove STATE_DIR
#
# Trust authentication, loopback only. initdb refuses to run as root: as root the server runs as
# the `postgres` system user (created by Debian's postgresql package), else as `stationdeck-pg`
# (created when missing). A `start` over a stale STATE_DIR (a crashed run) stops what is left and
# starts afresh. When the server user cannot reach STATE_DIR (a private home folder) or the path is
# too long for a Unix socket, the data lives in a private folder under /tmp, named in STATE_DIR/root.
set -euo pipefail

die() { echo "postgres.sh: $*" >&2; exit 1; }

find_bindir() {
    local dir
    if command -v pg_config >/dev/null 2>&1; then
        dir=$(pg_config --bindir 2>/dev/null || true)
        [[ -x "$dir/initdb" ]] && { echo "$dir"; return; }
    fi
    for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
        [[ -x "$dir/initdb" ]] && { echo "$dir"; return; }
    done
    command -v initdb >/dev/null 2>&1 && { dirname "$(command -v initdb)"; return; }
    die "cannot find initdb (install postgresql, or put its bin folder on PATH)"
}

# as_server CMD...: run a command as the user that owns the server.
as_server() {
    if [[ $(id -u) -eq 0 ]]; then
        runuser -u "$SERVER_USER" -- "$@"
    else
        "$@"
    fi
}

pick_server_user() {
    if [[ $(id -u) -ne 0 ]]; then
        SERVER_USER=$(id -un)
    elif id -u postgres >/dev/null 2>&1; then
        SERVER_USER=postgres
    else
        id -u stationdeck-pg >/dev/null 2>&1 ||
            useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin stationdeck-pg
        SERVER_USER=stationdeck-pg
    fi
}

port_is_free() {
    local port=$1
    if command -v ss >/dev/null 2>&1 && ss -Hltn "sport = :$port" 2>/dev/null | grep -q .; then
        return 1
    fi
    # Anything answering on the port means it is taken.
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
        return 1
    fi
    return 0
}

free_port() {
    local port attempt
    for attempt in $(seq 1 100); do
        port=$((20000 + RANDOM % 40000))
        if port_is_free "$port"; then
            echo "$port"
            return
        fi
    done
    die "found no free loopback port"
}

# root_of STATE_DIR: where data and socket live.
root_of() {
    local state=$1
    if [[ -f "$state/root" ]]; then cat "$state/root"; else echo "$state"; fi
}

stop_server() {
    local state=$1 root bindir
    [[ -d "$state" ]] || return 0
    root=$(root_of "$state")
    bindir=$(find_bindir)
    if [[ -f "$root/data/postmaster.pid" ]]; then
        SERVER_USER=$(stat -c %U "$root/data")
        as_server "$bindir/pg_ctl" stop -D "$root/data" -m fast -w -t 60 >/dev/null 2>&1 ||
            as_server "$bindir/pg_ctl" stop -D "$root/data" -m immediate -w -t 30 >/dev/null 2>&1 || true
    fi
    [[ "$root" != "$state" ]] && rm -rf -- "$root"
    rm -rf -- "$state"
}

start_server() {
    local state=$1 bindir root port attempt user
    bindir=$(find_bindir)
    pick_server_user
    stop_server "$state" # a stale folder from a crashed run
    mkdir -p -- "$state"
    state=$(cd -- "$state" && pwd)
    root=$state
    if [[ $(id -u) -eq 0 ]]; then
        chown "$SERVER_USER" "$state"
        if ! runuser -u "$SERVER_USER" -- test -w "$state" -a -x "$state"; then
            root=""
        fi
    fi
    # Unix socket paths are limited to 107 bytes.
    if [[ -z "$root" || ${#state} -gt 80 ]]; then
        root=$(mktemp -d /tmp/stationdeck-pg.XXXXXX)
        [[ $(id -u) -eq 0 ]] && chown "$SERVER_USER" "$root"
        echo "$root" >"$state/root"
    fi
    chmod 700 "$root"
    user=$SERVER_USER
    as_server "$bindir/initdb" -D "$root/data" -U "$user" --auth=trust -E UTF8 --locale=C.UTF-8 \
        >"$state/initdb.log" 2>&1 || { cat "$state/initdb.log" >&2; die "initdb failed"; }
    {
        echo "listen_addresses = '127.0.0.1'"
        echo "unix_socket_directories = '$root'"
        echo "fsync = off"
        echo "synchronous_commit = off"
        echo "full_page_writes = off"
        echo "max_connections = 50"
    } | as_server tee -a "$root/data/postgresql.conf" >/dev/null
    for attempt in 1 2 3 4 5; do
        port=$(free_port)
        if as_server "$bindir/pg_ctl" start -D "$root/data" -w -t 60 -o "-p $port" \
            -l "$root/server.log" >/dev/null 2>&1; then
            break
        fi
        port=""
    done
    [[ -n "$port" ]] || { cat "$root/server.log" >&2 || true; die "the server did not start"; }
    "$bindir/createdb" -h 127.0.0.1 -p "$port" -U "$user" stationdeck_test ||
        die "could not create the database stationdeck_test"
    echo "postgresql://$user@127.0.0.1:$port/stationdeck_test" >"$state/url"
    cat "$state/url"
}

[[ $# -eq 2 ]] || die "usage: postgres.sh start|stop STATE_DIR"
case "$1" in
start) start_server "$2" ;;
stop) stop_server "$2" ;;
*) die "usage: postgres.sh start|stop STATE_DIR" ;;
esac
