// SPDX-License-Identifier: GPL-3.0-or-later
// A real OpenID Connect provider (npm oidc-provider v9) on loopback, for Stationdeck's sign-in tests.
//
//   node provider.mjs [--port N] [--issuer-file PATH] [--access-ttl SECONDS] [--id-token-alg RS256|ES256]
//
// Listens on 127.0.0.1 (port 0 = chosen by the OS, the default). Once listening it prints the issuer
// `http://127.0.0.1:PORT` (no trailing slash) as the only line on stdout and, with --issuer-file,
// writes the same line to PATH (atomically: a temporary file renamed). Everything else (a minimal
// request log "METHOD /path STATUS ms", oidc-provider's notices) goes to stderr; tokens, codes,
// cookies and query strings are never logged. SIGTERM/SIGINT stop it.
// oidc-provider v9 states Node.js 22 as its minimum and warns "Unsupported runtime" on Node.js 20;
// the lab works on 20.18+ (it needs crypto.hash and URL.parse) and is tested there (selftest.mjs).
// Its one-time warning "already parsed request body detected" is expected: the lab reads the token
// endpoint's body first (to count grant types) and hands it on as req.body.
// State (sessions, grants, tokens) lives in memory, in one store for the whole process.
//
// Endpoints: everything oidc-provider advertises in /.well-known/openid-configuration —
// authorization /auth, token /token, userinfo /me, jwks /jwks, revocation /token/revocation
// (RFC 7009), end_session /session/end (RP-initiated logout). Discovery is always on.
//
// Clients (both public native clients: token_endpoint_auth_method none, application_type native,
// grant types authorization_code + refresh_token, response type code, PKCE required, S256 only):
//   stationdeck   redirect_uris http://127.0.0.1/callback, post_logout_redirect_uris
//                 http://127.0.0.1/logged-out
//   other-app     the same, for tokens of a wrong audience
// oidc-provider v9 compares loopback redirect URIs of native clients without the port (RFC 8252
// §7.3, built in: models/client.js), so http://127.0.0.1:<any port>/callback is accepted; the path
// must match exactly. localhost and [::1] are different hosts and are refused.
//
// Tokens: access token and id_token live --access-ttl seconds (default 300); refresh tokens one
// day; authorization codes 60 s. A refresh token is issued only when the scope offline_access was
// requested with prompt=consent (oidc-provider drops offline_access otherwise) and the consent page
// was accepted (it grants every requested scope, offline_access included). Refresh token rotation is
// on: each refresh answers a new refresh token and the one used is consumed; presenting a consumed
// one answers invalid_grant AND revokes the whole grant (every token of that sign-in) — oidc-provider's
// reuse detection, so concurrent refreshes with one refresh token lose the session.
//
// Signing keys: one RSA 2048 key (RS256) and one P-256 key (ES256), generated at startup with
// node:crypto; both are in /jwks. id_tokens are RS256 unless --id-token-alg ES256.
//
// Accounts (the password is the user name; anything else, or an unknown user, re-shows the form
// with "Wrong user name or password."):
//   alice  name "Alice Operator", email alice@example.test,
//          roles ["stationdeck-operator","stationdeck-approver"], the same list under groups
//          and under realm_access.roles
//   bob    name "Bob Viewer", email bob@example.test, roles ["stationdeck-viewer"]
//   carol  name "Carol Newcomer", email carol@example.test, no roles claim at all
// Claims by scope: openid -> sub, roles, groups, realm_access; profile -> name; email -> email.
// conformIdTokenClaims is false, so the id_token carries every claim of the granted scopes (not
// only sub), as userinfo does.
//
// Sign-in pages (plain HTML forms, no JavaScript), under /interaction/UID:
//   login:   <form id="login" method="post" action="/interaction/UID/login"> fields login, password
//   consent: <form id="consent" method="post" action="/interaction/UID/confirm">
//   both:    <form id="abort" method="post" action="/interaction/UID/abort"> — the user declines;
//            the provider redirects to the client with error=access_denied
// The logout confirmation (GET /session/end) has <form id="op.logoutForm"> (submit it with
// logout=yes). browser.mjs drives all of these.
//
// Lab control API (same server, handled before oidc-provider; no authentication — loopback only):
//   POST /__lab/token-mode   body "MODE" or "MODE N". MODE is one of
//        normal           the token endpoint works
//        html             the token endpoint answers 200 with an HTML page
//        500              it answers 500 with a short text
//        drop             it destroys the connection without answering (a network failure)
//        hang             it never answers (the connection stays open until the client gives up)
//        tamper-id-token  the real answer passes through, with one character of the id_token's
//                         signature changed (the token no longer verifies; nothing else changes)
//        With N, the mode applies to the next N token requests and then returns to normal;
//        without N it stays until changed. Answers 200 "MODE" (400 for an unknown mode).
//        Only the token endpoint (/token) is affected; revocation and the rest work normally.
//   POST /__lab/rotate-keys  replaces the RSA signing key with a new one (new kid): the old kid
//        DISAPPEARS from /jwks at once (replace, not add) and everything signed with RS256 from now on
//        uses the new key. The ES256 key is kept. Sessions, grants and tokens stay valid. Answers
//        JSON {"kids": [...]} (the kids now published).
//   GET  /__lab/stats        JSON {"token_requests": {"authorization_code": n, "refresh_token": n, ...},
//        "token_requests_total": n, "revocations": n, "token_mode": "normal", "kids": [...]}; every
//        POST to /token counts (whatever the mode and the answer), by the grant_type in its body;
//        revocations counts POSTs to /token/revocation.
//   POST /__lab/stats/reset  sets the counts back to zero.
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import { parseArgs } from 'node:util';

import Provider from 'oidc-provider';

// oidc-provider prints its notices with console.info, which is stdout: keep stdout for the issuer.
console.info = (...args) => console.error(...args);

function fail(message) {
    process.stderr.write(`provider.mjs: ${message}\n`);
    process.exit(2);
}

let args;
try {
    ({ values: args } = parseArgs({
        options: {
            port: { type: 'string', default: '0' },
            'issuer-file': { type: 'string' },
            'access-ttl': { type: 'string', default: '300' },
            'id-token-alg': { type: 'string', default: 'RS256' },
        },
        strict: true,
    }));
} catch (err) {
    fail(`${err.message}\nusage: node provider.mjs [--port N] [--issuer-file PATH] [--access-ttl SECONDS] [--id-token-alg RS256|ES256]`);
}
const port = Number(args.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port must be 0..65535, not ${args.port}`);
const accessTtl = Number(args['access-ttl']);
if (!Number.isInteger(accessTtl) || accessTtl < 1) fail(`--access-ttl must be a whole number of seconds >= 1, not ${args['access-ttl']}`);
const idTokenAlg = args['id-token-alg'];
if (!['RS256', 'ES256'].includes(idTokenAlg)) fail(`--id-token-alg must be RS256 or ES256, not ${idTokenAlg}`);

// ---- accounts -------------------------------------------------------------------------------

const ACCOUNTS = {
    alice: {
        name: 'Alice Operator',
        email: 'alice@example.test',
        roles: ['stationdeck-operator', 'stationdeck-approver'],
        groups: ['stationdeck-operator', 'stationdeck-approver'],
        realm_access: { roles: ['stationdeck-operator', 'stationdeck-approver'] },
    },
    bob: { name: 'Bob Viewer', email: 'bob@example.test', roles: ['stationdeck-viewer'] },
    carol: { name: 'Carol Newcomer', email: 'carol@example.test' },
};

async function findAccount(_ctx, sub) {
    const data = ACCOUNTS[sub];
    if (!data) return undefined;
    return {
        accountId: sub,
        // oidc-provider filters these by the granted scopes and the claims configuration below.
        async claims() {
            return { sub, ...structuredClone(data) };
        },
    };
}

// ---- keys -----------------------------------------------------------------------------------

function newJwk(kind) {
    const { privateKey } = kind === 'RSA'
        ? crypto.generateKeyPairSync('rsa', { modulusLength: 2048 })
        : crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const jwk = privateKey.export({ format: 'jwk' });
    const alg = kind === 'RSA' ? 'RS256' : 'ES256';
    const kid = `${alg.toLowerCase()}-${crypto.randomBytes(6).toString('hex')}`;
    return { ...jwk, kid, alg, use: 'sig' };
}

let rsaKey = newJwk('RSA');
const ecKey = newJwk('EC');
const cookieKeys = [crypto.randomBytes(32).toString('base64url')];

// ---- storage ----------------------------------------------------------------------------------

// One in-memory store for the whole process, shared by every Provider instance (rotate-keys builds
// a new one), so sessions, grants and tokens survive a key rotation. Entries expire on read.
const store = new Map(); // `${model}:${id}` -> { payload, expiresAt }
const grantMembers = new Map(); // grantId -> Set of store keys
const byUid = new Map(); // session uid -> session id
const byUserCode = new Map(); // user code -> id

function live(key) {
    const entry = store.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= Date.now()) {
        store.delete(key);
        return undefined;
    }
    return entry.payload;
}

setInterval(() => {
    const now = Date.now();
    for (const [key, entry] of store) if (entry.expiresAt <= now) store.delete(key);
    for (const [grantId, keys] of grantMembers) {
        for (const key of keys) if (!store.has(key)) keys.delete(key);
        if (keys.size === 0) grantMembers.delete(grantId);
    }
    for (const [uid, id] of byUid) if (!store.has(`Session:${id}`)) byUid.delete(uid);
    for (const [code, id] of byUserCode) if (![...store.keys()].some((k) => k.endsWith(`:${id}`))) byUserCode.delete(code);
}, 60 * 1000).unref();

class LabAdapter {
    constructor(model) {
        this.model = model;
    }

    key(id) {
        return `${this.model}:${id}`;
    }

    async upsert(id, payload, expiresIn) {
        const key = this.key(id);
        const expiresAt = typeof expiresIn === 'number' ? Date.now() + expiresIn * 1000 : Infinity;
        store.set(key, { payload, expiresAt });
        if (this.model === 'Session' && payload.uid) byUid.set(payload.uid, id);
        if (payload.userCode) byUserCode.set(payload.userCode, id);
        if (payload.grantId) {
            if (!grantMembers.has(payload.grantId)) grantMembers.set(payload.grantId, new Set());
            grantMembers.get(payload.grantId).add(key);
        }
    }

    async find(id) {
        return id === undefined ? undefined : live(this.key(id));
    }

    async findByUid(uid) {
        return this.find(byUid.get(uid));
    }

    async findByUserCode(userCode) {
        return this.find(byUserCode.get(userCode));
    }

    async consume(id) {
        const payload = live(this.key(id));
        if (payload) payload.consumed = Math.floor(Date.now() / 1000);
    }

    async destroy(id) {
        store.delete(this.key(id));
    }

    async revokeByGrantId(grantId) {
        for (const key of grantMembers.get(grantId) ?? []) store.delete(key);
        grantMembers.delete(grantId);
    }
}

// ---- pages ----------------------------------------------------------------------------------

const esc = (value) => String(value).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(title, body) {
    return `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>${esc(title)}</title>
<style>body{font-family:sans-serif;max-width:28em;margin:2em auto}label{display:block;margin:.5em 0}</style>
</head>
<body>
<h1>${esc(title)}</h1>
${body}
</body>
</html>
`;
}

function loginPage(uid, clientId, error) {
    return page('Sign in to the Stationdeck lab', `
<p>Client: <code>${esc(clientId)}</code>. Users: alice, bob, carol; the password is the user name.</p>
${error ? `<p id="error" role="alert">${esc(error)}</p>` : ''}
<form id="login" method="post" action="/interaction/${esc(uid)}/login">
<label>User <input type="text" name="login" value="" autofocus required></label>
<label>Password <input type="password" name="password" value="" required></label>
<button type="submit">Sign in</button>
</form>
<form id="abort" method="post" action="/interaction/${esc(uid)}/abort">
<button type="submit">Cancel</button>
</form>`);
}

function consentPage(uid, clientId, accountId, scopes) {
    return page('Allow access?', `
<p><code>${esc(clientId)}</code> asks for access as <strong>${esc(accountId)}</strong> with the scopes:</p>
<ul id="scopes">${scopes.map((s) => `<li>${esc(s)}</li>`).join('')}</ul>
<form id="consent" method="post" action="/interaction/${esc(uid)}/confirm">
<input type="hidden" name="decision" value="allow">
<button type="submit">Allow</button>
</form>
<form id="abort" method="post" action="/interaction/${esc(uid)}/abort">
<button type="submit">Deny</button>
</form>`);
}

// ---- oidc-provider --------------------------------------------------------------------------

const clientShape = {
    token_endpoint_auth_method: 'none',
    application_type: 'native',
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    redirect_uris: ['http://127.0.0.1/callback'],
    post_logout_redirect_uris: ['http://127.0.0.1/logged-out'],
    id_token_signed_response_alg: idTokenAlg,
};

function configuration() {
    return {
        clients: [
            { client_id: 'stationdeck', client_name: 'Stationdeck', ...clientShape },
            { client_id: 'other-app', client_name: 'Other App', ...clientShape },
        ],
        jwks: { keys: [rsaKey, ecKey] },
        cookies: { keys: cookieKeys },
        adapter: LabAdapter,
        findAccount,
        scopes: ['openid', 'offline_access', 'profile', 'email'],
        claims: {
            openid: ['sub', 'roles', 'groups', 'realm_access'],
            profile: ['name'],
            email: ['email'],
        },
        // Put the granted scopes' claims in the id_token too, not only in userinfo.
        conformIdTokenClaims: false,
        pkce: { required: () => true },
        rotateRefreshToken: true,
        ttl: {
            AccessToken: accessTtl,
            IdToken: accessTtl,
            RefreshToken: 24 * 60 * 60,
            AuthorizationCode: 60,
            Interaction: 60 * 60,
            Session: 24 * 60 * 60,
            Grant: 24 * 60 * 60,
        },
        features: {
            devInteractions: { enabled: false },
            revocation: {
                enabled: true,
                // oidc-provider's own rule, stated: a public client revokes only its own tokens.
                allowedPolicy: async (_ctx, client, token) => token.clientId === client.clientId,
            },
            rpInitiatedLogout: {
                enabled: true,
                async logoutSource(ctx, form) {
                    ctx.body = page('Sign out?', `${form}
<button type="submit" form="op.logoutForm" value="yes" name="logout">Yes, sign me out</button>
<button type="submit" form="op.logoutForm">No, stay signed in</button>`);
                },
                async postLogoutSuccessSource(ctx) {
                    ctx.body = page('Signed out', '<p>You are signed out.</p>');
                },
            },
            userinfo: { enabled: true },
        },
        interactions: {
            url: (_ctx, interaction) => `/interaction/${interaction.uid}`,
        },
        clientBasedCORS: () => false,
        async renderError(ctx, out) {
            ctx.type = 'html';
            ctx.body = page('Sign-in error', `<p id="error">${esc(out.error)}: ${esc(out.error_description ?? '')}</p>`);
        },
    };
}

let issuer; // set once listening
let provider;
let providerHandler;

function buildProvider() {
    provider = new Provider(issuer, configuration());
    provider.on('server_error', (_ctx, err) => process.stderr.write(`provider.mjs: server_error: ${err.message}\n`));
    providerHandler = provider.callback();
}

// ---- the lab control API ----------------------------------------------------------------------

const MODES = new Set(['normal', 'html', '500', 'drop', 'hang', 'tamper-id-token']);
let tokenMode = 'normal';
let tokenModeLeft = Infinity; // token requests left before returning to normal
let stats = { token_requests: {}, token_requests_total: 0, revocations: 0 };
const hanging = new Set();

function publishedKids() {
    return [rsaKey.kid, ecKey.kid];
}

function readBody(req, limit = 64 * 1024) {
    return new Promise((resolve, reject) => {
        const chunks = [];
        let size = 0;
        req.on('data', (chunk) => {
            size += chunk.length;
            if (size > limit) {
                reject(new Error('request body too large'));
                req.destroy();
                return;
            }
            chunks.push(chunk);
        });
        req.on('end', () => resolve(Buffer.concat(chunks)));
        req.on('error', reject);
    });
}

function send(res, status, type, body, extraHeaders = {}) {
    const buf = Buffer.from(body);
    res.writeHead(status, {
        'Content-Type': type,
        'Content-Length': buf.length,
        'Cache-Control': 'no-store',
        ...extraHeaders,
    });
    res.end(buf);
}

const sendJson = (res, status, value) => send(res, status, 'application/json', `${JSON.stringify(value)}\n`);
const sendText = (res, status, text) => send(res, status, 'text/plain; charset=utf-8', `${text}\n`);
const sendHtml = (res, status, html) => send(res, status, 'text/html; charset=utf-8', html);

async function handleLab(req, res, pathname) {
    if (pathname === '/__lab/token-mode' && req.method === 'POST') {
        const words = (await readBody(req)).toString('utf8').trim().split(/\s+/);
        const [mode, count] = words;
        const n = count === undefined ? Infinity : Number(count);
        if (!MODES.has(mode) || words.length > 2 || !(n === Infinity || (Number.isInteger(n) && n > 0))) {
            sendText(res, 400, `unknown token mode; use one of: ${[...MODES].join(', ')} (optionally followed by a count)`);
            return;
        }
        tokenMode = mode;
        tokenModeLeft = mode === 'normal' ? Infinity : n;
        sendText(res, 200, mode);
        return;
    }
    if (pathname === '/__lab/rotate-keys' && req.method === 'POST') {
        await readBody(req);
        rsaKey = newJwk('RSA');
        buildProvider();
        sendJson(res, 200, { kids: publishedKids() });
        return;
    }
    if (pathname === '/__lab/stats' && req.method === 'GET') {
        sendJson(res, 200, { ...stats, token_mode: tokenMode, kids: publishedKids() });
        return;
    }
    if (pathname === '/__lab/stats/reset' && req.method === 'POST') {
        await readBody(req);
        stats = { token_requests: {}, token_requests_total: 0, revocations: 0 };
        sendJson(res, 200, stats);
        return;
    }
    sendText(res, 404, 'no such lab endpoint');
}

// ---- the token endpoint, with its failure modes ----------------------------------------------

function tamperIdToken(res) {
    // Collect what oidc-provider writes, change the id_token's signature, then send it on.
    // One base64url character inside the signature changes to another: the same length, other bytes.
    const chunks = [];
    const write = res.write.bind(res);
    const end = res.end.bind(res);
    res.write = (chunk, encoding, cb) => {
        chunks.push(Buffer.from(chunk, typeof encoding === 'string' ? encoding : undefined));
        if (typeof encoding === 'function') encoding();
        else if (typeof cb === 'function') cb();
        return true;
    };
    res.end = (chunk, encoding, cb) => {
        if (chunk && typeof chunk !== 'function') chunks.push(Buffer.from(chunk, typeof encoding === 'string' ? encoding : undefined));
        let body = Buffer.concat(chunks);
        try {
            const json = JSON.parse(body.toString('utf8'));
            if (typeof json.id_token === 'string') {
                const parts = json.id_token.split('.');
                const sig = parts[2];
                const i = Math.min(10, sig.length - 2);
                parts[2] = sig.slice(0, i) + (sig[i] === 'A' ? 'B' : 'A') + sig.slice(i + 1);
                json.id_token = parts.join('.');
                body = Buffer.from(JSON.stringify(json));
                if (!res.headersSent) res.setHeader('Content-Length', body.length);
            }
        } catch {
            // not JSON (an error page): pass it through unchanged
        }
        res.write = write;
        res.end = end;
        const done = typeof chunk === 'function' ? chunk : (typeof encoding === 'function' ? encoding : cb);
        return end(body, done);
    };
}

async function handleToken(req, res) {
    const raw = await readBody(req);
    const grantType = new URLSearchParams(raw.toString('utf8')).get('grant_type') ?? '(none)';
    stats.token_requests[grantType] = (stats.token_requests[grantType] ?? 0) + 1;
    stats.token_requests_total += 1;

    const mode = tokenMode;
    if (mode !== 'normal') {
        tokenModeLeft -= 1;
        if (tokenModeLeft <= 0) {
            tokenMode = 'normal';
            tokenModeLeft = Infinity;
        }
    }
    switch (mode) {
    case 'html':
        sendHtml(res, 200, page('Service notice', '<p>The sign-in service is under maintenance.</p>'));
        return;
    case '500':
        sendText(res, 500, 'lab: the token endpoint failed');
        return;
    case 'drop':
        res.logStatus = 'dropped';
        req.socket.destroy();
        return;
    case 'hang':
        res.logStatus = 'hung';
        hanging.add(req.socket);
        req.socket.once('close', () => hanging.delete(req.socket));
        return;
    case 'tamper-id-token':
        tamperIdToken(res);
        break;
    default:
        break;
    }
    // oidc-provider reads an already consumed body from req.body.
    req.body = raw;
    providerHandler(req, res);
}

// ---- interactions (login, consent, abort) ----------------------------------------------------

async function handleInteraction(req, res, uid, action) {
    let details;
    try {
        details = await provider.interactionDetails(req, res);
    } catch (err) {
        sendHtml(res, 400, page('Sign-in error', `<p id="error">${esc(err.error ?? 'invalid_request')}: ${esc(err.error_description ?? err.message)}</p>`));
        return;
    }
    if (details.uid !== uid) {
        sendHtml(res, 400, page('Sign-in error', '<p id="error">invalid_request: this sign-in page belongs to another sign-in</p>'));
        return;
    }
    const { prompt, params, session } = details;

    if (action === undefined && req.method === 'GET') {
        if (prompt.name === 'login') {
            sendHtml(res, 200, loginPage(uid, params.client_id));
        } else if (prompt.name === 'consent') {
            const scopes = String(params.scope ?? '').split(' ').filter(Boolean);
            sendHtml(res, 200, consentPage(uid, params.client_id, session?.accountId, scopes));
        } else {
            sendHtml(res, 501, page('Sign-in error', `<p id="error">server_error: no page for the prompt ${esc(prompt.name)}</p>`));
        }
        return;
    }
    if (req.method !== 'POST') {
        sendText(res, 405, 'method not allowed');
        return;
    }
    const form = new URLSearchParams((await readBody(req)).toString('utf8'));

    if (action === 'abort') {
        await provider.interactionFinished(req, res, {
            error: 'access_denied',
            error_description: 'End-User aborted interaction',
        }, { mergeWithLastSubmission: false });
        return;
    }
    if (action === 'login' && prompt.name === 'login') {
        const login = form.get('login') ?? '';
        if (!Object.hasOwn(ACCOUNTS, login) || form.get('password') !== login) {
            sendHtml(res, 200, loginPage(uid, params.client_id, 'Wrong user name or password.'));
            return;
        }
        await provider.interactionFinished(req, res, { login: { accountId: login } }, { mergeWithLastSubmission: false });
        return;
    }
    if (action === 'confirm' && prompt.name === 'consent') {
        // Grant everything asked for: the OIDC scopes (offline_access included) and claims.
        const grant = details.grantId
            ? await provider.Grant.find(details.grantId)
            : new provider.Grant({ accountId: session.accountId, clientId: params.client_id });
        const missing = prompt.details;
        if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
        if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
        if (missing.missingResourceScopes) {
            for (const [indicator, scope] of Object.entries(missing.missingResourceScopes)) {
                grant.addResourceScope(indicator, scope.join(' '));
            }
        }
        const grantId = await grant.save();
        await provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
        return;
    }
    sendHtml(res, 400, page('Sign-in error', `<p id="error">invalid_request: ${esc(action)} does not answer the prompt ${esc(prompt.name)}</p>`));
}

// ---- the server -----------------------------------------------------------------------------

// Log paths without query strings, and with long opaque path segments (interaction and
// session ids) shortened, so nothing secret reaches the log.
function loggablePath(pathname) {
    return pathname.replace(/\/([A-Za-z0-9_-]{16,})(?=\/|$)/g, (whole, segment) => (/[A-Z0-9_]/.test(segment) ? '/:id' : whole));
}

const server = http.createServer(async (req, res) => {
    const started = process.hrtime.bigint();
    const { pathname } = new URL(req.url, 'http://127.0.0.1');
    const logLine = () => {
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        process.stderr.write(`${req.method} ${loggablePath(pathname)} ${res.logStatus ?? res.statusCode} ${ms.toFixed(0)}ms\n`);
    };
    res.once('close', logLine); // after the answer, or when the connection closed without one

    try {
        if (pathname.startsWith('/__lab/')) {
            await handleLab(req, res, pathname);
            return;
        }
        if (pathname === '/token' && req.method === 'POST') {
            await handleToken(req, res);
            return;
        }
        if (pathname === '/token/revocation' && req.method === 'POST') {
            stats.revocations += 1;
        }
        const m = /^\/interaction\/([A-Za-z0-9_-]+)(?:\/(login|confirm|abort))?$/.exec(pathname);
        if (m) {
            await handleInteraction(req, res, m[1], m[2]);
            return;
        }
        providerHandler(req, res);
    } catch (err) {
        process.stderr.write(`provider.mjs: ${req.method} ${loggablePath(pathname)}: ${err.message}\n`);
        if (!res.headersSent) sendText(res, 500, 'lab: internal error');
        else res.destroy();
    }
});

server.on('error', (err) => fail(`cannot listen on 127.0.0.1:${port}: ${err.message}`));
server.listen(port, '127.0.0.1', () => {
    issuer = `http://127.0.0.1:${server.address().port}`;
    buildProvider();
    if (args['issuer-file']) {
        const file = path.resolve(args['issuer-file']);
        const tmp = `${file}.${process.pid}.tmp`;
        fs.writeFileSync(tmp, `${issuer}\n`);
        fs.renameSync(tmp, file);
    }
    process.stdout.write(`${issuer}\n`);
    process.stderr.write(`provider.mjs: listening, issuer ${issuer}, id_token ${idTokenAlg}, access/id token ttl ${accessTtl} s, kids ${publishedKids().join(' ')}\n`);
});

function shutdown(signal) {
    process.stderr.write(`provider.mjs: ${signal}, stopping\n`);
    for (const socket of hanging) socket.destroy();
    server.close(() => process.exit(0));
    server.closeAllConnections();
    setTimeout(() => process.exit(0), 2000).unref();
}
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
