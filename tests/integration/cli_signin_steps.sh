#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# stationdeck-cli login / whoami / logout against the OIDC lab, inside the keychain harness
# (run by test_signin.sh, which sets STATIONDECK_TEST_ISSUER and STATIONDECK_TEST_LAB).
#   cli_signin_steps.sh STATIONDECK_CLI WORK_DIR
set -uo pipefail
cli=$1
work=$2
issuer=$STATIONDECK_TEST_ISSUER
lab=$STATIONDECK_TEST_LAB
db="sqlite:$work/cli.db"
# shellcheck source=SCRIPTDIR/../common/check.sh
source "$(dirname "$0")/../common/check.sh"
CHECK_VERBOSE=1


# login USER [BROWSER_ARGS...]: runs login in the background, hands its URL to the scripted browser.
login() {
    local user=$1
    shift
    : >"$work/out" && : >"$work/err"
    QT_LOGGING_RULES="stationdeck.*=true" "$cli" --database "$db" --verbose login --issuer "$issuer" \
        --client-id stationdeck --no-browser --timeout 30 >"$work/out" 2>"$work/err" </dev/null &
    local pid=$!
    local url=
    for _ in $(seq 1 200); do
        url=$(sed -n 's/^Open this URL to sign in: //p' "$work/out")
        [[ -n "$url" ]] && break
        sleep 0.1
    done
    if [[ -n "$url" ]]; then
        node "$lab/browser.mjs" "$url" --user "$user" "$@" >"$work/browser.out" 2>&1 ||
            { echo "browser.mjs failed:" >&2; cat "$work/browser.out" >&2; }
    else
        echo "login printed no URL within 20 s" >&2
    fi
    wait "$pid"
    local code=$?
    echo $code >"$work/code"
    [[ $code -ne 0 ]] && { echo "login exited $code; its stderr:" >&2; tail -n 20 "$work/err" >&2; }
    cat "$work/err" >>"$work/all-stderr"
}

login alice
check "login exits 0" test "$(cat "$work/code")" = 0
check "login prints the URL line first" grep -q '^Open this URL to sign in: http://127.0.0.1:[0-9]*/auth?' "$work/out"
check "login says who" grep -qx 'Signed in as Alice Operator' "$work/out"
check "login lists the roles" grep -qx 'Roles: viewer, operator, approver' "$work/out"

"$cli" --database "$db" whoami >"$work/out" 2>"$work/err"
code=$?
cat "$work/err" >>"$work/all-stderr"
check "whoami exits 0 (restored from the keychain)" test "$code" = 0
check "whoami says who" grep -qx 'Signed in as Alice Operator' "$work/out"
check "whoami lists the roles" grep -qx 'Roles: viewer, operator, approver' "$work/out"
check "whoami gives the token's expiry" grep -q '^Access token expires: 20[0-9-]*T' "$work/out"

# The refresh token is in the keychain and nowhere else: not in settings, the database or any log.
# QtKeychain's libsecret schema: server = the service, user = the entry, type = base64 (binary data).
stored=$(secret-tool search --all server Stationdeck 2>/dev/null | sed -n 's/^secret = //p' | head -n 1)
refresh=$(printf '%s' "$stored" | base64 -d 2>/dev/null || true)
check "the keychain holds a refresh token" test -n "$refresh"
if [[ -n "$refresh" ]]; then
    check "no token in settings, database or stderr" \
        bash -c '! grep -rqF -- "$1" "$HOME" "$2" --exclude-dir=keyrings 2>/dev/null' _ "$refresh" "$work"
fi

# scrape: an endpoint the profile protects gets the signed-in user's access token (the endpoint
# asks the provider's userinfo whether it is good); an endpoint it does not protect gets none.
here=$(cd "$(dirname "$0")" && pwd)
/usr/bin/python3 "$here/protected_metrics.py" "$issuer" "$here/../data/metrics/node_exporter.text-0.0.4.txt" \
    "$work/protected.port" >"$work/protected.log" 2>&1 </dev/null &
protected_pid=$!
for _ in $(seq 1 100); do
    [[ -s "$work/protected.port" ]] && break
    sleep 0.1
done
port=$(cat "$work/protected.port" 2>/dev/null)
check "the protected endpoint is up" test -n "$port"
config=${XDG_CONFIG_HOME:-$HOME/.config}/Stationdeck/Stationdeck.conf
sed -i -e '/^profiles\\default\\protectedEndpoints=/d' -e "/^\[auth\]\$/a profiles\\\\default\\\\protectedEndpoints=http://127.0.0.1:$port/protected/" "$config"
scrape() {
    "$cli" --database "$db" scrape --interval 1 --timeout 15 "$@" >"$work/out" 2>"$work/err"
    echo $? >"$work/code"
    cat "$work/err" >>"$work/all-stderr"
}
scrape --json "http://127.0.0.1:$port/protected/metrics" "http://127.0.0.1:$port/open/metrics"
check "scrape with a protected endpoint exits 0 (both up)" test "$(cat "$work/code")" = 0
check "the protected endpoint took the token, twice" test "$(grep -c 'protected accepted sub=alice' "$work/protected.log")" = 2
check "the open endpoint never got the token" bash -c '! grep -q LEAKED "$1" && grep -q "open without a token" "$1"' _ "$work/protected.log"
check "scrape reports both endpoints up" test "$(grep -c '"up": true' "$work/out")" = 2
[[ $(cat "$work/code") = 0 ]] || { echo "scrape: $(cat "$work/out" "$work/err")" >&2; grep -n protected "$config" >&2; }

"$cli" --database "$db" logout >"$work/out" 2>"$work/err"
code=$?
check "logout exits 0" test "$code" = 0
check "logout revoked at the provider" grep -q 'revoked' "$work/out"
check "logout offers the end-session page" grep -q '/session/end' "$work/out"

"$cli" --database "$db" whoami >"$work/out" 2>"$work/err"
code=$?
check "whoami after logout exits 2" test "$code" = 2
check "whoami after logout says so" grep -q 'Not signed in' "$work/err"

scrape "http://127.0.0.1:$port/protected/metrics"
check "scrape of a protected endpoint when signed out exits 1" test "$(cat "$work/code")" = 1
check "scrape says the endpoint needs a sign-in" grep -q "^http://127.0.0.1:$port/protected/metrics was not asked: sign in to reach http://127.0.0.1:$port" "$work/err"
check "nothing reached the endpoint without a token" test "$(grep -c 'protected refused' "$work/protected.log")" = 0
kill "$protected_pid" 2>/dev/null
wait "$protected_pid" 2>/dev/null

login alice --deny
check "a refused login exits 2" test "$(cat "$work/code")" = 2
check "a refused login says why" grep -q 'refused the sign-in: access_denied' "$work/err"

"$cli" --database "$db" login --issuer "http://127.0.0.1:1/" --client-id stationdeck --no-browser >"$work/out" 2>"$work/err"
code=$?
check "login to nothing exits 2" test "$code" = 2
check "login to nothing says where" grep -q 'Cannot reach the identity provider at http://127.0.0.1:1/' "$work/err"

"$cli" --database "$db" login --issuer "https://example.test" --client-id "" >"$work/out" 2>"$work/err"
code=$?
check "login without a client id exits 2" test "$code" = 2
check "login without a client id says so" grep -q 'The client id is empty' "$work/err"

"$cli" --database "$db" whoami --profile staging >"$work/out" 2>"$work/err"
code=$?
check "whoami with a profile never used exits 2" test "$code" = 2
check "whoami with a profile never used says what to do" grep -q 'no identity provider is set' "$work/err"

# The audit log has the sign-in, the failures and the sign-out (never a token).
"$cli" --database "$db" --verbose stations >/dev/null 2>&1
check "the audit log recorded sign-in and sign-out" \
    bash -c 'sqlite3 "$1" "select action from audit_log" | sort -u | tr "\n" " " | grep -q "auth.sign-in .*auth.sign-out"' _ "$work/cli.db"

check_summary signin_cli
