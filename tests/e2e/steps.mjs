// Shared steps of the e2e tests: client-library configuration from discovery, and what a person does
// in the browser (log in, allow or deny consent).
import assert from 'node:assert/strict';
import * as client from 'openid-client';
import * as jose from 'jose';

/**
 * openid-client Configuration from RFC 8414 discovery (/.well-known/oauth-authorization-server).
 * `kind` is 'public' (no client authentication, PKCE only) or 'confidential' (client_secret_basic).
 */
export async function discover(h, kind) {
  const options = { algorithm: 'oauth2', execute: [client.allowInsecureRequests], timeout: 15 };
  if (kind === 'public') {
    return client.discovery(new URL(h.issuer), h.publicClient.client_id, undefined, client.None(), options);
  }
  const c = h.confidentialClient;
  return client.discovery(
    new URL(h.issuer),
    c.client_id,
    { client_secret: c.client_secret },
    client.ClientSecretBasic(c.client_secret),
    options,
  );
}

/** True when the server's metadata says it is an OpenID Provider, so `openid` implies an ID token. */
export function speaksOidc(config) {
  const md = config.serverMetadata();
  return Array.isArray(md.id_token_signing_alg_values_supported) && md.id_token_signing_alg_values_supported.length > 0;
}

/** A fresh authorization request: library-generated PKCE S256 verifier, state (and nonce for OIDC). */
export async function newAuthorizationRequest(config, h, extra = {}) {
  const oidc = speaksOidc(config);
  const codeVerifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = oidc ? client.randomNonce() : undefined;
  const scope = oidc ? 'openid profile offline_access' : 'profile offline_access';
  const params = {
    redirect_uri: h.callback.redirectUri,
    scope,
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    state,
    ...(nonce ? { nonce } : {}),
    ...extra,
  };
  const url = client.buildAuthorizationUrl(config, params);
  return { url, codeVerifier, state, nonce, scope, oidc };
}

// ---- browser steps ----------------------------------------------------------------------------

export const loginForm = (page) => page.locator('form:has(input[name="password"])');

export async function isLoginPage(page) {
  return (await page.locator('input[name="password"]').count()) > 0;
}

export function allowButton(page) {
  return page.getByRole('button', { name: /allow/i });
}

export function denyButton(page) {
  return page.getByRole('button', { name: /deny/i });
}

export async function isConsentPage(page) {
  return (await allowButton(page).count()) > 0;
}

/** Describes the page for assertion messages. */
export async function describePage(page) {
  let body = '';
  try {
    body = (await page.locator('body').innerText({ timeout: 2000 })).slice(0, 600);
  } catch {
    body = '(no body)';
  }
  return `url=${page.url()} title=${JSON.stringify(await page.title().catch(() => ''))} body=${JSON.stringify(body)}`;
}

/** Clicks `locator` and waits for the navigation it starts to load; returns the final main-frame response. */
export async function clickAndWait(page, locator) {
  const [response] = await Promise.all([page.waitForNavigation({ waitUntil: 'load', timeout: 30000 }), locator.click()]);
  return response;
}

/**
 * On the login page: the username and password fields are named exactly `username` and `password` and
 * are labelled; fill them by label and submit the form.
 */
export async function login(page, user) {
  assert.ok(await isLoginPage(page), `expected the login page, got ${await describePage(page)}`);
  const username = page.locator('input[name="username"]');
  const password = page.locator('input[name="password"]');
  assert.equal(await username.count(), 1, 'login page: exactly one input named "username"');
  assert.equal(await password.count(), 1, 'login page: exactly one input named "password"');
  assert.equal(await password.getAttribute('type'), 'password', 'login page: the password input has type=password');
  // Accessible labels (a <label for>, a wrapping <label>, or aria-label): filling by label proves them.
  const byLabelUser = page.getByLabel(/user\s*name|e-?mail/i).and(username);
  const byLabelPass = page.getByLabel(/password/i).and(password);
  assert.equal(await byLabelUser.count(), 1, 'login page: the username input has a label');
  assert.equal(await byLabelPass.count(), 1, 'login page: the password input has a label');
  await byLabelUser.fill(user.username);
  await byLabelPass.fill(user.password);
  const submit = loginForm(page).locator('button[type="submit"], input[type="submit"], button:not([type])').first();
  return clickAndWait(page, submit);
}

/** On the consent page: click Allow (or Deny). */
export async function consent(page, choice = 'allow') {
  const button = choice === 'allow' ? allowButton(page) : denyButton(page);
  assert.equal(await button.count(), 1, `expected one ${choice} button on the consent page, got ${await describePage(page)}`);
  return clickAndWait(page, button);
}

export function onCallback(page, h) {
  return page.url().startsWith(h.callback.base + '/');
}

/** The page's current URL as a URL, asserting it is the client's redirect_uri. */
export async function callbackUrl(page, h) {
  assert.ok(onCallback(page, h), `expected a redirect to ${h.callback.redirectUri}, got ${await describePage(page)}`);
  const u = new URL(page.url());
  assert.equal(u.origin + u.pathname, h.callback.redirectUri, 'redirected to exactly the registered redirect_uri');
  return u;
}

// ---- token checks -----------------------------------------------------------------------------

const jwksCache = new Map();
export function remoteJwks(config) {
  const uri = config.serverMetadata().jwks_uri;
  assert.ok(typeof uri === 'string' && uri.length > 0, 'discovery metadata has jwks_uri');
  if (!jwksCache.has(uri)) jwksCache.set(uri, jose.createRemoteJWKSet(new URL(uri)));
  return jwksCache.get(uri);
}

/**
 * RFC 9068: the access token is a JWT with typ "at+jwt", signed by a key in jwks_uri, with iss, exp, aud,
 * sub, client_id, iat, jti (and scope). Returns the verified payload.
 */
export async function verifyAccessToken(config, h, token, { clientId, sub, scope }) {
  assert.equal(typeof token, 'string');
  assert.equal(token.split('.').length, 3, 'access token is a compact JWS (three dot-separated parts)');
  const header = jose.decodeProtectedHeader(token);
  assert.equal(header.typ, 'at+jwt', 'RFC 9068 §2.1: access token header typ is "at+jwt"');
  assert.ok(header.alg && header.alg !== 'none', 'access token is signed (alg is not none)');
  assert.ok(typeof header.kid === 'string' && header.kid, 'access token header names its signing key (kid)');
  const { payload } = await jose.jwtVerify(token, remoteJwks(config), { issuer: h.issuer, typ: 'at+jwt' });
  for (const claim of ['iss', 'exp', 'aud', 'sub', 'client_id', 'iat', 'jti', 'scope']) {
    assert.ok(payload[claim] !== undefined, `RFC 9068 §2.2: access token has claim "${claim}"`);
  }
  assert.equal(payload.client_id, clientId, 'access token client_id');
  if (sub !== undefined) assert.equal(payload.sub, sub, 'access token sub is the user id');
  assert.equal(typeof payload.jti, 'string');
  const now = Math.floor(Date.now() / 1000);
  assert.ok(payload.exp > now, 'access token exp is in the future');
  assert.ok(payload.iat <= now + 5, 'access token iat is not in the future');
  if (scope !== undefined) {
    assert.deepEqual(payload.scope.split(' ').sort(), scope.split(' ').sort(), 'access token scope');
  }
  return payload;
}

/** Awaits a promise that must reject with an OAuth error response carrying `error`. */
export async function expectOAuthError(promise, error, what) {
  let err;
  try {
    await promise;
  } catch (e) {
    err = e;
  }
  assert.ok(err, `${what}: expected the server to answer error=${error}, but it succeeded`);
  assert.equal(err.error ?? err.cause?.error, error, `${what}: expected error=${error}, got ${err.error ?? ''} (${err.message})`);
  return err;
}
