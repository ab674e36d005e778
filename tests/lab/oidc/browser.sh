#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The lab's scripted browser (browser.mjs) as a command for $BROWSER, so that xdg-open (and
# QDesktopServices::openUrl) in GUI tests "opens" the sign-in page with it:
#
#   BROWSER=/path/to/tests/lab/oidc/browser.sh LAB_USER=bob stationdeck ...
#
#   LAB_USER           who signs in (default alice)
#   LAB_BROWSER_ARGS   more browser.mjs options, split on spaces (e.g. "--deny" or "--no-consent")
#   LAB_BROWSER_LOG    append browser.mjs's output (stdout and stderr) to this file
# Arguments are passed on after those (a later --user wins).
set -euo pipefail
here=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)
read -r -a extra <<<"${LAB_BROWSER_ARGS:-}"
if [[ -n ${LAB_BROWSER_LOG:-} ]]; then
    exec node "$here/browser.mjs" --user "${LAB_USER:-alice}" "${extra[@]}" "$@" >>"$LAB_BROWSER_LOG" 2>&1
fi
exec node "$here/browser.mjs" --user "${LAB_USER:-alice}" "${extra[@]}" "$@"
