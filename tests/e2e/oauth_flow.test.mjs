// The authorization code flow as a real public client (openid-client over oauth4webapi) and a real person
// in a real browser (headless Debian chromium) see it, against the real `authly` binary.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import * as client from 'openid-client';
import { ALICE, launchBrowser, startAuthly } from './harness.mjs';
import {
  callbackUrl,
  consent,
  describePage,
  discover,
  expectOAuthError,
  isConsentPage,
  isLoginPage,
  login,
  newAuthorizationRequest,
  verifyAccessToken,
} from './steps.mjs';

describe('authorization code flow (public client, PKCE S256)', () => {
  let h;
  let browser;
  let context;
  let config; // public client
  let confidential; // confidential client, for introspection

  before(async () => {
    h = await startAuthly();
    browser = await launchBrowser();
    context = await browser.newContext();
    config = await discover(h, 'public');
    confidential = await discover(h, 'confidential');
  });

  after(async () => {
    await context?.close();
    await browser?.close();
    if (h) {
      const exit = await h.stop();
      assert.deepEqual(exit, { code: 0, signal: null }, 'authly serve exits 0 on SIGTERM');
    }
  });

  test('discovery (RFC 8414) describes this issuer', () => {
    const md = config.serverMetadata();
    assert.equal(md.issuer, h.issuer, 'issuer is exactly the configured issuer');
    for (const k of ['authorization_endpoint', 'token_endpoint', 'jwks_uri', 'revocation_endpoint', 'introspection_endpoint']) {
      assert.equal(typeof md[k], 'string', `metadata has ${k}`);
      assert.ok(md[k].startsWith(h.issuer + '/'), `${k} is under the issuer: ${md[k]}`);
    }
    assert.ok(md.response_types_supported?.includes('code'), 'response_types_supported includes code');
    assert.deepEqual(md.code_challenge_methods_supported, ['S256'], 'code_challenge_methods_supported is exactly ["S256"]');
    assert.ok(md.grant_types_supported?.includes('authorization_code'), 'grant_types_supported has authorization_code');
    assert.ok(md.grant_types_supported?.includes('refresh_token'), 'grant_types_supported has refresh_token');
    assert.ok(!md.grant_types_supported?.includes('implicit'), 'no implicit grant (OAuth 2.1)');
    assert.ok(!md.response_types_supported?.some((t) => t.split(' ').includes('token')), 'no response_type token');
    assert.equal(
      md.authorization_response_iss_parameter_supported,
      true,
      'RFC 9207 §3: the server puts iss in every authorization response and advertises it',
    );
  });

  test('log in, consent, code exchange, JWT access token, refresh rotation, revocation, introspection', async () => {
    const page = await context.newPage();
    const req = await newAuthorizationRequest(config, h);

    // 1. The browser opens the authorization URL: the login page.
    const first = await page.goto(req.url.href);
    assert.equal(first.status(), 200, `authorization request shows the login page: ${await describePage(page)}`);
    assert.ok(page.url().startsWith(h.issuer + '/'), 'the login page is served by the issuer');
    assert.ok(await isLoginPage(page), `login page expected, got ${await describePage(page)}`);

    // 2. Log in: the consent page.
    await login(page, ALICE);
    assert.ok(!(await isLoginPage(page)), `the login form is not shown again after a good password: ${await describePage(page)}`);
    assert.ok(await isConsentPage(page), `consent page expected after login, got ${await describePage(page)}`);

    // 3. Allow: redirected to the redirect_uri with code, state, iss.
    await consent(page, 'allow');
    const cb = await callbackUrl(page, h);
    assert.ok(cb.searchParams.get('code'), 'authorization response has a code');
    assert.equal(cb.searchParams.get('state'), req.state, 'authorization response returns state unchanged');
    assert.equal(cb.searchParams.get('iss'), h.issuer, 'RFC 9207: authorization response iss is the issuer');
    assert.equal(cb.searchParams.get('error'), null);

    // 4. The library validates the response (state, iss) and redeems the code with the PKCE verifier.
    const tokens = await client.authorizationCodeGrant(config, cb, {
      pkceCodeVerifier: req.codeVerifier,
      expectedState: req.state,
      ...(req.nonce ? { expectedNonce: req.nonce, idTokenExpected: true } : {}),
    });
    assert.equal(tokens.token_type.toLowerCase(), 'bearer', 'token_type Bearer');
    assert.ok(Number.isInteger(tokens.expires_in) && tokens.expires_in > 0, 'expires_in is a positive integer');
    assert.ok(tokens.refresh_token, 'a refresh token is issued (offline_access, refresh_token grant)');
    assert.deepEqual(tokens.scope?.split(' ').sort(), req.scope.split(' ').sort(), 'granted scope');
    const at1 = await verifyAccessToken(config, h, tokens.access_token, {
      clientId: h.publicClient.client_id,
      sub: h.user.id,
      scope: req.scope,
    });
    if (req.oidc) {
      const idt = tokens.claims();
      assert.equal(idt.sub, h.user.id, 'ID token sub is the user id');
      assert.equal(idt.aud === h.publicClient.client_id || idt.aud?.includes?.(h.publicClient.client_id), true, 'ID token aud');
    }

    // 5. Refresh: a new access token and a rotated refresh token.
    const rt1 = tokens.refresh_token;
    const refreshed = await client.refreshTokenGrant(config, rt1);
    const rt2 = refreshed.refresh_token;
    assert.ok(rt2, 'refresh response carries a new refresh token (rotation, OAuth 2.1 §4.3.1)');
    assert.notEqual(rt2, rt1, 'the new refresh token differs from the old one');
    const at2 = await verifyAccessToken(config, h, refreshed.access_token, {
      clientId: h.publicClient.client_id,
      sub: h.user.id,
    });
    assert.notEqual(at2.jti, at1.jti, 'the refreshed access token has a new jti');

    // 6. Revoke (RFC 7009) the current refresh token; it no longer refreshes.
    await client.tokenRevocation(config, rt2, { token_type_hint: 'refresh_token' });
    await expectOAuthError(client.refreshTokenGrant(config, rt2), 'invalid_grant', 'refresh with a revoked refresh token');

    // 7. Introspection (RFC 7662) by the confidential client: the revoked token is inactive.
    const intro = await client.tokenIntrospection(confidential, rt2, { token_type_hint: 'refresh_token' });
    assert.equal(intro.active, false, `revoked refresh token introspects as inactive: ${JSON.stringify(intro)}`);

    // 8. The rotated-away refresh token replayed: invalid_grant.
    await expectOAuthError(client.refreshTokenGrant(config, rt1), 'invalid_grant', 'replay of a rotated refresh token');

    await page.close();
  });

  // Runs one authorization in the browser (logging in and consenting when asked) and redeems the code.
  async function authorizeAndRedeem(page) {
    const req = await newAuthorizationRequest(config, h);
    await page.goto(req.url.href);
    if (await isLoginPage(page)) await login(page, ALICE);
    if (await isConsentPage(page)) await consent(page, 'allow');
    const cb = await callbackUrl(page, h);
    const tokens = await client.authorizationCodeGrant(config, cb, {
      pkceCodeVerifier: req.codeVerifier,
      expectedState: req.state,
      ...(req.nonce ? { expectedNonce: req.nonce, idTokenExpected: true } : {}),
    });
    return { req, cb, tokens };
  }

  test('an authorization code is single-use; its replay revokes what it issued', async () => {
    const page = await context.newPage();
    const { req, cb, tokens } = await authorizeAndRedeem(page);
    await expectOAuthError(
      client.authorizationCodeGrant(config, cb, { pkceCodeVerifier: req.codeVerifier, expectedState: req.state }),
      'invalid_grant',
      'authorization code replay',
    );
    // RFC 6749 §4.1.2 (SHOULD) and DESIGN §4: a replayed code revokes the tokens it issued.
    await expectOAuthError(
      client.refreshTokenGrant(config, tokens.refresh_token),
      'invalid_grant',
      'refresh token issued from a code that was then replayed',
    );
    await page.close();
  });

  test('the code is bound to its PKCE verifier and its client', async () => {
    const page = await context.newPage();
    const fresh = async () => {
      const req = await newAuthorizationRequest(config, h);
      await page.goto(req.url.href);
      if (await isLoginPage(page)) await login(page, ALICE);
      if (await isConsentPage(page)) await consent(page, 'allow');
      return { req, cb: await callbackUrl(page, h) };
    };
    // RFC 7636 §4.6: a verifier that does not match the challenge -> invalid_grant.
    const a = await fresh();
    await expectOAuthError(
      client.authorizationCodeGrant(config, a.cb, { pkceCodeVerifier: client.randomPKCECodeVerifier(), expectedState: a.req.state }),
      'invalid_grant',
      'code redeemed with the wrong PKCE verifier',
    );
    // RFC 6749 §4.1.3: a code issued to another client -> invalid_grant (the confidential client tries,
    // with the right verifier).
    const b = await fresh();
    await expectOAuthError(
      client.authorizationCodeGrant(confidential, b.cb, { pkceCodeVerifier: b.req.codeVerifier, expectedState: b.req.state }),
      'invalid_grant',
      'code redeemed by another client',
    );
    await page.close();
  });

  test('a replayed refresh token revokes its whole family', async () => {
    const page = await context.newPage();
    const { tokens } = await authorizeAndRedeem(page);
    const rt1 = tokens.refresh_token;
    const rt2 = (await client.refreshTokenGrant(config, rt1)).refresh_token;
    assert.ok(rt2 && rt2 !== rt1, 'rotated');
    await expectOAuthError(client.refreshTokenGrant(config, rt1), 'invalid_grant', 'replay of a rotated refresh token');
    // OAuth 2.1 §4.3.1 / RFC 9700 §4.14.2 and DESIGN §4: the replay revokes the active refresh token of that family.
    await expectOAuthError(client.refreshTokenGrant(config, rt2), 'invalid_grant', 'refresh token of a family whose ancestor was replayed');
    await page.close();
  });
});

describe('single sign-on in one browser context', () => {
  let h;
  let browser;
  let context;
  let config;

  before(async () => {
    h = await startAuthly();
    browser = await launchBrowser();
    context = await browser.newContext();
    config = await discover(h, 'public');
  });

  after(async () => {
    await context?.close();
    await browser?.close();
    if (h) {
      const exit = await h.stop();
      assert.deepEqual(exit, { code: 0, signal: null }, 'authly serve exits 0 on SIGTERM');
    }
  });

  async function finish(page, req) {
    const cb = await callbackUrl(page, h);
    const tokens = await client.authorizationCodeGrant(config, cb, {
      pkceCodeVerifier: req.codeVerifier,
      expectedState: req.state,
      ...(req.nonce ? { expectedNonce: req.nonce, idTokenExpected: true } : {}),
    });
    await verifyAccessToken(config, h, tokens.access_token, { clientId: h.publicClient.client_id, sub: h.user.id });
    return tokens;
  }

  test('the second authorization skips the login page; prompt=login shows it again', async () => {
    const page = await context.newPage();

    // First authorization: login + consent.
    const r1 = await newAuthorizationRequest(config, h);
    await page.goto(r1.url.href);
    assert.ok(await isLoginPage(page), `first authorization shows the login page: ${await describePage(page)}`);
    await login(page, ALICE);
    assert.ok(await isConsentPage(page), `consent page expected: ${await describePage(page)}`);
    await consent(page, 'allow');
    await finish(page, r1);

    // Second authorization, same browser context: the session cookie logs alice in; no login page.
    const r2 = await newAuthorizationRequest(config, h);
    await page.goto(r2.url.href);
    assert.ok(!(await isLoginPage(page)), `SSO: the second authorization must not show the login page: ${await describePage(page)}`);
    if (await isConsentPage(page)) await consent(page, 'allow'); // a remembered consent may skip this too
    await finish(page, r2);

    // prompt=login: the login page again, even with a live session.
    const r3 = await newAuthorizationRequest(config, h, { prompt: 'login' });
    await page.goto(r3.url.href);
    assert.ok(await isLoginPage(page), `prompt=login shows the login page despite the session: ${await describePage(page)}`);
    await login(page, ALICE);
    if (await isConsentPage(page)) await consent(page, 'allow');
    await finish(page, r3);

    // A new browser context (no cookies) is a new person: login page.
    const other = await browser.newContext();
    const p2 = await other.newPage();
    const r4 = await newAuthorizationRequest(config, h);
    await p2.goto(r4.url.href);
    assert.ok(await isLoginPage(p2), `a fresh browser context has no session: ${await describePage(p2)}`);
    await other.close();
    await page.close();
  });
});
