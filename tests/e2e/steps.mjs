// Shared steps of the e2e tests: client-library configuration from discovery, and what a person does
// in the browser (log in, allow or deny consent).
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
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

/**
 * A fresh authorization request: library-generated PKCE S256 verifier, state (and nonce for OIDC).
 * OIDC Core §11: an OpenID Provider honours offline_access only together with prompt=consent, so an
 * OIDC request for offline_access carries prompt=consent unless `extra` sets another prompt.
 * `extra` may also replace the scope (and `redirect_uri`).
 */
export async function newAuthorizationRequest(config, h, extra = {}) {
  const oidc = speaksOidc(config);
  const codeVerifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = oidc ? client.randomNonce() : undefined;
  const scope = extra.scope ?? (oidc ? 'openid profile offline_access' : 'profile offline_access');
  const offlineNeedsConsent = oidc && scope.split(' ').includes('offline_access') && extra.prompt === undefined;
  const params = {
    redirect_uri: h.callback.redirectUri,
    scope,
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    state,
    ...(nonce ? { nonce } : {}),
    ...(offlineNeedsConsent ? { prompt: 'consent' } : {}),
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

// ---- OpenID Connect ---------------------------------------------------------------------------

/**
 * An openid-client Configuration from OpenID Connect Discovery 1.0 (the library's default algorithm:
 * <issuer>/.well-known/openid-configuration, issuer compared exactly), for `clientId` (a public client
 * unless `secret` is given, then client_secret_basic).
 *
 * - enableNonRepudiationChecks: openid-client 6 otherwise trusts the TLS channel for ID tokens from the
 *   token endpoint and skips their signature; with it every ID token (code and refresh grants) is
 *   verified against jwks_uri.
 * - id_token_signed_response_alg pins the expected alg (RS256, the registration default) and
 *   require_auth_time makes auth_time a required claim.
 * - allowInsecureRequests only lets the library talk plain HTTP to the loopback issuer
 *   (http://127.0.0.1:<port>) of this test; it is a transport setting, not a token check: every ID token,
 *   state, iss, nonce, PKCE and userinfo check stays on.
 */
export async function discoverOidc(h, clientId, { secret, metadata = {}, fetch } = {}) {
  const options = { execute: [client.allowInsecureRequests, client.enableNonRepudiationChecks], timeout: 15 };
  if (fetch) options[client.customFetch] = fetch; // tests that play a man in the middle
  const md = { id_token_signed_response_alg: 'RS256', require_auth_time: true, ...metadata };
  const auth = secret ? client.ClientSecretBasic(secret) : client.None();
  return client.discovery(new URL(h.issuer), clientId, secret ? { ...md, client_secret: secret } : md, auth, options);
}

/**
 * Registers a client with the real CLI (`authly client create ... --json`). `fx` is what harness setup
 * gets ({cliJson, callback}) or the harness handle. Options: name, type ('public'|'confidential'),
 * scope, redirectUris, postLogoutRedirectUris, backchannelLogoutUri, args (more CLI arguments).
 */
export function createOidcClient(fx, opts = {}) {
  const type = opts.type ?? 'public';
  const args = ['client', 'create', '--name', opts.name ?? 'e2e oidc', '--type', type];
  for (const u of opts.redirectUris ?? [fx.callback.redirectUri]) args.push('--redirect-uri', u);
  for (const u of opts.postLogoutRedirectUris ?? []) args.push('--post-logout-redirect-uri', u);
  if (opts.backchannelLogoutUri) args.push('--backchannel-logout-uri', opts.backchannelLogoutUri);
  args.push('--grant-type', 'authorization_code', '--grant-type', 'refresh_token');
  if (type === 'confidential') args.push('--auth-method', 'client_secret_basic');
  args.push('--scope', opts.scope ?? 'openid profile email address phone offline_access');
  args.push(...(opts.args ?? []), '--json');
  const c = fx.cliJson(args);
  assert.ok(typeof c.client_id === 'string' && c.client_id, `client create --json prints a client_id: ${JSON.stringify(c)}`);
  return c;
}

/** OIDC Core §3.1.3.6 at_hash / §3.3.2.11 c_hash: base64url of the left half of the hash of the ASCII value. */
export function leftHalfHash(value, alg) {
  // The hash of the JWS alg: SHA-256 for RS256/PS256/ES256; SHA-512 for EdDSA over Ed25519.
  const hash = { RS256: 'sha256', PS256: 'sha256', ES256: 'sha256', EdDSA: 'sha512', Ed25519: 'sha512' }[alg];
  assert.ok(hash, `no hash known for alg ${alg}`);
  const digest = crypto.createHash(hash).update(value, 'ascii').digest();
  return digest.subarray(0, digest.length / 2).toString('base64url');
}

/**
 * Verifies an ID token independently of openid-client: jose.jwtVerify against jwks_uri, pinned alg,
 * issuer, audience; then OIDC Core §2/§3.1.3.7 claims. Returns {payload, header}.
 * Options: clientId, alg (default RS256), nonce (undefined: must be absent), accessToken (at_hash),
 * jwks (a jose key set; default: a fresh createRemoteJWKSet).
 */
export async function verifyIdToken(config, h, idToken, { clientId, alg = 'RS256', nonce, accessToken, jwks } = {}) {
  assert.equal(typeof idToken, 'string', 'an id_token string');
  const md = config.serverMetadata();
  const keySet = jwks ?? jose.createRemoteJWKSet(new URL(md.jwks_uri), { cooldownDuration: 0, cacheMaxAge: 0 });
  const { payload, protectedHeader: header } = await jose.jwtVerify(idToken, keySet, {
    issuer: h.issuer,
    audience: clientId,
    algorithms: [alg],
    requiredClaims: ['iss', 'sub', 'aud', 'exp', 'iat'],
  });
  assert.equal(header.alg, alg, `ID token alg ${alg}`);
  assert.ok(typeof header.kid === 'string' && header.kid, 'ID token header names its key (kid)');
  assert.ok(header.typ === undefined || header.typ === 'JWT', `ID token typ is absent or "JWT", got ${header.typ}`);
  assert.ok(typeof payload.sub === 'string' && payload.sub.length > 0 && payload.sub.length <= 255, 'sub: 1..255 ASCII chars (§2)');
  const aud = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
  assert.ok(aud.includes(clientId), 'aud contains the client_id');
  if (aud.length > 1 || payload.azp !== undefined) assert.equal(payload.azp, clientId, 'azp is the client_id (§2)');
  const now = Math.floor(Date.now() / 1000);
  assert.ok(Number.isInteger(payload.exp) && payload.exp > now, 'exp in the future');
  assert.ok(Number.isInteger(payload.iat) && payload.iat <= now + 5, 'iat not in the future');
  if (nonce === undefined) assert.equal(payload.nonce, undefined, 'no nonce claim');
  else assert.equal(payload.nonce, nonce, 'nonce is the one sent in the authorization request (§3.1.3.7 11)');
  if (accessToken !== undefined) {
    assert.equal(payload.at_hash, leftHalfHash(accessToken, alg), 'at_hash matches the access token (§3.1.3.6)');
  }
  return { payload, header };
}

/**
 * Runs one authorization in `page` (logging in and consenting when the pages appear) and returns
 * {req, cb}: the request and the URL the browser landed on at the redirect_uri.
 */
export async function authorizeInBrowser(page, config, h, { user, extra = {} } = {}) {
  const req = await newAuthorizationRequest(config, h, extra);
  await page.goto(req.url.href);
  if (await isLoginPage(page)) await login(page, user);
  if (await isConsentPage(page)) await consent(page, 'allow');
  return { req, cb: await callbackUrl(page, h) };
}

/** The code grant for an OIDC authorization response, through openid-client (state, iss, nonce, ID token). */
export function redeemOidc(config, { req, cb }) {
  return client.authorizationCodeGrant(config, cb, {
    pkceCodeVerifier: req.codeVerifier,
    expectedState: req.state,
    expectedNonce: req.nonce,
  });
}

/**
 * Awaits a promise that must reject with an RFC 6750 §3 Bearer challenge: the library's
 * WWWAuthenticateChallengeError with `status` and, when given, `error`. Returns the challenge.
 */
export async function expectBearerChallenge(promise, { status, error }, what) {
  let err;
  try {
    await promise;
  } catch (e) {
    err = e;
  }
  assert.ok(err, `${what}: expected a ${status} Bearer challenge, but it succeeded`);
  assert.ok(err instanceof client.WWWAuthenticateChallengeError, `${what}: expected WWWAuthenticateChallengeError, got ${err.name}: ${err.message}`);
  assert.equal(err.status, status, `${what}: HTTP ${status}`);
  const bearer = err.cause.find((c) => c.scheme === 'bearer');
  assert.ok(bearer, `${what}: a Bearer challenge in WWW-Authenticate: ${JSON.stringify(err.cause)}`);
  if (error !== undefined) assert.equal(bearer.parameters.error, error, `${what}: error="${error}" in the challenge`);
  return bearer;
}
