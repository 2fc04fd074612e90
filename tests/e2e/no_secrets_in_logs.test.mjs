// Every flow once, then the server's whole log (stdout and stderr, at debug level) is searched for every
// secret the flows saw: passwords (right and wrong), client secrets (right and wrong, and the Basic
// credentials as sent), authorization codes, the PKCE verifier, access, refresh and ID tokens, the
// initial access token and a dynamically registered client's secret, and the browser's cookie values.
// None may appear. The log must also hold the access lines of those requests (so the search is not run
// on an empty log), with the W3C traceparent's trace id and the authenticated client_id where the
// request carried them.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import * as client from 'openid-client';
import { ALICE, launchBrowser, startAuthly } from './harness.mjs';
import {
  authorizeInBrowser,
  createOidcClient,
  describePage,
  discoverOidc,
  isLoginPage,
  login,
  newAuthorizationRequest,
  redeemOidc,
} from './steps.mjs';

const INITIAL_ACCESS_TOKEN = crypto.randomBytes(32).toString('base64url');
const hex = (bytes) => crypto.randomBytes(bytes).toString('hex');

describe('no secret reaches the log', () => {
  let h;
  let browser;
  const secrets = new Map(); // value -> what it is
  const keep = (value, what) => {
    assert.equal(typeof value, 'string', `${what} is a string`);
    assert.ok(value.length >= 8, `${what} is long enough to be searched for: ${value.length}`);
    secrets.set(value, what);
  };
  const requestIds = {}; // flow -> the X-Request-ID it sent, to find its access line

  before(async () => {
    h = await startAuthly({
      extraEnv: {
        AUTHLY_LOG_LEVEL: 'debug',
        AUTHLY_OAUTH_DYNAMIC_REGISTRATION: 'true',
        AUTHLY_OAUTH_INITIAL_ACCESS_TOKEN: INITIAL_ACCESS_TOKEN,
      },
      setup: (fx) => ({
        rp: createOidcClient(fx, {
          name: 'e2e logs rp',
          postLogoutRedirectUris: [`${fx.callback.base}/logged-out`],
          scope: 'openid profile offline_access',
        }),
        basic: fx.cliJson([
          'client', 'create', '--name', 'e2e logs basic', '--type', 'confidential',
          '--grant-type', 'client_credentials', '--auth-method', 'client_secret_basic', '--scope', 'profile', '--json',
        ]),
        post: fx.cliJson([
          'client', 'create', '--name', 'e2e logs post', '--type', 'confidential',
          '--grant-type', 'client_credentials', '--auth-method', 'client_secret_post', '--scope', 'profile', '--json',
        ]),
      }),
    });
    browser = await launchBrowser();
    keep(ALICE.password, 'the user password');
    keep(INITIAL_ACCESS_TOKEN, 'the initial access token');
    keep(h.confidentialClient.client_secret, 'a client secret');
    keep(h.extra.basic.client_secret, 'the client_secret_basic secret');
    keep(h.extra.post.client_secret, 'the client_secret_post secret');
  });

  after(async () => {
    await browser?.close();
    if (h) {
      const exit = await h.stop();
      assert.deepEqual(exit, { code: 0, signal: null }, 'authly serve exits 0 on SIGTERM');
    }
  });

  // A raw form POST, so the test decides every header (X-Request-ID, traceparent, Authorization).
  async function post(path, form, { headers = {}, flow } = {}) {
    const requestId = `e2e-${flow ?? 'x'}-${hex(6)}`;
    if (flow) requestIds[flow] = requestId;
    const r = await fetch(h.issuer + path, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-request-id': requestId, ...headers },
      body: new URLSearchParams(form),
    });
    const text = await r.text();
    return { status: r.status, body: text ? JSON.parse(text) : null, requestId };
  }

  const basicHeader = (id, secret) => {
    const value = Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64');
    keep(value, 'Basic credentials as sent');
    return { authorization: `Basic ${value}` };
  };

  async function keepCookies(context, when) {
    for (const c of await context.cookies(h.issuer)) if (c.value.length >= 8) keep(c.value, `cookie ${c.name} (${when})`);
  }

  const traceId = hex(16);
  const parentId = hex(8);

  test('every flow runs', async () => {
    const config = await discoverOidc(h, h.extra.rp.client_id);

    // Authorization code + PKCE, the password typed into the login page, consent.
    const context = await browser.newContext();
    const page = await context.newPage();
    const { req, cb } = await authorizeInBrowser(page, config, h, { user: ALICE });
    keep(req.codeVerifier, 'the PKCE verifier');
    keep(cb.searchParams.get('code'), 'the authorization code');
    await keepCookies(context, 'after login');
    const tokens = await redeemOidc(config, { req, cb });
    keep(tokens.access_token, 'an access token');
    keep(tokens.refresh_token, 'a refresh token');
    keep(tokens.id_token, 'an ID token');

    // Refresh.
    const refreshed = await client.refreshTokenGrant(config, tokens.refresh_token);
    keep(refreshed.access_token, 'a refreshed access token');
    keep(refreshed.refresh_token, 'a rotated refresh token');
    if (refreshed.id_token) keep(refreshed.id_token, 'a refreshed ID token');

    // Userinfo.
    const info = await client.fetchUserInfo(config, refreshed.access_token, tokens.claims().sub);
    assert.equal(info.sub, tokens.claims().sub);

    // client_credentials with client_secret_basic, carrying a W3C traceparent.
    const basic = h.extra.basic;
    const cc1 = await post('/auth/token', { grant_type: 'client_credentials' }, {
      flow: 'basic',
      headers: { ...basicHeader(basic.client_id, basic.client_secret), traceparent: `00-${traceId}-${parentId}-01` },
    });
    assert.equal(cc1.status, 200, JSON.stringify(cc1.body));
    keep(cc1.body.access_token, 'a client_credentials access token (basic)');

    // client_credentials with client_secret_post, with a traceparent that is invalid (upper case).
    const postClient = h.extra.post;
    const cc2 = await post(
      '/auth/token',
      { grant_type: 'client_credentials', client_id: postClient.client_id, client_secret: postClient.client_secret },
      { flow: 'post', headers: { traceparent: `00-${traceId.toUpperCase()}-${parentId}-01` } },
    );
    assert.equal(cc2.status, 200, JSON.stringify(cc2.body));
    keep(cc2.body.access_token, 'a client_credentials access token (post)');

    // Introspection and revocation by a confidential client.
    const conf = h.confidentialClient;
    const intro = await post('/auth/introspect', { token: refreshed.access_token }, {
      flow: 'introspect',
      headers: basicHeader(conf.client_id, conf.client_secret),
    });
    assert.equal(intro.status, 200);
    const rev = await post('/auth/revoke', { token: cc2.body.access_token, client_id: postClient.client_id, client_secret: postClient.client_secret }, {
      flow: 'revoke',
    });
    assert.equal(rev.status, 200);

    // Dynamic registration (RFC 7591) with the initial access token; the new client's secret is used.
    const reg = await fetch(h.issuer + '/oauth/clients', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${INITIAL_ACCESS_TOKEN}` },
      body: JSON.stringify({
        client_name: 'e2e logs dynamic',
        redirect_uris: [h.callback.redirectUri],
        grant_types: ['client_credentials'],
        token_endpoint_auth_method: 'client_secret_post',
        scope: 'profile',
      }),
    });
    const registered = await reg.json();
    assert.equal(reg.status, 201, JSON.stringify(registered));
    keep(registered.client_secret, 'a registered client secret');
    if (registered.registration_access_token) keep(registered.registration_access_token, 'a registration access token');
    const cc3 = await post('/auth/token', {
      grant_type: 'client_credentials',
      client_id: registered.client_id,
      client_secret: registered.client_secret,
    });
    assert.equal(cc3.status, 200, JSON.stringify(cc3.body));
    keep(cc3.body.access_token, 'a registered client access token');

    // A wrong client secret: 401 invalid_client.
    const wrongSecret = crypto.randomBytes(32).toString('base64url');
    keep(wrongSecret, 'a wrong client secret');
    const bad = await post('/auth/token', { grant_type: 'client_credentials' }, {
      flow: 'bad_secret',
      headers: basicHeader(basic.client_id, wrongSecret),
    });
    assert.equal(bad.status, 401);
    assert.equal(bad.body.error, 'invalid_client');

    // End session (RP-initiated logout) with the ID token as hint.
    await keepCookies(context, 'before logout');
    const state = client.randomState();
    await page.goto(
      client.buildEndSessionUrl(config, {
        id_token_hint: tokens.id_token,
        post_logout_redirect_uri: h.extra.rp.post_logout_redirect_uris[0],
        state,
      }).href,
    );
    assert.equal(new URL(page.url()).searchParams.get('state'), state, `back at the RP: ${await describePage(page)}`);
    await context.close();

    // A failed login: a wrong password typed into the login page.
    const wrongPassword = `wrong ${hex(12)}`;
    keep(wrongPassword, 'a wrong password');
    const context2 = await browser.newContext();
    const page2 = await context2.newPage();
    const req2 = await newAuthorizationRequest(config, h);
    keep(req2.codeVerifier, 'an unused PKCE verifier');
    await page2.goto(req2.url.href);
    const refused = await login(page2, { username: ALICE.username, password: wrongPassword });
    assert.equal(refused.status(), 401, `a wrong password is refused: ${await describePage(page2)}`);
    assert.ok(await isLoginPage(page2), 'the login form is shown again');
    await keepCookies(context2, 'after a failed login');
    await context2.close();
  });

  // Access lines (event http.request) as JSON objects; other lines as {raw}.
  function logLines() {
    return h
      .serverLog()
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => {
        try {
          return JSON.parse(l);
        } catch {
          return { raw: l };
        }
      });
  }

  // An access line is written after its response: wait for the last flow's.
  async function settledLog() {
    const deadline = Date.now() + 10000;
    for (;;) {
      const lines = logLines();
      if (lines.some((l) => l.event === 'http.request' && l.route === '/auth/login' && l.status === 401)) return lines;
      if (Date.now() > deadline) return lines;
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  test('the log holds the access lines of those flows, with trace ids and client ids', async () => {
    const lines = await settledLog();
    const access = lines.filter((l) => l.event === 'http.request');
    assert.ok(access.length >= 15, `access lines: ${access.length}`);
    const routes = new Set(access.map((l) => l.route));
    for (const route of ['/oauth/authorize', '/auth/login', '/oauth/consent', '/auth/token', '/auth/introspect',
      '/auth/revoke', '/oidc/userinfo', '/oauth/clients', '/oidc/logout']) {
      assert.ok(routes.has(route), `an access line for ${route}; routes seen: ${[...routes].join(' ')}`);
    }
    for (const l of access) {
      assert.match(l.trace_id ?? '', /^[0-9a-f]{32}$/, `every access line has a trace_id: ${JSON.stringify(l)}`);
      assert.notEqual(l.trace_id, '0'.repeat(32));
    }
    const byRequest = (flow) => {
      const found = access.filter((l) => l.request_id === requestIds[flow]);
      assert.equal(found.length, 1, `one access line for the ${flow} request`);
      return found[0];
    };

    // The traceparent sent with the client_secret_basic request is honoured and logged.
    const basic = byRequest('basic');
    assert.equal(basic.trace_id, traceId, 'the traceparent trace-id is logged');
    assert.equal(basic.parent_span_id, parentId, 'the traceparent parent-id is logged');
    assert.equal(basic.route, '/auth/token');
    assert.equal(basic.status, 200);
    assert.equal(basic.client_id, h.extra.basic.client_id, 'the authenticated client_id is logged');

    // An invalid traceparent starts a new trace.
    const postLine = byRequest('post');
    assert.notEqual(postLine.trace_id, traceId);
    assert.notEqual(postLine.trace_id, traceId.toUpperCase());
    assert.equal(postLine.parent_span_id, undefined, 'no parent span from an invalid traceparent');
    assert.equal(postLine.client_id, h.extra.post.client_id, 'client_secret_post client_id');

    assert.equal(byRequest('introspect').client_id, h.confidentialClient.client_id, 'introspection caller');
    assert.equal(byRequest('revoke').client_id, h.extra.post.client_id, 'revocation caller');
    // A client that failed authentication is not named: its client_id was never validated.
    const bad = byRequest('bad_secret');
    assert.equal(bad.status, 401);
    assert.equal(bad.client_id, undefined, 'no client_id for a client that failed authentication');

    const authorize = access.filter((l) => l.route === '/oauth/authorize');
    assert.ok(authorize.some((l) => l.client_id === h.extra.rp.client_id), 'the authorize line names the validated client');
    // The client of a validated access token (userinfo) and of a validated logout request.
    const userinfo = access.filter((l) => l.route === '/oidc/userinfo' && l.status === 200);
    assert.ok(userinfo.length > 0 && userinfo.every((l) => l.client_id === h.extra.rp.client_id),
      `userinfo lines name the token's client: ${JSON.stringify(userinfo)}`);
    const logout = access.filter((l) => l.route === '/oidc/logout');
    assert.ok(logout.some((l) => l.client_id === h.extra.rp.client_id), 'the logout line names the hint\'s client');
    // The end-session request carried the ID token in its query: the logged path has no query.
    for (const l of access) assert.ok(!String(l.path).includes('?'), `no query in a logged path: ${l.path}`);
  });

  test('no secret appears anywhere in the log', async () => {
    const text = h.serverLog();
    assert.ok(text.length > 0, 'the log is not empty');
    assert.ok(secrets.size >= 20, `secrets collected: ${secrets.size}`);
    // The search does find what is there: client ids are public and logged.
    assert.ok(text.includes(h.extra.basic.client_id), 'a logged client_id is found by the same search');
    const leaked = [];
    for (const [value, what] of secrets) {
      // Also as a query or a form body would carry it, percent-encoded.
      const formEncoded = new URLSearchParams({ v: value }).toString().slice(2);
      for (const form of new Set([value, encodeURIComponent(value), formEncoded])) {
        if (text.includes(form)) leaked.push(what);
      }
    }
    assert.deepEqual(leaked, [], `secrets found in the log: ${leaked.join(', ')}`);
  });
});
