#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# stationdeck-cli with the real ansible-inventory: import sites in Asia/Kathmandu,
# America/St_Johns and Australia/Lord_Howe, report their windows at pinned instants, and refuse
# bad inventories leaving the database exactly as it was.
# Usage: test_cli_inventory.sh CLI SOURCE_DIR [DATABASE_URL | @URL_FILE]
set -euo pipefail
cli=$1
src=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export HOME="$work/home" XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data" LC_ALL=C.UTF-8
mkdir -p "$HOME"
db=${3:-sqlite:$work/fleet.db}
[[ $db == @* ]] && db=$(cat "${db#@}")
inv="$src/tests/data/inventories"
# shellcheck source=SCRIPTDIR/../common/check.sh
source "$(dirname "$0")/../common/check.sh"

run() { "$cli" --database "$db" "$@"; }
json_field() { # json_field FILE SITE FIELD
    python3 -c 'import json,sys; d={s["name"]: s for s in json.load(open(sys.argv[1]))}; print(d[sys.argv[2]][sys.argv[3]])' "$@"
}

check "--version prints the version" bash -c "'$cli' --version | grep -Eq '^stationdeck-cli [0-9]+\.[0-9]+\.[0-9]+$'"

run inventory import "$inv/ini_layout/hosts.ini" >"$work/import.out" 2>"$work/import.err"
check "import prints a summary" grep -q "Imported 5 stations: 5 added, 0 changed, 0 unchanged, 0 retired; 1 host skipped (no stationdeck_site): printer-01" "$work/import.out"
run inventory import "$inv/ini_layout/hosts.ini" >"$work/import2.out"
check "a second import changes nothing" grep -q "5 stations: 0 added, 0 changed, 5 unchanged, 0 retired" "$work/import2.out"

# Monday 30 Nov 2026 20:00 UTC.
run sites --json --at 2026-11-30T20:00:00Z >"$work/sites.json"
check "Kathmandu local time" test "$(json_field "$work/sites.json" Kathmandu localTime)" = "2026-12-01T01:45:00+05:45"
check "Kathmandu window closed" test "$(json_field "$work/sites.json" Kathmandu windowOpen)" = "False"
check "Kathmandu next opening" test "$(json_field "$work/sites.json" Kathmandu nextOpens)" = "2026-12-01T02:00:00+05:45"
check "Kathmandu text" test "$(json_field "$work/sites.json" Kathmandu window)" = "opens Tue 02:00 (in 15 min)"
check "St. John's local time" test "$(json_field "$work/sites.json" "St. John's" localTime)" = "2026-11-30T16:30:00-03:30"
check "St. John's next opening" test "$(json_field "$work/sites.json" "St. John's" nextOpens)" = "2026-11-30T23:30:00-03:30"
check "St. John's window crosses midnight" test "$(json_field "$work/sites.json" "St. John's" nextCloses)" = "2026-12-01T01:30:00-03:30"
check "Lord Howe daylight time" test "$(json_field "$work/sites.json" "Lord Howe Island" utcOffset)" = "UTC+11:00"
check "Lord Howe next opening" test "$(json_field "$work/sites.json" "Lord Howe Island" nextOpens)" = "2026-12-02T22:00:00+11:00"

# Inside St. John's window, after local midnight.
run sites --json --at 2026-12-01T04:30:00Z >"$work/open.json"
check "St. John's open" test "$(json_field "$work/open.json" "St. John's" windowOpen)" = "True"
check "St. John's open until" test "$(json_field "$work/open.json" "St. John's" openUntil)" = "2026-12-01T01:30:00-03:30"
check "St. John's text" test "$(json_field "$work/open.json" "St. John's" window)" = "open until 01:30"

# Lord Howe in winter (+10:30), and across its 30-minute spring-forward (Sun 4 Oct 2026, 02:00 -> 02:30).
run sites --json --at 2026-07-04T15:00:00Z >"$work/winter.json"
check "Lord Howe standard time" test "$(json_field "$work/winter.json" "Lord Howe Island" localTime)" = "2026-07-05T01:30:00+10:30"
check "Lord Howe open in winter" test "$(json_field "$work/winter.json" "Lord Howe Island" openUntil)" = "2026-07-05T05:00:00+10:30"
run sites --json --at 2026-10-03T15:00:00Z >"$work/dst.json"
check "Lord Howe window spans the DST change" test "$(json_field "$work/dst.json" "Lord Howe Island" openUntil)" = "2026-10-04T05:00:00+11:00"

run sites >"$work/sites.txt"
check "sites table" grep -q "Asia/Kathmandu UTC+05:45" "$work/sites.txt"
run stations >"$work/stations.txt"
check "stations table" grep -q "https://10.1.0.12:8443/metrics" "$work/stations.txt"

# Bad inventories: exit 1, a sentence naming host, variable and value, nothing changed.
run stations --json --all >"$work/before.json"
run sites --json --at 2026-11-30T20:00:00Z >"$work/sites-before.json"
expect_refusal() { # expect_refusal NAME PATH PATTERN
    local status=0
    run inventory import "$2" >"$work/bad.out" 2>"$work/bad.err" || status=$?
    check "$1: exit code 1" test "$status" -eq 1
    check "$1: message" grep -qF "$3" "$work/bad.err"
    run stations --json --all >"$work/after.json"
    check "$1: stations untouched" cmp -s "$work/before.json" "$work/after.json"
    run sites --json --at 2026-11-30T20:00:00Z >"$work/sites-after.json"
    check "$1: sites untouched" cmp -s "$work/sites-before.json" "$work/sites-after.json"
}
expect_refusal "unknown time zone" "$inv/bad_timezone.yml" 'host "oly-01" (group mars): stationdeck_timezone: "Mars/Olympus_Mons" is not a known IANA time zone'
expect_refusal "malformed window" "$inv/bad_window.yml" 'host "ktm-01" (group kathmandu): stationdeck_window: '
expect_refusal "two time zones" "$inv/two_timezones.yml" 'site "Alpha" has two time zones'
expect_refusal "YAML syntax error" "$inv/broken_syntax.yml" "The inventory $inv/broken_syntax.yml could not be read; ansible-inventory says: "
expect_refusal "missing inventory" "$inv/does-not-exist.yml" "does-not-exist.yml does not exist"
expect_refusal "no stations" "$inv/no_sites.yml" "has no host with stationdeck_site"

status=0
"$cli" --database "$db" frobnicate 2>"$work/err" || status=$?
check "unknown command exits 1" test "$status" -eq 1
check "unknown command message" grep -q '"frobnicate" is not a command' "$work/err"
status=0
"$cli" --database "postgresql://ops:hunter2@127.0.0.1:1/fleet" sites 2>"$work/err" || status=$?
check "unreachable database exits 1" test "$status" -eq 1
check "the password never appears" bash -c "! grep -q hunter2 '$work/err'"
check "the error names the server" grep -q "127.0.0.1:1" "$work/err"

check_summary cli_inventory
