# SPDX-License-Identifier: GPL-3.0-or-later
# Sourced by the shell tests: one way to count checks and report them.
#   check NAME COMMAND...   runs COMMAND; counts a pass, or prints "FAIL: NAME" on stderr
#   check_summary LABEL     prints "LABEL: P passed, F failed"; returns non-zero on any failure
# With CHECK_VERBOSE=1, passes are printed too ("ok   NAME").
passes=0
failures=0

check() {
    local name=$1
    shift
    if "$@"; then
        passes=$((passes + 1))
        [[ "${CHECK_VERBOSE:-0}" == 1 ]] && echo "ok   $name"
    else
        echo "FAIL: $name" >&2
        failures=$((failures + 1))
    fi
    return 0
}

check_summary() {
    echo "$1: $passes passed, $failures failed"
    [ "$failures" -eq 0 ]
}
