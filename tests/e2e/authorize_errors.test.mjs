// The authorization endpoint's error branches as a browser sees them (RFC 6749 §4.1.2.1, RFC 9207,
// OAuth 2.1): untrusted client or redirect_uri -> an HTML error page and no redirect; anything else ->
// back to the redirect_uri with error, state and iss. Plus what a browser can check about the pages.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import * as client from 'openid-client';
import * as oauth from 'oauth4webapi';
import { ALICE, launchBrowser, startAuthly } from './harness.mjs';
import {
  callbackUrl,
  consent,
  describePage,
  discover,
  isConsentPage,
  isLoginPage,
  login,
  loginForm,
  newAuthorizationRequest,
} from './steps.mjs';

describe('authorization endpoint error branches in the browser', () => {
  let h;
  let browser;
  let config;
  let as; // the discovered metadata, for oauth4webapi
  let page;
  let context;

  before(async () => {
    h = await startAuthly();
    browser = await launchBrowser();
    config = await discover(h, 'public');
    as = config.serverMetadata();
  });

  beforeEach(async () => {
    await context?.close();
    context = await browser.newContext();
    page = await context.newPage();
  });

  after(async () => {
    await context?.close();
    await browser?.close();
    if (h) {
      const exit = await h.stop();
      assert.deepEqual(exit, { code: 0, signal: null }, 'authly serve exits 0 on SIGTERM');
    }
  });

  // Hand-built authorization URL (the library would refuse some of these on purpose).
  function rawAuthorizeUrl(params) {
    const u = new URL(as.authorization_endpoint);
    for (const [k, v] of Object.entries(params)) if (v !== undefined) u.searchParams.set(k, v);
    return u.href;
  }

  async function validParams() {
    const verifier = client.randomPKCECodeVerifier();
    return {
      response_type: 'code',
      client_id: h.publicClient.client_id,
      redirect_uri: h.callback.redirectUri,
      scope: 'profile',
      state: client.randomState(),
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
    };
  }

  // An HTML error page served by the issuer, and no request ever reached the callback server.
  async function gotoExpectErrorPage(url, what) {
    const hitsBefore = h.callback.hits.length;
    const response = await page.goto(url);
    assert.ok(response, `${what}: a response`);
    assert.ok(page.url().startsWith(h.issuer + '/'), `${what}: the browser stays on the issuer: ${await describePage(page)}`);
    assert.ok(response.status() >= 400 && response.status() < 500, `${what}: 4xx status, got ${response.status()}`);
    assert.match(response.headers()['content-type'] ?? '', /^text\/html/, `${what}: an HTML error page`);
    assert.ok(!(await isLoginPage(page)), `${what}: no login form on the error page`);
    const text = (await page.locator('body').innerText()).trim();
    assert.ok(text.length > 0, `${what}: the error page says something`);
    // Give a stray redirect (meta refresh, script) a moment to happen; none may.
    await page.waitForTimeout(300);
    assert.ok(page.url().startsWith(h.issuer + '/'), `${what}: still on the issuer`);
    assert.equal(h.callback.hits.length, hitsBefore, `${what}: the redirect_uri was never called`);
  }

  // Back at the redirect_uri with an error: oauth4webapi validates iss and state, then reports the error.
  async function assertErrorRedirect(expectedState, expectedError, what) {
    const cb = await callbackUrl(page, h);
    assert.equal(cb.searchParams.get('code'), null, `${what}: no code in an error response`);
    assert.equal(cb.searchParams.get('iss'), h.issuer, `${what}: RFC 9207 iss in the error response`);
    assert.equal(cb.searchParams.get('state'), expectedState, `${what}: state returned unchanged`);
    let err;
    try {
      oauth.validateAuthResponse(as, { client_id: h.publicClient.client_id }, cb, expectedState);
    } catch (e) {
      err = e;
    }
    assert.ok(err instanceof oauth.AuthorizationResponseError, `${what}: the library sees an error response (${err})`);
    assert.equal(err.error, expectedError, `${what}: error=${expectedError}`);
    return cb;
  }

  test('unknown client_id: HTML error page, no redirect', async () => {
    const p = await validParams();
    await gotoExpectErrorPage(rawAuthorizeUrl({ ...p, client_id: 'no-such-client' }), 'unknown client_id');
  });

  test('missing client_id: HTML error page, no redirect', async () => {
    const p = await validParams();
    await gotoExpectErrorPage(rawAuthorizeUrl({ ...p, client_id: undefined }), 'missing client_id');
  });

  test('redirect_uri not registered for the client: HTML error page, no redirect', async () => {
    const p = await validParams();
    await gotoExpectErrorPage(rawAuthorizeUrl({ ...p, redirect_uri: `${h.callback.base}/evil` }), 'unregistered redirect_uri (other path)');
    await gotoExpectErrorPage(rawAuthorizeUrl({ ...p, redirect_uri: `${h.callback.redirectUri}?x=1` }), 'unregistered redirect_uri (extra query)');
  });

  test('PKCE method plain: back to the client with error=invalid_request and iss', async () => {
    const p = await validParams();
    const verifier = client.randomPKCECodeVerifier();
    await page.goto(rawAuthorizeUrl({ ...p, code_challenge: verifier, code_challenge_method: 'plain' }));
    await assertErrorRedirect(p.state, 'invalid_request', 'code_challenge_method=plain');
  });

  test('no code_challenge at all: error=invalid_request (PKCE required, OAuth 2.1)', async () => {
    const p = await validParams();
    await page.goto(rawAuthorizeUrl({ ...p, code_challenge: undefined, code_challenge_method: undefined }));
    await assertErrorRedirect(p.state, 'invalid_request', 'missing code_challenge');
  });

  test('response_type=token: error=unsupported_response_type (no implicit grant)', async () => {
    const p = await validParams();
    await page.goto(rawAuthorizeUrl({ ...p, response_type: 'token' }));
    const cb = await callbackUrl(page, h);
    assert.equal(cb.hash, '', 'the error comes in the query, never a fragment');
    await assertErrorRedirect(p.state, 'unsupported_response_type', 'response_type=token');
  });

  test('the user clicks Deny: error=access_denied with state and iss', async () => {
    const req = await newAuthorizationRequest(config, h);
    await page.goto(req.url.href);
    await login(page, ALICE);
    assert.ok(await isConsentPage(page), `consent page expected: ${await describePage(page)}`);
    await consent(page, 'deny');
    await assertErrorRedirect(req.state, 'access_denied', 'Deny');
  });

  test('a wrong password shows the login page again with an error, and no redirect', async () => {
    const hitsBefore = h.callback.hits.length;
    const req = await newAuthorizationRequest(config, h);
    await page.goto(req.url.href);
    await login(page, { username: ALICE.username, password: 'not the password' });
    assert.ok(page.url().startsWith(h.issuer + '/'), `still on the issuer: ${await describePage(page)}`);
    assert.ok(await isLoginPage(page), `the login form is shown again: ${await describePage(page)}`);
    assert.equal(h.callback.hits.length, hitsBefore, 'no redirect to the client');
    // ... and the correct password then works.
    await login(page, ALICE);
    assert.ok(await isConsentPage(page), `consent after the correct password: ${await describePage(page)}`);
  });

  test('pages: CSRF tokens on forms, anti-clickjacking headers, session cookie flags', async () => {
    const req = await newAuthorizationRequest(config, h);
    const loginResponse = await page.goto(req.url.href);
    const checkPage = (resp, what) => {
      const hd = resp.headers();
      const framing = /deny|sameorigin/i.test(hd['x-frame-options'] ?? '') || /frame-ancestors/i.test(hd['content-security-policy'] ?? '');
      assert.ok(framing, `${what}: X-Frame-Options or CSP frame-ancestors (DESIGN §7 clickjacking headers)`);
      assert.match(hd['cache-control'] ?? '', /no-store/, `${what}: Cache-Control no-store`);
    };
    checkPage(loginResponse, 'login page');
    const hiddenLogin = await loginForm(page).locator('input[type="hidden"]').evaluateAll((els) => els.map((e) => e.name));
    assert.ok(hiddenLogin.some((n) => /csrf/i.test(n)), `login form carries a CSRF token field, hidden fields: ${hiddenLogin}`);
    assert.equal(await loginForm(page).getAttribute('method').then((m) => m?.toLowerCase()), 'post', 'login form is POSTed');

    const consentResponse = await login(page, ALICE);
    checkPage(consentResponse, 'consent page');
    const consentForm = page.locator('form:has(button)').filter({ has: page.getByRole('button', { name: /allow/i }) });
    const hiddenConsent = await consentForm.locator('input[type="hidden"]').evaluateAll((els) => els.map((e) => e.name));
    assert.ok(hiddenConsent.some((n) => /csrf/i.test(n)), `consent form carries a CSRF token field, hidden fields: ${hiddenConsent}`);

    const cookies = await context.cookies(h.issuer);
    assert.ok(cookies.length > 0, 'a session cookie is set after login');
    for (const c of cookies) {
      assert.equal(c.httpOnly, true, `cookie ${c.name} is HttpOnly`);
      assert.ok(c.sameSite === 'Lax' || c.sameSite === 'Strict', `cookie ${c.name} is SameSite=Lax (got ${c.sameSite})`);
    }
    await consent(page, 'allow');
    await callbackUrl(page, h);
  });
});
