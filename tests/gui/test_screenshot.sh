#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The real console under Xvfb on the demo inventory: it starts, imports through ansible-inventory,
# and draws a window that is not blank.
set -euo pipefail
src=$1
build=$2
out=$(mktemp --suffix=.png)
trap 'rm -f "$out"' EXIT
"$src/scripts/screenshot.sh" "$out" "$build"
size=$(identify -format '%wx%h' "$out")
colors=$(identify -format '%k' "$out")
echo "screenshot $size with $colors colours"
[ "$size" = "1360x820" ]
[ "$colors" -gt 64 ]
