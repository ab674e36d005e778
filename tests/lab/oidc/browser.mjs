// SPDX-License-Identifier: GPL-3.0-or-later
// A scripted "system browser" for the OIDC lab (provider.mjs): opens an authorization (or
// end-session) URL, signs in, consents and delivers the final redirect to the app's loopback
// listener, as a person in a real browser would.
//
//   node browser.mjs URL [--user NAME] [--password P] [--deny] [--no-consent] [--timeout SECONDS]
//
//   --user NAME     who signs in (default alice; the lab's password is the user name)
//   --password P    another password (default: the user name), to test a refused sign-in
//   --deny          press Cancel/Deny at the first sign-in page: the provider then redirects to the
//                   app with error=access_denied, and that redirect is delivered like any other
//   --no-consent    sign in, then walk away at the consent page (close the browser): nothing is
//                   delivered; prints "abandoned at consent" and exits 0. It is an error when no
//                   consent page comes.
//   --timeout S     per request (default 30)
//
// Redirects are followed by hand (fetch with redirect: 'manual') with a cookie jar (Set-Cookie with
// Path, Max-Age/Expires, several cookies; cookies are kept per origin). The first redirect that
// leaves the origin of URL is the delivery to the app: it is fetched with GET (no cookies), and the
// answer's status is printed as "delivered STATUS"; the exit status is 0 when it is 200.
// A logout confirmation page (RP-initiated logout) is confirmed ("Yes, sign me out"); when it
// ends on the provider's own page, "signed out" is printed and the exit status is 0.
// Anything unexpected (an error page, a refused sign-in, a network failure, a loop) exits 1 with
// one sentence on stderr. Codes, tokens, cookies and query strings are never printed.
import { parseArgs } from 'node:util';

function die(message) {
    process.stderr.write(`browser.mjs: ${message}\n`);
    process.exit(1);
}

let parsed;
try {
    parsed = parseArgs({
        allowPositionals: true,
        options: {
            user: { type: 'string', default: 'alice' },
            password: { type: 'string' },
            deny: { type: 'boolean', default: false },
            'no-consent': { type: 'boolean', default: false },
            timeout: { type: 'string', default: '30' },
        },
    });
} catch (err) {
    die(`${err.message}; usage: node browser.mjs URL [--user NAME] [--password P] [--deny] [--no-consent] [--timeout SECONDS]`);
}
const { values: opts, positionals } = parsed;
if (positionals.length !== 1) die('usage: node browser.mjs URL [--user NAME] [--password P] [--deny] [--no-consent] [--timeout SECONDS]');
let startUrl;
try {
    startUrl = new URL(positionals[0]);
} catch {
    die('the URL given is not a URL');
}
const user = opts.user;
const password = opts.password ?? user;
const timeoutMs = Number(opts.timeout) * 1000;
if (!(timeoutMs > 0)) die('--timeout must be a positive number of seconds');

// A URL fit for messages: no query, no fragment.
const shown = (url) => `${url.origin}${url.pathname}`;

// ---- cookies --------------------------------------------------------------------------------

const jar = new Map(); // `${origin} ${path} ${name}` -> { origin, path, name, value, expires }

function defaultPath(url) {
    const p = url.pathname;
    const i = p.lastIndexOf('/');
    return i <= 0 ? '/' : p.slice(0, i);
}

function storeCookies(url, response) {
    for (const line of response.headers.getSetCookie()) {
        const [pair, ...attrs] = line.split(';');
        const eq = pair.indexOf('=');
        if (eq <= 0) continue;
        const cookie = {
            origin: url.origin,
            name: pair.slice(0, eq).trim(),
            value: pair.slice(eq + 1).trim(),
            path: defaultPath(url),
            expires: Infinity,
        };
        for (const attr of attrs) {
            const [rawKey, ...rest] = attr.split('=');
            const key = rawKey.trim().toLowerCase();
            const value = rest.join('=').trim();
            if (key === 'path' && value.startsWith('/')) cookie.path = value;
            else if (key === 'max-age') cookie.expires = Date.now() + Number(value) * 1000;
            else if (key === 'expires' && cookie.expires === Infinity) {
                const t = Date.parse(value);
                if (!Number.isNaN(t)) cookie.expires = t;
            }
        }
        const key = `${cookie.origin} ${cookie.path} ${cookie.name}`;
        if (cookie.expires <= Date.now()) jar.delete(key);
        else jar.set(key, cookie);
    }
}

function pathMatches(requestPath, cookiePath) {
    if (requestPath === cookiePath) return true;
    if (!requestPath.startsWith(cookiePath)) return false;
    return cookiePath.endsWith('/') || requestPath[cookiePath.length] === '/';
}

function cookieHeader(url) {
    const now = Date.now();
    const matching = [...jar.values()]
        .filter((c) => c.origin === url.origin && c.expires > now && pathMatches(url.pathname, c.path))
        .sort((a, b) => b.path.length - a.path.length);
    return matching.map((c) => `${c.name}=${c.value}`).join('; ');
}

// ---- HTML forms -----------------------------------------------------------------------------

function decodeEntities(text) {
    return text.replace(/&(#x[0-9a-f]+|#[0-9]+|amp|lt|gt|quot|apos|#39);/gi, (whole, e) => {
        const lower = e.toLowerCase();
        if (lower.startsWith('#x')) return String.fromCodePoint(parseInt(lower.slice(2), 16));
        if (lower.startsWith('#')) return String.fromCodePoint(parseInt(lower.slice(1), 10));
        return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[lower] ?? whole;
    });
}

function attributes(tag) {
    const attrs = {};
    const re = /([A-Za-z_:][-A-Za-z0-9_:.]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
    // Skip the tag name itself.
    const inner = tag.replace(/^<\s*[A-Za-z]+/, '').replace(/\/?>$/, '');
    for (const m of inner.matchAll(re)) {
        attrs[m[1].toLowerCase()] = decodeEntities(m[2] ?? m[3] ?? m[4] ?? '');
    }
    return attrs;
}

function parseForms(html) {
    const forms = [];
    for (const m of html.matchAll(/<form\b[^>]*>[\s\S]*?<\/form\s*>/gi)) {
        const openTag = /^<form\b[^>]*>/i.exec(m[0])[0];
        const attrs = attributes(openTag);
        const fields = [];
        for (const input of m[0].matchAll(/<input\b[^>]*>/gi)) {
            const a = attributes(input[0]);
            if (!a.name) continue;
            const type = (a.type ?? 'text').toLowerCase();
            if (['submit', 'button', 'reset', 'image', 'file'].includes(type)) continue;
            if ((type === 'checkbox' || type === 'radio') && !('checked' in a)) continue;
            fields.push([a.name, a.value ?? (type === 'checkbox' ? 'on' : '')]);
        }
        forms.push({
            id: attrs.id ?? '',
            action: attrs.action ?? '',
            method: (attrs.method ?? 'get').toUpperCase(),
            fields,
            has: (name) => fields.some(([n]) => n === name),
        });
    }
    return forms;
}

function errorText(html) {
    const m = /<[a-z]+\b[^>]*\bid=["']error["'][^>]*>([\s\S]*?)<\/[a-z]+>/i.exec(html);
    return m ? decodeEntities(m[1].replace(/<[^>]*>/g, '')).trim() : undefined;
}

// ---- the walk -------------------------------------------------------------------------------

async function request(method, url, body) {
    const headers = { 'User-Agent': 'stationdeck-lab-browser/1', Accept: 'text/html,*/*' };
    const cookies = cookieHeader(url);
    if (cookies) headers.Cookie = cookies;
    if (body !== undefined) headers['Content-Type'] = 'application/x-www-form-urlencoded';
    let response;
    try {
        response = await fetch(url, {
            method, headers, body, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs),
        });
    } catch (err) {
        const why = err.name === 'TimeoutError' ? `no answer within ${timeoutMs / 1000} s` : (err.cause?.code ?? err.message);
        die(`${method} ${shown(url)} failed: ${why}`);
    }
    storeCookies(url, response);
    return response;
}

function submit(form, pageUrl, overrides) {
    const target = new URL(form.action || pageUrl.href, pageUrl);
    const data = new URLSearchParams();
    for (const [name, value] of form.fields) {
        if (!(name in overrides)) data.append(name, value);
    }
    for (const [name, value] of Object.entries(overrides)) data.append(name, value);
    if (form.method === 'POST') return { method: 'POST', url: target, body: data.toString() };
    target.search = data.toString();
    return { method: 'GET', url: target, body: undefined };
}

async function deliver(url) {
    // The app's loopback listener: a plain GET, as the browser would after a redirect.
    let response;
    try {
        response = await fetch(url, {
            redirect: 'manual',
            headers: { 'User-Agent': 'stationdeck-lab-browser/1', Accept: 'text/html,*/*' },
            signal: AbortSignal.timeout(timeoutMs),
        });
        await response.arrayBuffer();
    } catch (err) {
        const why = err.name === 'TimeoutError' ? `no answer within ${timeoutMs / 1000} s` : (err.cause?.code ?? err.message);
        die(`delivering the redirect to ${shown(url)} failed: ${why}`);
    }
    process.stdout.write(`delivered ${response.status}\n`);
    if (response.status !== 200) die(`the app's listener at ${shown(url)} answered ${response.status}, not 200`);
    process.exit(0);
}

let step = { method: 'GET', url: startUrl, body: undefined };
let loginsSent = 0;
let consentSeen = false;

for (let hop = 0; hop < 40; hop += 1) {
    const response = await request(step.method, step.url, step.body);
    const { status } = response;

    if (status >= 300 && status < 400) {
        await response.arrayBuffer();
        const location = response.headers.get('location');
        if (!location) die(`${step.method} ${shown(step.url)} answered ${status} without a Location`);
        const next = new URL(location, step.url);
        if (next.origin !== startUrl.origin) {
            if (opts['no-consent'] && !consentSeen) die('--no-consent: the provider asked for no consent, it redirected to the app at once');
            await deliver(next);
        }
        step = { method: 'GET', url: next, body: undefined };
        continue;
    }

    const type = response.headers.get('content-type') ?? '';
    const text = await response.text();
    if (status !== 200 || !type.includes('html')) {
        const why = type.includes('html') ? errorText(text) : undefined;
        die(`${step.method} ${shown(step.url)} answered ${status}${why ? `: ${why}` : ''}`);
    }
    const forms = parseForms(text);
    const login = forms.find((f) => f.has('login'));
    const consent = forms.find((f) => f.id === 'consent' || /\/confirm$/.test(f.action));
    const abort = forms.find((f) => f.id === 'abort' || /\/abort$/.test(f.action));
    const logout = forms.find((f) => f.id === 'op.logoutForm');

    if (login) {
        if (opts.deny) {
            if (!abort) die('--deny: the sign-in page has no Cancel form');
            step = submit(abort, step.url, {});
            continue;
        }
        if (loginsSent > 0) die(`the provider refused the sign-in of ${user}${errorText(text) ? `: ${errorText(text)}` : ''}`);
        loginsSent += 1;
        step = submit(login, step.url, { login: user, password });
        continue;
    }
    if (consent) {
        consentSeen = true;
        if (opts['no-consent']) {
            process.stdout.write('abandoned at consent\n');
            process.exit(0);
        }
        if (opts.deny) {
            if (!abort) die('--deny: the consent page has no Deny form');
            step = submit(abort, step.url, {});
            continue;
        }
        step = submit(consent, step.url, {});
        continue;
    }
    if (logout) {
        step = submit(logout, step.url, { logout: 'yes' });
        continue;
    }
    const error = errorText(text);
    if (error) die(`the provider showed an error page: ${error}`);
    if (/<title>\s*Signed out\s*<\/title>/i.test(text)) {
        process.stdout.write('signed out\n');
        process.exit(0);
    }
    die(`${shown(step.url)} showed a page with nothing to do (no sign-in, consent or logout form)`);
}
die('gave up after 40 requests (a redirect loop?)');
