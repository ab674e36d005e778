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

# shellcheck source=tests/common/net.sh
source "$(dirname "${BASH_SOURCE[0]}")/net.sh"
