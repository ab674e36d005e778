#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# A throw-away Secret Service (gnome-keyring) on a private session bus, for keychain tests.
#
#   keyring.sh run CMD [ARGS...]   run CMD with a fresh HOME and an unlocked "login" keyring;
#                                  exits with CMD's status
#
# HOME is a new folder from mktemp -d with XDG_DATA_HOME, XDG_CONFIG_HOME, XDG_CACHE_HOME and
# XDG_RUNTIME_DIR (mode 0700) inside it; it is removed afterwards. dbus-run-session gives CMD its own
# session bus, where gnome-keyring-daemon (secrets component only) runs, unlocked with a fixed test
# password on its stdin: on a fresh HOME it creates the "login" keyring, which is the default
# collection, so Secret Service writes succeed without a prompt. Works as root and as a normal
# user, with no display and no stdin. Nothing of the caller's own session is reachable: the bus,
# the keyring control socket and the desktop variables (which would make QtKeychain prefer KWallet)
# are all replaced or cleared; DISPLAY and WAYLAND_DISPLAY too, so a keyring prompt fails instead of
# opening a window. CMD sees STATIONDECK_KEYRING_HARNESS=1.
set -euo pipefail

die() { echo "keyring.sh: $*" >&2; exit 1; }

readonly TEST_PASSWORD="stationdeck-test-keyring"

need() {
    command -v "$1" >/dev/null 2>&1 || die "cannot find $1 (install $2: scripts/install-deps.sh)"
}

# Runs inside dbus-run-session: start the keyring, wait until it owns org.freedesktop.secrets,
# run CMD, stop the keyring.
inner() {
    local env_lines line pid status
    env_lines=$(printf '%s' "$TEST_PASSWORD" |
        gnome-keyring-daemon --daemonize --unlock --components=secrets 2>"$HOME/gnome-keyring.log") ||
        { cat "$HOME/gnome-keyring.log" >&2; die "gnome-keyring-daemon did not start"; }
    # It prints VAR=value lines (GNOME_KEYRING_CONTROL, ...) for the session; export them.
    while IFS= read -r line; do
        [[ $line == *=* ]] && export "${line?}"
    done <<<"$env_lines"
    pid=""
    for _ in $(seq 1 100); do
        pid=$(dbus-send --session --print-reply=literal --dest=org.freedesktop.DBus /org/freedesktop/DBus \
            org.freedesktop.DBus.GetConnectionUnixProcessID string:org.freedesktop.secrets 2>/dev/null |
            awk '{ print $NF }') || true
        [[ -n "$pid" ]] && break
        sleep 0.1
    done
    [[ -n "$pid" ]] || { cat "$HOME/gnome-keyring.log" >&2; die "no Secret Service on the session bus"; }
    status=0
    "$@" || status=$?
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    exit "$status"
}

if [[ ${1:-} == --inner ]]; then
    shift
    inner "$@"
fi

[[ $# -ge 2 && $1 == run ]] || die "usage: keyring.sh run CMD [ARGS...]"
shift
need dbus-run-session dbus
need dbus-send dbus
need gnome-keyring-daemon gnome-keyring

home=$(mktemp -d "${TMPDIR:-/tmp}/stationdeck-keyring.XXXXXX")
trap 'rm -rf -- "$home"' EXIT
chmod 700 "$home"
mkdir -p "$home/.local/share" "$home/.config" "$home/.cache" "$home/runtime"
chmod 700 "$home/runtime"

export HOME="$home" STATIONDECK_KEYRING_HARNESS=1
export XDG_DATA_HOME="$home/.local/share" XDG_CONFIG_HOME="$home/.config"
export XDG_CACHE_HOME="$home/.cache" XDG_RUNTIME_DIR="$home/runtime"
unset DBUS_SESSION_BUS_ADDRESS DBUS_SESSION_BUS_PID DBUS_STARTER_ADDRESS DBUS_STARTER_BUS_TYPE
unset GNOME_KEYRING_CONTROL GNOME_KEYRING_PID SSH_AUTH_SOCK
unset XDG_CURRENT_DESKTOP DESKTOP_SESSION GNOME_DESKTOP_SESSION_ID KDE_FULL_SESSION KDE_SESSION_VERSION
# No display: an unlock prompt (gcr-prompter) fails at once instead of opening a window.
unset DISPLAY WAYLAND_DISPLAY

status=0
dbus-run-session -- "$0" --inner "$@" </dev/null || status=$?
exit "$status"
