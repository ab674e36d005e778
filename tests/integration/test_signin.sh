#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The sign-in against the real OIDC lab (tests/lab/oidc.sh) and a real keychain (tests/lab/keyring.sh:
# gnome-keyring under dbus-run-session, in a throw-away HOME). Both are always stopped.
#   test_signin.sh SOURCE_DIR BUILD_DIR session   tst_session_lab (models/auth end to end)
#   test_signin.sh SOURCE_DIR BUILD_DIR cli       stationdeck-cli login / whoami / logout
#   test_signin.sh SOURCE_DIR BUILD_DIR nokeychain  the session with no keychain at all
set -euo pipefail
src=$1
build=$2
what=$3
work=$(mktemp -d)
cleanup() {
    bash "$src/tests/lab/oidc.sh" stop "$work/lab" >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT

issuer=$(bash "$src/tests/lab/oidc.sh" start "$work/lab" --access-ttl 120)
export STATIONDECK_TEST_ISSUER=$issuer
export STATIONDECK_TEST_LAB=$src/tests/lab/oidc
export QT_QPA_PLATFORM=offscreen
case $what in
session)
    bash "$src/tests/lab/keyring.sh" run "$build/tests/integration/tst_session_lab"
    ;;
nokeychain)
    # No session bus at all: the sign-in must work and say it lasts until the app quits.
    mkdir -p "$work/home"
    HOME="$work/home" XDG_CONFIG_HOME="$work/home/.config" XDG_DATA_HOME="$work/home/.local/share" \
        DBUS_SESSION_BUS_ADDRESS=unix:path=/nonexistent STATIONDECK_TEST_NO_KEYCHAIN=1 \
        "$build/tests/integration/tst_session_lab" withoutAKeychainTheSessionLastsUntilQuit
    if [[ -n "$(find "$work/home" -type f -print -quit)" ]]; then
        echo "FAIL: files were written under HOME without a keychain:" >&2
        find "$work/home" -type f >&2
        exit 1
    fi
    ;;
cli)
    bash "$src/tests/lab/keyring.sh" run bash "$src/tests/integration/cli_signin_steps.sh" \
        "$build/app/cli/stationdeck-cli" "$work"
    ;;
*)
    echo "test_signin.sh: unknown part \"$what\"" >&2
    exit 2
    ;;
esac
status=0
if grep -Eq 'eyJ[A-Za-z0-9_-]{10,}|[?&]code=' "$work/lab/provider.log"; then
    echo "FAIL: the provider's log holds a token or code" >&2
    status=1
fi
exit $status
