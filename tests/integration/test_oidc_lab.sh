#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The OIDC lab (tests/lab/oidc.sh, provider.mjs, browser.mjs) end to end: selftest.mjs plays the
# native app against a lab with RS256 id_tokens (every check), then signs in once against a second
# lab with ES256 id_tokens; neither provider log may hold a token or a code. The labs are always
# stopped, whatever happens.
# Usage: test_oidc_lab.sh SOURCE_DIR
set -euo pipefail
src=$1
lab="$src/tests/lab/oidc.sh"
work=$(mktemp -d)
cleanup() {
    bash "$lab" stop "$work/rs256" || true
    bash "$lab" stop "$work/es256" || true
    rm -rf "$work"
}
trap cleanup EXIT

no_secrets_in_log() { # the provider logged no JWT, code, refresh token or cookie
    local log=$1
    if grep -Eq 'eyJ[A-Za-z0-9_-]{10,}|[?&](code|state|id_token_hint)=|[Cc]ookie|_session=' "$log"; then
        echo "FAIL: $log holds something secret" >&2
        return 1
    fi
}

issuer=$(bash "$lab" start "$work/rs256")
echo "lab (RS256): $issuer"
node "$src/tests/lab/oidc/selftest.mjs" "$issuer"
no_secrets_in_log "$work/rs256/provider.log"

issuer=$(bash "$lab" start "$work/es256" --id-token-alg ES256 --access-ttl 60)
echo "lab (ES256): $issuer"
node "$src/tests/lab/oidc/selftest.mjs" "$issuer" --sign-in-only --expect-alg ES256
no_secrets_in_log "$work/es256/provider.log"
echo "oidc lab: both labs passed"
