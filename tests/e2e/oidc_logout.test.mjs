// Ending a session, as relying parties and a real browser see it: OpenID Connect RP-Initiated Logout 1.0
// (openid-client builds the end-session URL, chromium follows it back to the RP's registered
// post_logout_redirect_uri with state) and Back-Channel Logout 1.0 (a receiver in this test verifies the
// logout token's signature through jwks_uri and its claims), against the real `authly` binary.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import * as client from 'openid-client';
import * as jose from 'jose';
import { ALICE, launchBrowser, startAuthly, startBackchannelReceiver } from './harness.mjs';
import {
  authorizeInBrowser,
  clickAndWait,
  createOidcClient,
  describePage,
  discoverOidc,
  expectOAuthError,
  isLoginPage,
  newAuthorizationRequest,
  redeemOidc,
  verifyIdToken,
} from './steps.mjs';

const BACKCHANNEL_EVENT = 'http://schemas.openid.net/event/backchannel-logout';

const signOutButton = (page) => page.getByRole('button', { name: /sign out|log ?out/i });
const staySignedInButton = (page) => page.getByRole('button', { name: /stay|cancel|no\b/i });

// Logs alice in for `config`'s client in a fresh browser context; returns {context, page, tokens, claims}.
async function signIn(browser, config, h, scope = 'openid profile') {
  const context = await browser.newContext();
  const page = await context.newPage();
  const flow = await authorizeInBrowser(page, config, h, { user: ALICE, extra: { scope } });
  const tokens = await redeemOidc(config, flow);
  return { context, page, tokens, claims: { ...tokens.claims() } };
}

// prompt=none (Core §3.1.2.1) in `page`: resolves to the code-grant result when the session is alive,
// rejects with the authorization error (login_required when it is gone).
async function silentAuthorization(page, config, h) {
  const req = await newAuthorizationRequest(config, h, { scope: 'openid', prompt: 'none' });
  await page.goto(req.url.href);
  assert.ok(!(await isLoginPage(page)), `prompt=none must never show the login page: ${await describePage(page)}`);
  const cb = new URL(page.url());
  assert.equal(cb.origin + cb.pathname, h.callback.redirectUri, `prompt=none answers at the redirect_uri: ${await describePage(page)}`);
  return client.authorizationCodeGrant(config, cb, {
    pkceCodeVerifier: req.codeVerifier,
    expectedState: req.state,
    expectedNonce: req.nonce,
  });
}

/**
 * Back-Channel Logout 1.0 §2.6 as the RP performs it: the POST is application/x-www-form-urlencoded with
 * logout_token; the token is a JWS verified against the OP's jwks_uri with typ logout+jwt (§2.4), iss, aud
 * = client_id, iat, exp, jti, the back-channel logout event, sid and sub of the session, and no nonce.
 */
async function verifyLogoutRequest(config, h, request, { clientId, claims, alg = 'RS256' }) {
  assert.equal(request.method, 'POST', 'back-channel logout is a POST (§2.5)');
  assert.equal(request.path, '/backchannel-logout', 'to the registered backchannel_logout_uri');
  assert.match(request.headers['content-type'] ?? '', /^application\/x-www-form-urlencoded/, 'form-encoded body (§2.5)');
  assert.deepEqual([...request.form.keys()], ['logout_token'], `the body is exactly logout_token: ${request.body.slice(0, 200)}`);
  const token = request.form.get('logout_token');
  const jwks = jose.createRemoteJWKSet(new URL(config.serverMetadata().jwks_uri), { cooldownDuration: 0, cacheMaxAge: 0 });
  const { payload, protectedHeader } = await jose.jwtVerify(token, jwks, {
    issuer: h.issuer,
    audience: clientId,
    typ: 'logout+jwt',
    algorithms: [alg], // the client's id_token_signed_response_alg (RS256 by default)
    requiredClaims: ['iss', 'aud', 'iat', 'exp', 'jti'],
  });
  assert.ok(protectedHeader.kid, 'logout token names its key');
  assert.ok(payload.events && typeof payload.events === 'object' && !Array.isArray(payload.events), 'events is a JSON object');
  assert.deepEqual(payload.events[BACKCHANNEL_EVENT], {}, `events has ${BACKCHANNEL_EVENT}: {}`);
  assert.equal(payload.nonce, undefined, '§2.4: a logout token MUST NOT contain nonce');
  assert.ok(typeof payload.jti === 'string' && payload.jti.length > 0, 'jti');
  assert.equal(payload.sid, claims.sid, 'sid is the ID token sid of the ended session');
  assert.equal(payload.sub, claims.sub, 'sub is the ID token sub');
  const now = Math.floor(Date.now() / 1000);
  assert.ok(payload.iat <= now + 5 && payload.iat >= now - 60, 'iat is now');
  assert.ok(payload.exp > payload.iat, 'exp after iat');
  return payload;
}

describe('RP-initiated logout and back-channel logout', () => {
  let h;
  let bc; // back-channel receiver of the main RP
  let bc2; // back-channel receiver of a second RP (ES256)
  let es; // the second RP, with id_token_signed_response_alg ES256
  let browser;
  let rp; // client with post_logout_redirect_uris and backchannel_logout_uri
  let other; // another client with its own post_logout_redirect_uri
  let config;
  let loggedOutUri;

  before(async () => {
    bc = await startBackchannelReceiver();
    bc2 = await startBackchannelReceiver();
    h = await startAuthly({
      setup: (fx) => ({
        rp: createOidcClient(fx, {
          name: 'e2e logout rp',
          scope: 'openid profile email offline_access',
          postLogoutRedirectUris: [`${fx.callback.base}/logged-out`],
          backchannelLogoutUri: bc.uri,
        }),
        es: createOidcClient(fx, {
          name: 'e2e es256 rp',
          scope: 'openid profile',
          backchannelLogoutUri: bc2.uri,
          args: ['--id-token-signed-response-alg', 'ES256'],
        }),
        other: createOidcClient(fx, {
          name: 'e2e other rp',
          scope: 'openid profile',
          postLogoutRedirectUris: [`${fx.callback.base}/other-bye`],
        }),
      }),
    });
    ({ rp, other, es } = h.extra);
    assert.deepEqual(rp.post_logout_redirect_uris, [`${h.callback.base}/logged-out`], 'client create --json echoes post_logout_redirect_uris');
    assert.equal(rp.backchannel_logout_uri, bc.uri, 'client create --json echoes backchannel_logout_uri');
    loggedOutUri = rp.post_logout_redirect_uris[0];
    browser = await launchBrowser();
    config = await discoverOidc(h, rp.client_id);
  });

  after(async () => {
    await browser?.close();
    await bc?.close();
    await bc2?.close();
    if (h) {
      const exit = await h.stop();
      assert.deepEqual(exit, { code: 0, signal: null }, 'authly serve exits 0 on SIGTERM');
    }
  });

  const hitsAt = (pathname) => h.callback.hits.filter((u) => u.pathname === pathname).length;

  test('id_token_hint + post_logout_redirect_uri + state: back at the RP, logout token verified, session and refresh token gone', async () => {
    const { context, page, tokens, claims } = await signIn(browser, config, h);
    // Without offline_access the refresh token lives only as long as the browser session.
    assert.ok(tokens.refresh_token, 'a refresh token (refresh_token grant)');
    const live = await client.refreshTokenGrant(config, tokens.refresh_token);
    assert.equal(live.claims().sid, claims.sid, 'refreshing keeps the sid');

    const bcFrom = bc.requests.length;
    const state = client.randomState();
    const url = client.buildEndSessionUrl(config, {
      id_token_hint: tokens.id_token,
      post_logout_redirect_uri: loggedOutUri,
      state,
    });
    assert.equal(url.origin + url.pathname, config.serverMetadata().end_session_endpoint);
    assert.equal(url.searchParams.get('client_id'), rp.client_id, 'openid-client adds client_id');

    await page.goto(url.href);
    const landed = new URL(page.url());
    assert.equal(landed.origin + landed.pathname, loggedOutUri, `the browser ends at the registered post_logout_redirect_uri: ${await describePage(page)}`);
    assert.equal(landed.searchParams.get('state'), state, 'state is returned unchanged (RP-Initiated Logout §3)');

    // Back-channel: the RP's receiver got a verifiable logout token for this session.
    const request = await bc.waitFor(bcFrom);
    await verifyLogoutRequest(config, h, request, { clientId: rp.client_id, claims });

    // The session is over: prompt=none -> login_required; the session-bound refresh token is revoked
    // (Back-Channel Logout §2.7: refresh tokens without offline_access die with the session).
    await expectOAuthError(silentAuthorization(page, config, h), 'login_required', 'prompt=none after logout');
    await expectOAuthError(client.refreshTokenGrant(config, live.refresh_token), 'invalid_grant', 'refresh token of the ended session');
    // A fresh authorization needs the login page again.
    const req = await newAuthorizationRequest(config, h, { scope: 'openid' });
    await page.goto(req.url.href);
    assert.ok(await isLoginPage(page), `after logout the login page is shown: ${await describePage(page)}`);
    await context.close();
  });

  test('a hint whose session already ended still returns to the RP; one logout token per session', async () => {
    // A second login and logout in another context: another sid, another logout token.
    const a = await signIn(browser, config, h);
    const bcFrom = bc.requests.length;
    const state = client.randomState();
    await a.page.goto(client.buildEndSessionUrl(config, { id_token_hint: a.tokens.id_token, post_logout_redirect_uri: loggedOutUri, state }).href);
    assert.equal(new URL(a.page.url()).searchParams.get('state'), state, `back at the RP: ${await describePage(a.page)}`);
    const p = await verifyLogoutRequest(config, h, await bc.waitFor(bcFrom), { clientId: rp.client_id, claims: a.claims });
    // Logging out again with the same hint (the session is already gone) still returns to the RP and does
    // not notify again.
    const again = client.randomState();
    await a.page.goto(client.buildEndSessionUrl(config, { id_token_hint: a.tokens.id_token, post_logout_redirect_uri: loggedOutUri, state: again }).href);
    const landed = new URL(a.page.url());
    assert.equal(landed.origin + landed.pathname, loggedOutUri, `second logout with the same hint returns to the RP: ${await describePage(a.page)}`);
    assert.equal(landed.searchParams.get('state'), again);
    await new Promise((r) => setTimeout(r, 1000));
    const extra = bc.requests.slice(bcFrom + 1).map((r) => r.form.get('logout_token')).filter(Boolean);
    for (const t of extra) assert.notEqual(jose.decodeJwt(t).sid, p.sid, 'no second logout token for a session that had already ended');
    await a.context.close();
  });

  test('without id_token_hint: a confirmation page; "stay" keeps the session, "sign out" ends it', async () => {
    const { context, page, claims } = await signIn(browser, config, h);
    const endSession = config.serverMetadata().end_session_endpoint;
    const bcFrom = bc.requests.length;
    const cbHits = h.callback.hits.length;

    // The bare GET only asks (a cross-site link must not log anyone out).
    const shown = await page.goto(endSession);
    assert.equal(shown.status(), 200, `confirmation page: ${await describePage(page)}`);
    assert.ok(page.url().startsWith(h.issuer + '/'), 'served by the issuer');
    assert.equal(await signOutButton(page).count(), 1, `a "Sign out" button: ${await describePage(page)}`);
    assert.match(shown.headers()['cache-control'] ?? '', /no-store/, 'confirmation page: no-store');
    const hidden = await page.locator('form input[type="hidden"]').evaluateAll((els) => els.map((e) => e.name));
    assert.ok(hidden.some((n) => /csrf/i.test(n)), `the confirmation form has a CSRF token: ${hidden}`);

    // "Stay signed in": still logged in.
    assert.equal(await staySignedInButton(page).count(), 1, `a "Stay signed in" button: ${await describePage(page)}`);
    await clickAndWait(page, staySignedInButton(page));
    assert.ok(page.url().startsWith(h.issuer + '/'), `declining stays on the issuer: ${await describePage(page)}`);
    const alive = await silentAuthorization(page, config, h);
    assert.equal(alive.claims().sid, claims.sid, 'prompt=none still works after "stay signed in" (same session)');

    // Ask again and confirm.
    await page.goto(endSession);
    await clickAndWait(page, signOutButton(page));
    assert.ok(page.url().startsWith(h.issuer + '/'), `without a post_logout_redirect_uri the OP shows its own page: ${await describePage(page)}`);
    assert.equal(h.callback.hits.length - cbHits, 1, 'the only request to the client app was the prompt=none callback');

    await verifyLogoutRequest(config, h, await bc.waitFor(bcFrom), { clientId: rp.client_id, claims });
    await expectOAuthError(silentAuthorization(page, config, h), 'login_required', 'prompt=none after confirmed logout');
    await context.close();
  });

  test('a post_logout_redirect_uri that is not registered for the hint\'s client is never redirected to', async () => {
    const { context, page, tokens } = await signIn(browser, config, h);
    for (const [uri, what] of [
      [`${h.callback.base}/evil`, 'an unregistered URI'],
      [`${loggedOutUri}?x=1`, 'the registered URI with an extra query (exact match only)'],
      [other.post_logout_redirect_uris[0], "another client's registered URI"],
    ]) {
      const path = new URL(uri).pathname;
      const before = hitsAt(path);
      await page.goto(client.buildEndSessionUrl(config, { id_token_hint: tokens.id_token, post_logout_redirect_uri: uri, state: 's' }).href);
      await page.waitForTimeout(300);
      assert.ok(page.url().startsWith(h.issuer + '/'), `${what}: the browser stays on the issuer: ${await describePage(page)}`);
      assert.equal(hitsAt(path), before, `${what}: never redirected to ${uri}`);
    }
    await context.close();
  });

  test('a forged id_token_hint neither redirects nor ends the session', async () => {
    const { context, page, tokens, claims } = await signIn(browser, config, h);
    const [hd, pl, sig] = tokens.id_token.split('.');
    const forged = `${hd}.${pl}.${(sig[0] === 'A' ? 'B' : 'A') + sig.slice(1)}`;
    const before = hitsAt('/logged-out');
    const bcFrom = bc.requests.length;
    await page.goto(client.buildEndSessionUrl(config, { id_token_hint: forged, post_logout_redirect_uri: loggedOutUri, state: 'f' }).href);
    await page.waitForTimeout(300);
    assert.ok(page.url().startsWith(h.issuer + '/'), `a forged hint keeps the browser on the issuer: ${await describePage(page)}`);
    assert.equal(hitsAt('/logged-out'), before, 'no redirect to the post_logout_redirect_uri');
    const alive = await silentAuthorization(page, config, h);
    assert.equal(alive.claims().sid, claims.sid, 'the session survives a forged logout request');
    assert.equal(bc.requests.length, bcFrom, 'no back-channel logout');
    await context.close();
  });

  test('POST /auth/logout from the browser ends the session and sends the back-channel logout token', async () => {
    const { context, page, tokens, claims } = await signIn(browser, config, h);
    const bcFrom = bc.requests.length;
    // A same-origin form POST, as a logout button on an Authly page would send it.
    await page.goto(`${h.issuer}/health/live`);
    await Promise.all([
      page.waitForNavigation({ waitUntil: 'load' }),
      page.evaluate(() => {
        const f = document.createElement('form');
        f.method = 'POST';
        f.action = '/auth/logout';
        document.body.appendChild(f);
        f.submit();
      }),
    ]);
    await verifyLogoutRequest(config, h, await bc.waitFor(bcFrom), { clientId: rp.client_id, claims });
    await expectOAuthError(silentAuthorization(page, config, h), 'login_required', 'prompt=none after POST /auth/logout');
    await expectOAuthError(client.refreshTokenGrant(config, tokens.refresh_token), 'invalid_grant', 'session-bound refresh token after POST /auth/logout');
    await context.close();
  });
  test('one logout notifies every RP the session signed in to, each with its own aud and alg', async () => {
    const { context, page, tokens, claims } = await signIn(browser, config, h);
    // SSO: the same browser session signs in to the ES256 RP as well.
    const esConfig = await discoverOidc(h, es.client_id, { metadata: { id_token_signed_response_alg: 'ES256' } });
    const esFlow = await authorizeInBrowser(page, esConfig, h, { user: ALICE, extra: { scope: 'openid' } });
    const esTokens = await redeemOidc(esConfig, esFlow);
    const esClaims = { ...esTokens.claims() };
    assert.ok(esTokens.refresh_token, 'the ES256 RP got a (session-bound) refresh token');
    assert.equal(esClaims.sid, claims.sid, 'one browser session: the same sid for both RPs');
    assert.equal(esClaims.auth_time, claims.auth_time, 'SSO: no second authentication');

    const from1 = bc.requests.length;
    const from2 = bc2.requests.length;
    const state = client.randomState();
    await page.goto(client.buildEndSessionUrl(config, { id_token_hint: tokens.id_token, post_logout_redirect_uri: loggedOutUri, state }).href);
    assert.equal(new URL(page.url()).searchParams.get('state'), state, `back at the RP: ${await describePage(page)}`);
    const t1 = await verifyLogoutRequest(config, h, await bc.waitFor(from1), { clientId: rp.client_id, claims });
    const t2 = await verifyLogoutRequest(esConfig, h, await bc2.waitFor(from2), { clientId: es.client_id, claims: esClaims, alg: 'ES256' });
    assert.notEqual(t1.jti, t2.jti, 'each logout token has its own jti');
    await expectOAuthError(client.refreshTokenGrant(esConfig, esTokens.refresh_token), 'invalid_grant', "the other RP's session-bound refresh token");
    await context.close();
  });
});

describe('RP-initiated logout with an expired id_token_hint', () => {
  let h;
  let browser;
  let rp;
  let config;

  before(async () => {
    // The shortest ID token lifetime the server accepts, so the hint can expire during the test.
    h = await startAuthly({
      extraEnv: { AUTHLY_OIDC_ID_TOKEN_TTL_S: '5' },
      setup: (fx) => ({
        rp: createOidcClient(fx, { name: 'e2e expiry rp', scope: 'openid profile', postLogoutRedirectUris: [`${fx.callback.base}/logged-out`] }),
      }),
    });
    rp = h.extra.rp;
    browser = await launchBrowser();
    config = await discoverOidc(h, rp.client_id);
  });

  after(async () => {
    await browser?.close();
    if (h) {
      const exit = await h.stop();
      assert.deepEqual(exit, { code: 0, signal: null }, 'authly serve exits 0 on SIGTERM');
    }
  });

  test('the OP accepts an expired ID token as id_token_hint (RP-Initiated Logout §2) and redirects with state', async () => {
    const { context, page, tokens } = await signIn(browser, config, h);
    const { payload } = await verifyIdToken(config, h, tokens.id_token, { clientId: rp.client_id, nonce: tokens.claims().nonce });
    const waitMs = (payload.exp - Math.floor(Date.now() / 1000) + 2) * 1000;
    assert.ok(waitMs <= 10000, `ID token lifetime is oidc.id_token_ttl_s (exp - now = ${waitMs} ms)`);
    await new Promise((r) => setTimeout(r, Math.max(0, waitMs)));
    await assert.rejects(jose.jwtVerify(tokens.id_token, jose.createRemoteJWKSet(new URL(config.serverMetadata().jwks_uri))), /exp/i, 'the hint has expired');

    const state = client.randomState();
    const uri = rp.post_logout_redirect_uris[0];
    await page.goto(client.buildEndSessionUrl(config, { id_token_hint: tokens.id_token, post_logout_redirect_uri: uri, state }).href);
    const landed = new URL(page.url());
    assert.equal(landed.origin + landed.pathname, uri, `an expired hint still identifies the RP: ${await describePage(page)}`);
    assert.equal(landed.searchParams.get('state'), state);
    await expectOAuthError(silentAuthorization(page, config, h), 'login_required', 'prompt=none after logout with an expired hint');
    await context.close();
  });
});
