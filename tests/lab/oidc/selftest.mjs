// SPDX-License-Identifier: GPL-3.0-or-later
// Self-test of the OIDC lab: plays the native app (Node only) against a running provider.mjs.
//
//   node selftest.mjs ISSUER [--expect-alg RS256|ES256] [--sign-in-only]
//
// Full run: discovery and JWKS; PKCE checks (no challenge, plain, wrong verifier); a loopback
// redirect on an ephemeral port (and localhost refused); sign-in of alice through browser.mjs
// (authorization code + PKCE S256, state, nonce, scope "openid profile email offline_access",
// prompt=consent); the id_token's signature (against /jwks), iss, aud, nonce and claims (roles,
// groups, realm_access.roles in the id_token itself); userinfo; refresh token rotation (the used
// one answers invalid_grant, and reuse revokes the grant); revocation (RFC 7009); bob, carol,
// other-app; --deny, a wrong password, --no-consent; every /__lab/token-mode; key rotation; the
// token request counts of /__lab/stats; RP-initiated logout delivered to the loopback.
// --sign-in-only: discovery, one sign-in of alice and its id_token (for a lab started with other
// options, e.g. --id-token-alg ES256). --expect-alg: the id_token's alg (default RS256).
// Prints one line per check ("ok - ...") and "N passed, N failed"; exit 0 when all passed.
// Never prints codes or tokens.
import { execFile } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as http from 'node:http';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const here = path.dirname(fileURLToPath(import.meta.url));
const { values: opts, positionals } = parseArgs({
    allowPositionals: true,
    options: {
        'expect-alg': { type: 'string', default: 'RS256' },
        'sign-in-only': { type: 'boolean', default: false },
    },
});
if (positionals.length !== 1) {
    process.stderr.write('usage: node selftest.mjs ISSUER [--expect-alg RS256|ES256] [--sign-in-only]\n');
    process.exit(2);
}
const issuer = positionals[0].replace(/\/+$/, '');

let passed = 0;
let failed = 0;
function check(condition, what) {
    if (condition) {
        passed += 1;
        process.stdout.write(`ok - ${what}\n`);
    } else {
        failed += 1;
        process.stdout.write(`FAIL - ${what}\n`);
    }
    return condition;
}
function finish() {
    process.stdout.write(`${passed} passed, ${failed} failed\n`);
    process.exit(failed === 0 ? 0 : 1);
}
process.on('unhandledRejection', (err) => {
    failed += 1;
    process.stdout.write(`FAIL - unexpected: ${err?.stack ?? err}\n`);
    finish();
});

const b64url = (buf) => Buffer.from(buf).toString('base64url');
const decodePart = (part) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
const sameList = (a, b) => Array.isArray(a) && a.length === b.length && a.every((x, i) => x === b[i]);

// ---- the app's loopback listener ------------------------------------------------------------

const hits = [];
const listener = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    if (req.method === 'GET' && (url.pathname === '/callback' || url.pathname === '/logged-out')) {
        hits.push({ path: url.pathname, params: Object.fromEntries(url.searchParams) });
        const body = '<!DOCTYPE html><html><body><p>You can close this window and return to Stationdeck.</p></body></html>\n';
        res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': Buffer.byteLength(body) });
        res.end(body);
        return;
    }
    res.writeHead(404, { 'Content-Type': 'text/plain' });
    res.end('not found\n');
});
await new Promise((resolve) => listener.listen(0, '127.0.0.1', resolve));
const loopback = `http://127.0.0.1:${listener.address().port}`;
const redirectUri = `${loopback}/callback`;

// ---- helpers --------------------------------------------------------------------------------

const expectedTokenRequests = {};
function countToken(grantType) {
    expectedTokenRequests[grantType] = (expectedTokenRequests[grantType] ?? 0) + 1;
}
let expectedRevocations = 0;

async function getJson(url, init = {}) {
    const res = await fetch(url, { ...init, signal: AbortSignal.timeout(15000) });
    const text = await res.text();
    let json;
    try { json = JSON.parse(text); } catch { json = undefined; }
    return { status: res.status, type: res.headers.get('content-type') ?? '', json, text };
}

async function tokenRequest(params, { timeoutMs = 15000 } = {}) {
    countToken(params.grant_type);
    const res = await fetch(discovery.token_endpoint, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(params).toString(),
        signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await res.text();
    let json;
    try { json = JSON.parse(text); } catch { json = undefined; }
    return { status: res.status, type: res.headers.get('content-type') ?? '', json, text };
}

async function lab(pathname, body) {
    const init = body === undefined ? {} : { method: 'POST', body };
    return getJson(`${issuer}/__lab/${pathname}`, init);
}

function runBrowser(url, args = []) {
    return new Promise((resolve) => {
        execFile(process.execPath, [path.join(here, 'browser.mjs'), url, ...args], { timeout: 60000 },
            (err, stdout, stderr) => resolve({ code: err ? (err.code ?? 1) : 0, stdout, stderr }));
    });
}

function pkce() {
    const verifier = b64url(crypto.randomBytes(32));
    const challenge = crypto.createHash('sha256').update(verifier).digest('base64url');
    return { verifier, challenge };
}

function authorizationUrl({ clientId = 'stationdeck', scope, prompt = 'consent', challenge, state, nonce, uri = redirectUri, method = 'S256' }) {
    const url = new URL(discovery.authorization_endpoint);
    const params = {
        response_type: 'code', client_id: clientId, redirect_uri: uri, scope, state, nonce,
    };
    if (prompt) params.prompt = prompt;
    if (challenge) {
        params.code_challenge = challenge;
        params.code_challenge_method = method;
    }
    for (const [k, v] of Object.entries(params)) if (v !== undefined) url.searchParams.set(k, v);
    return url.href;
}

// One sign-in through browser.mjs; returns the callback's parameters and the request's secrets.
async function signIn({ user = 'alice', clientId = 'stationdeck', scope = 'openid profile email offline_access', prompt = 'consent', browserArgs = [] } = {}) {
    const { verifier, challenge } = pkce();
    const state = b64url(crypto.randomBytes(16));
    const nonce = b64url(crypto.randomBytes(16));
    const before = hits.length;
    const url = authorizationUrl({ clientId, scope, prompt, challenge, state, nonce });
    const browser = await runBrowser(url, ['--user', user, ...browserArgs]);
    const hit = hits.length > before ? hits[hits.length - 1] : undefined;
    return { browser, hit, verifier, state, nonce, clientId };
}

async function exchange(result) {
    return tokenRequest({
        grant_type: 'authorization_code',
        code: result.hit.params.code,
        redirect_uri: redirectUri,
        client_id: result.clientId,
        code_verifier: result.verifier,
    });
}

const refresh = (refreshToken, clientId = 'stationdeck') => tokenRequest({
    grant_type: 'refresh_token', refresh_token: refreshToken, client_id: clientId,
});

async function revoke(token, hint) {
    expectedRevocations += 1;
    const res = await fetch(discovery.revocation_endpoint, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ token, token_type_hint: hint, client_id: 'stationdeck' }).toString(),
        signal: AbortSignal.timeout(15000),
    });
    await res.arrayBuffer();
    return res.status;
}

async function jwks() {
    return (await getJson(discovery.jwks_uri)).json.keys;
}

// Verifies a compact JWS against the published keys; returns { header, payload } or undefined.
async function verifyJwt(token) {
    if (typeof token !== 'string' || token.split('.').length !== 3) return { header: {}, payload: {}, valid: false };
    const [h, p, s] = token.split('.');
    const header = decodePart(h);
    const jwk = (await jwks()).find((k) => k.kid === header.kid);
    if (!jwk) return { header, payload: decodePart(p), valid: false, why: 'kid not in /jwks' };
    const key = crypto.createPublicKey({ key: jwk, format: 'jwk' });
    const data = Buffer.from(`${h}.${p}`);
    const sig = Buffer.from(s, 'base64url');
    let valid;
    if (header.alg === 'RS256') valid = crypto.verify('sha256', data, key, sig);
    else if (header.alg === 'ES256') valid = crypto.verify('sha256', data, { key, dsaEncoding: 'ieee-p1363' }, sig);
    else valid = false;
    return { header, payload: decodePart(p), valid };
}

// Checks one successful sign-in of `user` and its code exchange; returns the token response.
async function checkSignIn(result, { user = 'alice', clientId = 'stationdeck', wantRefresh = true } = {}) {
    const { browser, hit } = result;
    check(browser.code === 0 && browser.stdout.trim() === 'delivered 200',
        `${user} (${clientId}): browser.mjs delivered the redirect (exit ${browser.code}${browser.stderr ? `; ${browser.stderr.trim()}` : ''})`);
    if (!check(hit?.path === '/callback' && typeof hit.params.code === 'string', `${user}: the loopback listener on an ephemeral port got a code`)) return undefined;
    check(hit.params.state === result.state, `${user}: the state came back`);
    check(hit.params.iss === issuer, `${user}: the iss parameter (RFC 9207) is the issuer`);
    const tokens = await exchange(result);
    if (!check(tokens.status === 200 && tokens.json?.access_token && tokens.json?.id_token,
        `${user}: the code exchange answered 200 with an access token and an id_token (${tokens.status} ${tokens.json?.error ?? ''})`)) return undefined;
    check(tokens.json.token_type === 'Bearer' && Number.isInteger(tokens.json.expires_in), `${user}: token_type Bearer, expires_in ${tokens.json.expires_in}`);
    check(Boolean(tokens.json.refresh_token) === wantRefresh, `${user}: ${wantRefresh ? 'a refresh token was issued' : 'no refresh token without offline_access'}`);
    const id = await verifyJwt(tokens.json.id_token);
    check(id.valid, `${user}: the id_token's ${id.header.alg} signature verifies against /jwks (kid ${id.header.kid})`);
    check(id.header.alg === opts['expect-alg'], `${user}: the id_token is ${opts['expect-alg']}`);
    check(id.payload.iss === issuer, `${user}: id_token iss`);
    check(id.payload.aud === clientId, `${user}: id_token aud is ${clientId}`);
    check(id.payload.nonce === result.nonce, `${user}: id_token nonce`);
    check(id.payload.sub === user, `${user}: id_token sub`);
    check(id.payload.exp > id.payload.iat, `${user}: id_token lives ${id.payload.exp - id.payload.iat} s`);
    return { tokens: tokens.json, id: id.payload };
}

// ---- discovery ------------------------------------------------------------------------------

const disc = await getJson(`${issuer}/.well-known/openid-configuration`);
const discovery = disc.json;
check(disc.status === 200 && discovery?.issuer === issuer, `discovery answers with issuer ${issuer}`);
for (const key of ['authorization_endpoint', 'token_endpoint', 'userinfo_endpoint', 'jwks_uri', 'revocation_endpoint', 'end_session_endpoint']) {
    check(typeof discovery[key] === 'string' && discovery[key].startsWith(`${issuer}/`), `discovery advertises ${key}`);
}
check(sameList(discovery.code_challenge_methods_supported, ['S256']), 'PKCE: S256 only');
check(discovery.scopes_supported.includes('offline_access'), 'offline_access is a supported scope');
check(['RS256', 'ES256'].every((a) => discovery.id_token_signing_alg_values_supported.includes(a)), 'id_token algs RS256 and ES256 advertised');
const firstKeys = await jwks();
check(firstKeys.some((k) => k.kty === 'RSA' && k.alg === 'RS256') && firstKeys.some((k) => k.kty === 'EC' && k.crv === 'P-256'), 'JWKS has an RSA and a P-256 key');
check(firstKeys.every((k) => !('d' in k)), 'JWKS publishes no private parts');

if (opts['sign-in-only']) {
    const r = await signIn();
    const ok = await checkSignIn(r);
    if (ok) check(sameList(ok.id.roles, ['stationdeck-operator', 'stationdeck-approver']), 'alice: roles in the id_token');
    listener.close();
    finish();
}

// ---- PKCE and redirect URI rules (no browser needed) -----------------------------------------

await lab('stats/reset', '');
{
    const res = await fetch(authorizationUrl({ scope: 'openid', state: 's', nonce: 'n' }), { redirect: 'manual' });
    const to = new URL(res.headers.get('location') ?? 'http://x/');
    check(res.status === 303 && to.origin === loopback && to.searchParams.get('error') === 'invalid_request',
        'PKCE required: no code_challenge is refused with invalid_request, redirected to the app');
    const plain = await fetch(authorizationUrl({ scope: 'openid', state: 's', nonce: 'n', challenge: 'x'.repeat(43), method: 'plain' }), { redirect: 'manual' });
    const plainTo = new URL(plain.headers.get('location') ?? 'http://x/');
    check(plainTo.searchParams.get('error') === 'invalid_request', 'PKCE method plain is refused');
    const local = await fetch(authorizationUrl({ scope: 'openid', state: 's', nonce: 'n', challenge: pkce().challenge, uri: 'http://localhost:1234/callback' }), { redirect: 'manual' });
    check(local.status === 400, 'redirect_uri http://localhost:PORT/callback is refused (only 127.0.0.1 is registered)');
    const otherPath = await fetch(authorizationUrl({ scope: 'openid', state: 's', nonce: 'n', challenge: pkce().challenge, uri: `${loopback}/other` }), { redirect: 'manual' });
    check(otherPath.status === 400, 'redirect_uri with another path is refused');
}

// ---- alice: sign-in, claims, userinfo, rotation ----------------------------------------------

const alice = await signIn();
const aliceTokens = await checkSignIn(alice);
if (!aliceTokens) finish();
{
    const { id, tokens } = aliceTokens;
    check(sameList(id.roles, ['stationdeck-operator', 'stationdeck-approver']), 'alice: roles in the id_token');
    check(sameList(id.groups, ['stationdeck-operator', 'stationdeck-approver']), 'alice: groups in the id_token');
    check(sameList(id.realm_access?.roles, ['stationdeck-operator', 'stationdeck-approver']), 'alice: realm_access.roles in the id_token');
    check(id.name === 'Alice Operator' && id.email === 'alice@example.test', 'alice: name and email in the id_token');
    check(tokens.scope.split(' ').includes('offline_access'), 'alice: offline_access was granted');

    const info = await getJson(discovery.userinfo_endpoint, { headers: { Authorization: `Bearer ${tokens.access_token}` } });
    check(info.status === 200 && info.json.sub === 'alice' && sameList(info.json.roles, id.roles) && info.json.email === 'alice@example.test', 'userinfo answers alice with roles and email');

    const r1 = await refresh(tokens.refresh_token);
    check(r1.status === 200 && r1.json.refresh_token && r1.json.refresh_token !== tokens.refresh_token && r1.json.id_token && r1.json.access_token,
        'refresh answers a new refresh token, access token and id_token (rotation)');
    const rid = await verifyJwt(r1.json.id_token);
    check(rid.valid && sameList(rid.payload.roles, id.roles), 'the refreshed id_token verifies and carries roles');
    const reuse = await refresh(tokens.refresh_token);
    check(reuse.status === 400 && reuse.json?.error === 'invalid_grant', 'the old refresh token answers invalid_grant');
    const after = await refresh(r1.json.refresh_token);
    check(after.status === 400 && after.json?.error === 'invalid_grant', 'reuse of a rotated refresh token revoked the grant: the new one answers invalid_grant too');
}

// ---- revocation ------------------------------------------------------------------------------

{
    const r = await signIn();
    const t = await checkSignIn(r);
    if (t) {
        const r1 = await refresh(t.tokens.refresh_token);
        check(r1.status === 200, 'second sign-in: refresh works');
        check(await revoke(r1.json.refresh_token, 'refresh_token') === 200, 'revocation of the refresh token answers 200');
        const dead = await refresh(r1.json.refresh_token);
        check(dead.status === 400 && dead.json?.error === 'invalid_grant', 'a revoked refresh token answers invalid_grant');
        const info = await getJson(discovery.userinfo_endpoint, { headers: { Authorization: `Bearer ${r1.json.access_token}` } });
        check(info.status === 401, 'revoking the refresh token revoked the grant: its access token is refused by userinfo (401)');
        check(await revoke('not-a-token', 'refresh_token') === 200, 'revoking an unknown token answers 200 (RFC 7009)');
        const wrongVerifier = await signIn({ scope: 'openid' });
        check(wrongVerifier.browser.code === 0 && wrongVerifier.hit?.params.code, 'a sign-in without offline_access');
        wrongVerifier.verifier = pkce().verifier;
        const bad = await exchange(wrongVerifier);
        check(bad.status === 400 && bad.json?.error === 'invalid_grant', 'a wrong code_verifier answers invalid_grant');
    }
}

// ---- other users and clients -------------------------------------------------------------------

{
    const bob = await checkSignIn(await signIn({ user: 'bob' }), { user: 'bob' });
    check(bob && sameList(bob.id.roles, ['stationdeck-viewer']) && bob.id.groups === undefined && bob.id.name === 'Bob Viewer', 'bob: roles [stationdeck-viewer], no groups');
    const carolSignIn = await signIn({ user: 'carol', scope: 'openid profile', prompt: undefined });
    const carol = await checkSignIn(carolSignIn, { user: 'carol', wantRefresh: false });
    check(carol && !('roles' in carol.id) && !('email' in carol.id) && carol.id.name === 'Carol Newcomer', 'carol: no roles claim; no email without the email scope');
    if (carol) {
        const reused = await exchange(carolSignIn);
        check(reused.status === 400 && reused.json?.error === 'invalid_grant', 'carol: the code cannot be used twice (invalid_grant)');
        const info = await getJson(discovery.userinfo_endpoint, { headers: { Authorization: `Bearer ${carol.tokens.access_token}` } });
        check(info.status === 401, 'carol: reusing the code revoked the access token it had given (userinfo 401)');
    }
    const other = await checkSignIn(await signIn({ clientId: 'other-app' }), { clientId: 'other-app' });
    check(other && other.id.aud === 'other-app', 'other-app: an id_token for another audience');
}

// ---- the browser's other paths ---------------------------------------------------------------

{
    const denied = await signIn({ browserArgs: ['--deny'] });
    check(denied.browser.code === 0 && denied.browser.stdout.trim() === 'delivered 200', '--deny: browser.mjs delivered the redirect');
    check(denied.hit?.params.error === 'access_denied' && denied.hit.params.state === denied.state && !denied.hit.params.code, '--deny: the app got error=access_denied with its state');

    const before = hits.length;
    const wrong = await runBrowser(authorizationUrl({ scope: 'openid', challenge: pkce().challenge, state: 's', nonce: 'n' }), ['--user', 'alice', '--password', 'wrong']);
    check(wrong.code !== 0 && /refused the sign-in/.test(wrong.stderr) && hits.length === before, `a wrong password: browser.mjs exits ${wrong.code} with "${wrong.stderr.trim()}"`);
    const nobody = await runBrowser(authorizationUrl({ scope: 'openid', challenge: pkce().challenge, state: 's', nonce: 'n' }), ['--user', 'mallory']);
    check(nobody.code !== 0 && hits.length === before, 'an unknown user is refused');
    const walkAway = await runBrowser(authorizationUrl({ scope: 'openid', challenge: pkce().challenge, state: 's', nonce: 'n' }), ['--no-consent']);
    check(walkAway.code === 0 && walkAway.stdout.trim() === 'abandoned at consent' && hits.length === before, '--no-consent: abandoned at the consent page, nothing delivered');
    const noListener = await runBrowser(authorizationUrl({ scope: 'openid', challenge: pkce().challenge, state: 's', nonce: 'n', uri: 'http://127.0.0.1:9/callback' }), []);
    check(noListener.code !== 0 && /delivering the redirect/.test(noListener.stderr), 'no app listening: browser.mjs exits nonzero');
    const leaks = [wrong, nobody, walkAway, noListener, denied.browser].some((b) => /code=|token|Cookie/i.test(b.stdout + b.stderr));
    check(!leaks, 'browser.mjs printed no code, token or cookie');
}

// ---- token endpoint failure modes ------------------------------------------------------------

let liveRefresh;
{
    const r = await signIn();
    const t = await checkSignIn(r);
    liveRefresh = t?.tokens.refresh_token;
    const garbage = { grant_type: 'refresh_token', refresh_token: 'garbage', client_id: 'stationdeck' };

    check((await lab('token-mode', 'bogus')).status === 400, 'token-mode: an unknown mode answers 400');

    check((await lab('token-mode', 'html')).status === 200, 'token-mode html set');
    const html = await tokenRequest(garbage);
    check(html.status === 200 && html.type.startsWith('text/html'), 'token-mode html: 200 with an HTML page');

    await lab('token-mode', '500');
    const five = await tokenRequest(garbage);
    check(five.status === 500 && five.type.startsWith('text/plain'), 'token-mode 500: 500 with a short text');

    await lab('token-mode', 'drop');
    let dropErr;
    try { await tokenRequest(garbage); } catch (err) { dropErr = err; }
    check(dropErr && dropErr.name !== 'TimeoutError', `token-mode drop: the connection closed without an answer (${dropErr?.cause?.code ?? dropErr?.message})`);

    await lab('token-mode', 'hang');
    let hangErr;
    const t0 = Date.now();
    try { await tokenRequest(garbage, { timeoutMs: 1500 }); } catch (err) { hangErr = err; }
    check(hangErr?.name === 'TimeoutError' && Date.now() - t0 >= 1400, 'token-mode hang: no answer (the client timed out after 1.5 s)');

    await lab('token-mode', 'tamper-id-token');
    const tampered = await refresh(liveRefresh);
    if (check(tampered.status === 200 && tampered.json?.id_token, 'token-mode tamper-id-token: the real answer passed through')) {
        const v = await verifyJwt(tampered.json.id_token);
        check(!v.valid && v.payload.sub === 'alice' && v.header.kid, 'token-mode tamper-id-token: the id_token parses but its signature does not verify');
        liveRefresh = tampered.json.refresh_token;
    }

    await lab('token-mode', '500 1');
    const once = await tokenRequest(garbage);
    const then = await tokenRequest(garbage);
    check(once.status === 500 && then.status === 400 && then.json?.error === 'invalid_grant', 'token-mode "500 1": one failure, then normal again');

    check((await lab('token-mode', 'normal')).status === 200, 'token-mode normal');
    const normal = await refresh(liveRefresh);
    check(normal.status === 200 && (await verifyJwt(normal.json.id_token)).valid, 'token-mode normal: a refresh works and its id_token verifies');
    liveRefresh = normal.json?.refresh_token;
}

// ---- key rotation ----------------------------------------------------------------------------

{
    const before = await jwks();
    const oldRsa = before.find((k) => k.kty === 'RSA').kid;
    const ec = before.find((k) => k.kty === 'EC').kid;
    const rot = await lab('rotate-keys', '');
    check(rot.status === 200 && rot.json.kids.length === 2, 'rotate-keys answers the published kids');
    const after = await jwks();
    const newRsa = after.find((k) => k.kty === 'RSA')?.kid;
    check(newRsa && newRsa !== oldRsa && !after.some((k) => k.kid === oldRsa), 'rotate-keys: a new RSA kid, the old one is gone from /jwks');
    check(after.some((k) => k.kid === ec), 'rotate-keys: the ES256 key stays');
    const r = await refresh(liveRefresh);
    const v = r.status === 200 ? await verifyJwt(r.json.id_token) : undefined;
    check(v?.valid && v.header.kid === newRsa, 'after rotation: the session survives, a refresh works and the id_token is signed with the new kid');

    // RP-initiated logout, delivered to the loopback.
    const url = new URL(discovery.end_session_endpoint);
    url.searchParams.set('id_token_hint', r.json.id_token);
    url.searchParams.set('post_logout_redirect_uri', `${loopback}/logged-out`);
    url.searchParams.set('state', 'bye');
    const n = hits.length;
    const out = await runBrowser(url.href);
    check(out.code === 0 && out.stdout.trim() === 'delivered 200' && hits[n]?.path === '/logged-out' && hits[n].params.state === 'bye',
        `end_session: the logout was confirmed and the browser came back to the app's /logged-out (exit ${out.code}${out.stderr ? `; ${out.stderr.trim()}` : ''})`);
}

// ---- counts --------------------------------------------------------------------------------

{
    const stats = (await lab('stats')).json;
    const want = Object.fromEntries(Object.entries(expectedTokenRequests).filter(([, v]) => v > 0));
    const total = Object.values(want).reduce((a, b) => a + b, 0);
    check(JSON.stringify(Object.entries(stats.token_requests).sort()) === JSON.stringify(Object.entries(want).sort()) && stats.token_requests_total === total,
        `stats: token requests by grant_type ${JSON.stringify(stats.token_requests)} match what this test sent`);
    check(stats.revocations === expectedRevocations, `stats: ${stats.revocations} revocations`);
    check(stats.token_mode === 'normal', 'stats: token_mode normal');
}

listener.close();
finish();
