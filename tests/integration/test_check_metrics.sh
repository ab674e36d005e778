#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# stationdeck-cli check-metrics over every metrics fixture (tests/data/metrics): a valid input
# prints its "families=N samples=M" and exits 0; an invalid one prints FILE:LINE:COL: reason on
# stderr, nothing on stdout, and exits 1. No database is opened (HOME is empty and read-only).
# Usage: test_check_metrics.sh CLI SOURCE_DIR
set -euo pipefail
cli=$1
src=$2
work=$(mktemp -d)
trap 'chmod -R u+w "$work"; rm -rf "$work"' EXIT
mkdir -p "$work/home"
chmod a-w "$work/home"
export HOME="$work/home" XDG_CONFIG_HOME="$work/home/config" XDG_DATA_HOME="$work/home/data" LC_ALL=C.UTF-8
data="$src/tests/data/metrics"
# shellcheck source=SCRIPTDIR/../common/check.sh
source "$(dirname "$0")/../common/check.sh"


# run FILE FORMAT: sets rc, out, err
run() {
    rc=0
    "$cli" check-metrics --format "$2" "$1" >"$work/out" 2>"$work/err" || rc=$?
    out=$(cat "$work/out")
    err=$(cat "$work/err")
}

expect_file() { # the .expect of an input: NAME.expect for .om/.prom, NAME.txt.expect for captures
    case $1 in
    *.om | *.prom) echo "${1%.*}.expect" ;;
    *) echo "$1.expect" ;;
    esac
}

while IFS= read -r -d '' input; do
    expect=$(expect_file "$input")
    [ -f "$expect" ] || continue
    case $input in
    *.om) format=openmetrics ;;
    *.prom) format=text ;;
    *)
        format=text
        grep -qi '^application/openmetrics-text' "$input.content-type" && format=openmetrics
        ;;
    esac
    want=$(head -n1 "$expect")
    run "$input" "$format"
    name=${input#"$data/"}
    if [[ $want == families=* ]]; then
        check "$name: exit 0" test "$rc" -eq 0
        check "$name: prints \"$want\" (got \"$out\")" test "$out" = "$want"
        check "$name: nothing on stderr" test -z "$err"
    else
        position=${want%% *}
        check "$name: exit 1" test "$rc" -eq 1
        check "$name: \"$input:$position: ...\" on stderr (got \"$err\")" \
            bash -c '[[ $1 == "$2:$3: "?* ]]' _ "$err" "$input" "$position"
        check "$name: nothing on stdout" test -z "$out"
    fi
done < <(find "$data" -path "$data/api" -prune -o -type f \( -name '*.om' -o -name '*.prom' -o -name '*.txt' \) -print0 | sort -z)

node="$data/cases/valid/node_exporter_1.5.0.prom"
rc=0
"$cli" check-metrics - <"$node" >"$work/out" 2>&1 || rc=$?
check "stdin: exit 0" test "$rc" -eq 0
check "stdin: counts" test "$(cat "$work/out")" = "$(cat "$data/cases/valid/node_exporter_1.5.0.expect")"

printf 'a 1\nb{x="1"} oops\n' >"$work/bad.prom"
rc=0
"$cli" check-metrics - <"$work/bad.prom" >"$work/out" 2>"$work/err" || rc=$?
check "stdin invalid: exit 1" test "$rc" -eq 1
check "stdin invalid: <stdin>:2:10: ..." grep -q '^<stdin>:2:10: expected a number as the value, got "oops"$' "$work/err"

run "$node" openmetrics
check "text body read as OpenMetrics: refused" test "$rc" -eq 1
check "text body read as OpenMetrics: names the first counter without _total" \
    grep -q "^$node:21:1: sample name \"go_memstats_alloc_bytes_total\" is not valid for counter family" "$work/err"

rc=0
"$cli" check-metrics --format json "$node" >"$work/out" 2>"$work/err" || rc=$?
check "--format json: exit 1" test "$rc" -eq 1
check "--format json: a sentence" grep -q '^stationdeck-cli: --format "json" is not a format; use text or openmetrics\.$' "$work/err"

rc=0
"$cli" check-metrics "$work/missing.prom" >"$work/out" 2>"$work/err" || rc=$?
check "missing file: exit 1" test "$rc" -eq 1
check "missing file: a sentence" grep -q "^stationdeck-cli: Cannot read $work/missing.prom: " "$work/err"

rc=0
"$cli" check-metrics >"$work/out" 2>"$work/err" || rc=$?
check "no file: usage, exit 1" bash -c "[ $rc -eq 1 ] && grep -q 'Usage: stationdeck-cli check-metrics' '$work/err'"

check "no database was created" test -z "$(find "$work/home" -mindepth 1 -print -quit)"

check_summary check-metrics
