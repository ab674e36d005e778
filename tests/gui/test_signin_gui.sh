#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The console's sign-in under Xvfb against the real OIDC lab and a real keychain: tst_signin_gui
# clicks "Sign In", the system browser ($BROWSER = the lab's scripted browser) signs in as alice,
# the console restarts still signed in, and signs out. Xvfb, the lab and the keyring are stopped
# whatever happens. With STATIONDECK_SCREENSHOT_DIR set, the test saves its screenshots there.
#   test_signin_gui.sh SOURCE_DIR BUILD_DIR
set -euo pipefail
src=$1
build=$2
work=$(mktemp -d)
xvfb=
cleanup() {
    [[ -s "$work/browser.log" ]] && sed 's/^/browser: /' "$work/browser.log"
    [[ -n "$xvfb" ]] && kill "$xvfb" 2>/dev/null || true
    bash "$src/tests/lab/oidc.sh" stop "$work/lab" >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT

issuer=$(bash "$src/tests/lab/oidc.sh" start "$work/lab")
# shellcheck source=tests/common/xvfb.sh
source "$src/tests/common/xvfb.sh"
start_xvfb "$work" 1360x820x24

# keyring.sh clears DISPLAY (so that no keyring prompt can open a window); the test gets it back.
bash "$src/tests/lab/keyring.sh" run env \
    DISPLAY="$display" QT_QPA_PLATFORM=xcb \
    BROWSER="$src/tests/lab/oidc/browser.sh" LAB_BROWSER_LOG="$work/browser.log" \
    STATIONDECK_TEST_ISSUER="$issuer" \
    "$build/tests/gui/tst_signin_gui"
