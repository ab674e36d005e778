# SPDX-License-Identifier: GPL-3.0-or-later
# shellcheck shell=bash disable=SC2034  # xvfb and display are set for the sourcing script
# Sourced by the scripts that run the console under Xvfb.
#   start_xvfb WORK SIZE   starts Xvfb on a free display (-displayfd) with one screen of SIZE
#                          (e.g. 1360x820x24); sets $xvfb (its pid) and $display (":N");
#                          exits with Xvfb's log when it does not come up within 10 s.
start_xvfb() {
    local work=$1 size=$2
    Xvfb -displayfd 3 -screen 0 "$size" -nolisten tcp 3>"$work/display" 2>"$work/xvfb.log" &
    xvfb=$!
    for _ in $(seq 1 100); do
        [[ -s "$work/display" ]] && break
        sleep 0.1
    done
    [[ -s "$work/display" ]] || { echo "Xvfb did not start" >&2; cat "$work/xvfb.log" >&2; exit 1; }
    display=":$(cat "$work/display")"
}
