// A browser app (SPA) served from another origin than Authly, as draft-ietf-oauth-browser-based-apps
// describes it: a public client whose own JavaScript, in a real headless chromium, runs the
// authorization code flow with PKCE and calls the token, UserInfo and revocation endpoints with
// fetch(). The browser enforces CORS (the Fetch standard), so this only works when Authly answers
// the app's origin (the origin of its registered redirect URI) and only that one.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import http from 'node:http';
import { after, before, describe, test } from 'node:test';
import { ALICE, launchBrowser, startAuthly } from './harness.mjs';
import { consent, describePage, isConsentPage, isLoginPage, login } from './steps.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// The app's page: the same HTML at / (starts the login) and /callback (redeems the code). Its
// script does what a browser app's OAuth library does: discovery, PKCE S256, state, then fetch().
function spaPage(cfg) {
  return `<!doctype html>
<meta charset="utf-8">
<title>e2e browser app</title>
<script type="application/json" id="cfg">${JSON.stringify(cfg)}</script>
<pre id="result">working</pre>
<script type="module">
const cfg = JSON.parse(document.getElementById('cfg').textContent);
const b64url = (bytes) => btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\\+/g, '-').replace(/\\//g, '_').replace(/=+$/, '');
const random = () => b64url(crypto.getRandomValues(new Uint8Array(32)));
const metadata = async () => (await fetch(cfg.issuer + '/.well-known/oauth-authorization-server')).json();
const report = (value) => {
  window.__spa = value;
  document.getElementById('result').textContent = JSON.stringify(value);
};
// What a fetch() came back with, or how it failed (a CORS refusal rejects with a TypeError).
async function call(url, init) {
  try {
    const r = await fetch(url, init);
    const text = await r.text();
    let body;
    try { body = JSON.parse(text); } catch { body = text; }
    return { ok: true, status: r.status, body, wwwAuthenticate: r.headers.get('www-authenticate') };
  } catch (e) {
    return { ok: false, error: e.name + ': ' + e.message };
  }
}
window.startLogin = async () => {
  const md = await metadata();
  const verifier = random();
  const state = random();
  sessionStorage.setItem('pkce', JSON.stringify({ verifier, state }));
  const challenge = b64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  const u = new URL(md.authorization_endpoint);
  for (const [k, v] of Object.entries({
    response_type: 'code', client_id: cfg.clientId, redirect_uri: cfg.redirectUri, scope: 'openid profile offline_access',
    prompt: 'consent', state, code_challenge: challenge, code_challenge_method: 'S256',
  })) u.searchParams.set(k, v);
  location.assign(u.href);
};
window.redeem = async () => {
  const params = new URLSearchParams(location.search);
  const { verifier, state } = JSON.parse(sessionStorage.getItem('pkce') || '{}');
  if (params.get('state') !== state) return { error: 'state mismatch' };
  if (params.get('iss') !== cfg.issuer) return { error: 'iss mismatch (RFC 9207): ' + params.get('iss') };
  const md = await metadata();
  const form = (fields) => new URLSearchParams(fields);
  const out = {};
  // 1. The code, with a form POST: a "simple" CORS request, no preflight.
  out.token = await call(md.token_endpoint, { method: 'POST', body: form({
    grant_type: 'authorization_code', code: params.get('code'), redirect_uri: cfg.redirectUri,
    client_id: cfg.clientId, code_verifier: verifier,
  }) });
  const tokens = out.token.body || {};
  // 2. UserInfo with the bearer token: Authorization forces a preflight (OPTIONS) first.
  out.userinfo = await call(md.userinfo_endpoint, { headers: { Authorization: 'Bearer ' + tokens.access_token } });
  // 3. A token request with a header outside the CORS-safelisted ones: preflighted too. The app
  //    sends (wrong) HTTP Basic credentials, so Authly refuses it, and the app can read why.
  out.preflighted = await call(md.token_endpoint, {
    method: 'POST',
    headers: { Authorization: 'Basic ' + btoa(encodeURIComponent(cfg.clientId) + ':wrong') },
    body: form({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token }),
  });
  // 4. Refresh (rotation) and revocation, simple requests again.
  out.refresh = await call(md.token_endpoint, { method: 'POST', body: form({
    grant_type: 'refresh_token', refresh_token: tokens.refresh_token, client_id: cfg.clientId,
  }) });
  out.revoke = await call(md.revocation_endpoint, { method: 'POST', body: form({
    token: out.refresh.body?.refresh_token, token_type_hint: 'refresh_token', client_id: cfg.clientId,
  }) });
  return out;
};
// A page of an origin Authly does not know tries the same calls.
window.tryTokenEndpoint = async (preflight) => {
  const md = await metadata();
  return call(md.token_endpoint, {
    method: 'POST',
    ...(preflight ? { headers: { Authorization: 'Basic ' + btoa('x:y') } } : {}),
    body: new URLSearchParams({ grant_type: 'authorization_code', code: 'nope', client_id: cfg.clientId }),
  });
};
window.tryDiscovery = async () => call(cfg.issuer + '/.well-known/openid-configuration');
if (location.pathname === '/callback') window.redeem().then(report, (e) => report({ error: String(e) }));
</script>`;
}

/** A node HTTP server on its own loopback port serving spaPage(); `cfg` is filled in once known. */
async function startSpaServer() {
  const cfg = {};
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    if (url.pathname !== '/' && url.pathname !== '/callback') {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(spaPage(cfg));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const origin = `http://127.0.0.1:${server.address().port}`;
  return {
    origin,
    cfg,
    async close() {
      server.closeAllConnections?.();
      server.close();
    },
  };
}

// The requests of one method and path in Authly's JSON access log.
function accessLogCount(h, method, path) {
  return h
    .serverLog()
    .split('\n')
    .filter((line) => line.includes('"http.request"') && line.includes(`"method":"${method}"`) && line.includes(`"path":"${path}"`))
    .length;
}

function registerSpa(fx, redirectUri) {
  const c = fx.cliJson([
    'client', 'create', '--name', 'e2e browser app', '--type', 'public',
    '--redirect-uri', redirectUri,
    '--grant-type', 'authorization_code', '--grant-type', 'refresh_token',
    '--scope', 'openid profile offline_access', '--json',
  ]);
  assert.ok(typeof c.client_id === 'string' && c.client_id, `client create --json prints a client_id: ${JSON.stringify(c)}`);
  return c;
}

describe('a browser app on another origin (CORS)', () => {
  let h;
  let spa; // the registered app's origin
  let stranger; // an origin no client registered
  let browser;
  let context;

  before(async () => {
    spa = await startSpaServer();
    stranger = await startSpaServer();
    h = await startAuthly({ setup: (fx) => registerSpa(fx, `${spa.origin}/callback`) });
    Object.assign(spa.cfg, { issuer: h.issuer, clientId: h.extra.client_id, redirectUri: `${spa.origin}/callback` });
    Object.assign(stranger.cfg, { issuer: h.issuer, clientId: h.extra.client_id, redirectUri: `${stranger.origin}/callback` });
    browser = await launchBrowser();
    context = await browser.newContext();
  });

  after(async () => {
    await context?.close();
    await browser?.close();
    await spa?.close();
    await stranger?.close();
    if (h) {
      const exit = await h.stop();
      assert.deepEqual(exit, { code: 0, signal: null }, 'authly serve exits 0 on SIGTERM');
    }
  });

  test('the app logs in and its script redeems the code with fetch()', async () => {
    assert.notEqual(new URL(spa.origin).origin, new URL(h.issuer).origin, 'the app is served from another origin');
    const page = await context.newPage();
    await page.goto(spa.origin + '/');
    await Promise.all([page.waitForNavigation({ waitUntil: 'load', timeout: 30000 }), page.evaluate(() => window.startLogin())]);
    assert.ok(await isLoginPage(page), `Authly's login page expected, got ${await describePage(page)}`);
    await login(page, ALICE);
    assert.ok(await isConsentPage(page), `consent page expected, got ${await describePage(page)}`);
    await consent(page, 'allow');
    assert.ok(page.url().startsWith(spa.origin + '/callback?'), `back at the app: ${await describePage(page)}`);

    await page.waitForFunction(() => window.__spa !== undefined, null, { timeout: 30000 });
    const out = await page.evaluate(() => window.__spa);
    assert.equal(out.error, undefined, `the app's callback: ${JSON.stringify(out)}`);

    // 1. The code redeemed by the page's own fetch(): the browser let the script read the tokens.
    assert.ok(out.token.ok, `token request failed in the browser (CORS?): ${JSON.stringify(out.token)}`);
    assert.equal(out.token.status, 200, JSON.stringify(out.token.body));
    assert.equal(typeof out.token.body.access_token, 'string', 'an access token');
    assert.equal(out.token.body.access_token.split('.').length, 3, 'a JWT access token (RFC 9068)');
    assert.equal(typeof out.token.body.refresh_token, 'string', 'a refresh token (offline_access)');

    // 2. UserInfo after a preflight for its Authorization header.
    assert.ok(out.userinfo.ok, `UserInfo failed in the browser: ${JSON.stringify(out.userinfo)}`);
    assert.equal(out.userinfo.status, 200, JSON.stringify(out.userinfo.body));
    assert.ok(typeof out.userinfo.body.sub === 'string' && out.userinfo.body.sub, 'UserInfo answers with a subject');

    // 3. A preflighted token request: it passed the preflight, and the app reads the OAuth error
    //    and the exposed WWW-Authenticate challenge.
    assert.ok(out.preflighted.ok, `preflighted token request failed in the browser: ${JSON.stringify(out.preflighted)}`);
    assert.equal(out.preflighted.status, 401, JSON.stringify(out.preflighted.body));
    assert.equal(out.preflighted.body.error, 'invalid_client');
    assert.match(out.preflighted.wwwAuthenticate ?? '', /^Basic/i, 'WWW-Authenticate is exposed to the script');

    // 4. Refresh rotation and revocation.
    assert.ok(out.refresh.ok && out.refresh.status === 200, `refresh: ${JSON.stringify(out.refresh)}`);
    assert.notEqual(out.refresh.body.refresh_token, out.token.body.refresh_token, 'the refresh token rotated');
    assert.ok(out.revoke.ok && out.revoke.status === 200, `revocation: ${JSON.stringify(out.revoke)}`);

    // The browser really sent CORS preflights, and Authly answered them.
    assert.ok(accessLogCount(h, 'OPTIONS', '/auth/token') >= 1, 'a preflight for the token endpoint');
    assert.ok(accessLogCount(h, 'OPTIONS', '/oidc/userinfo') >= 1, 'a preflight for UserInfo');
    await page.close();
  });

  test('a page from an origin no client registered cannot read the token endpoint', async () => {
    assert.notEqual(stranger.origin, spa.origin);
    const page = await context.newPage();
    await page.goto(stranger.origin + '/');
    // Discovery is a public document: every origin may read it.
    const discovery = await page.evaluate(() => window.tryDiscovery());
    assert.ok(discovery.ok && discovery.status === 200, `discovery from any origin: ${JSON.stringify(discovery)}`);
    // The token endpoint: the browser refuses the answer (simple request) or the preflight.
    for (const preflight of [false, true]) {
      const r = await page.evaluate((p) => window.tryTokenEndpoint(p), preflight);
      assert.equal(r.ok, false, `fetch() must reject from an unknown origin (preflight=${preflight}): ${JSON.stringify(r)}`);
      assert.match(r.error, /^TypeError/, 'a CORS failure is a network error to the script');
    }
    await page.close();
  });

  test('an app registered with the CLI while Authly runs is allowed within the cache bound', async () => {
    const page = await context.newPage();
    await page.goto(stranger.origin + '/');
    registerSpa(h, `${stranger.origin}/callback`);
    // The maintenance job re-reads the clients once their version moved (cache.max_staleness_ms,
    // rounded up to a second).
    const deadline = Date.now() + 10000;
    let r;
    for (;;) {
      r = await page.evaluate(() => window.tryTokenEndpoint(true));
      if (r.ok || Date.now() > deadline) break;
      await sleep(250);
    }
    assert.ok(r.ok, `the new origin is allowed within the bound: ${JSON.stringify(r)}`);
    assert.equal(r.status, 401, 'the request itself reached Authly and was answered');
    await page.close();
  });
});
