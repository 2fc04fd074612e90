// OpenID Connect as a certified relying-party library sees it: openid-client 6 discovers the provider
// (OIDC Discovery 1.0), runs the code flow with nonce, state and PKCE in a real browser, validates the ID
// token (signature through jwks_uri, nonce, auth_time, at_hash via jose), calls userinfo and refreshes,
// against the real `authly` binary. No check of the library is relaxed (see discoverOidc in steps.mjs).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import * as client from 'openid-client';
import * as jose from 'jose';
import { launchBrowser, startAuthly } from './harness.mjs';
import {
  authorizeInBrowser,
  createOidcClient,
  describePage,
  discoverOidc,
  expectBearerChallenge,
  expectOAuthError,
  isConsentPage,
  isLoginPage,
  leftHalfHash,
  login,
  consent,
  callbackUrl,
  newAuthorizationRequest,
  redeemOidc,
  verifyAccessToken,
  verifyIdToken,
} from './steps.mjs';

// A user with profile claims beyond the username, and a verified e-mail address.
const BOB = Object.freeze({
  username: 'bob',
  email: 'bob@example.com',
  givenName: 'Bob',
  familyName: 'Builder',
  password: 'bob can fix it, yes he can 7',
});

const ALL_SCOPES = 'openid profile email address phone offline_access';

describe('OpenID Connect: discovery, code flow, ID token, userinfo, refresh (openid-client)', () => {
  let h;
  let browser;
  let context;
  let config; // openid-client Configuration of the OIDC public client
  let rp; // the client as registered (CLI JSON)
  let bob; // the user as created (CLI JSON)
  const started = Math.floor(Date.now() / 1000);

  before(async () => {
    h = await startAuthly({
      setup: (fx) => {
        const user = fx.cliJson(
          [
            'user', 'create', '--username', BOB.username, '--email', BOB.email, '--email-verified',
            '--given-name', BOB.givenName, '--family-name', BOB.familyName, '--password-stdin', '--json',
          ],
          BOB.password + '\n',
        );
        const oidcClient = createOidcClient(fx, { name: 'e2e oidc rp', scope: ALL_SCOPES });
        const byAlg = {};
        for (const alg of ['PS256', 'ES256', 'EdDSA']) {
          byAlg[alg] = createOidcClient(fx, { name: `e2e ${alg} rp`, scope: 'openid email', args: ['--id-token-signed-response-alg', alg] });
        }
        const pairwise = ['https://sector-a.example/ids.json', 'https://sector-b.example/ids.json'].map((sector, i) =>
          createOidcClient(fx, {
            name: `e2e pairwise rp ${i}`,
            scope: 'openid email',
            args: ['--subject-type', 'pairwise', '--sector-identifier-uri', sector],
          }),
        );
        const signedUserinfo = createOidcClient(fx, {
          name: 'e2e signed userinfo rp',
          scope: 'openid profile email',
          args: ['--userinfo-signed-response-alg', 'RS256'],
        });
        return { user, oidcClient, byAlg, pairwise, signedUserinfo };
      },
    });
    rp = h.extra.oidcClient;
    bob = h.extra.user;
    browser = await launchBrowser();
    context = await browser.newContext();
    config = await discoverOidc(h, rp.client_id);
  });

  after(async () => {
    await context?.close();
    await browser?.close();
    if (h) {
      const exit = await h.stop();
      assert.deepEqual(exit, { code: 0, signal: null }, 'authly serve exits 0 on SIGTERM');
    }
  });

  test('discovery (OIDC Discovery 1.0 §3/§4): issuer, provider metadata, every endpoint answers', async () => {
    const md = config.serverMetadata();
    // openid-client fetched <issuer>/.well-known/openid-configuration and compared issuer exactly (§4.3).
    assert.equal(md.issuer, h.issuer, 'issuer is exactly the configured issuer');
    const endpoints = {
      authorization_endpoint: '/oauth/authorize',
      token_endpoint: undefined,
      userinfo_endpoint: '/oidc/userinfo',
      jwks_uri: '/oidc/jwks',
      end_session_endpoint: '/oidc/logout',
    };
    for (const [k, p] of Object.entries(endpoints)) {
      assert.equal(typeof md[k], 'string', `metadata has ${k}`);
      assert.ok(md[k].startsWith(h.issuer + '/'), `${k} is under the issuer: ${md[k]}`);
      if (p) assert.equal(new URL(md[k]).pathname, p, `${k} path`);
    }
    // §3 REQUIRED members and what this provider promises.
    assert.ok(md.response_types_supported?.includes('code'), 'response_types_supported includes code');
    assert.ok(md.scopes_supported?.includes('openid'), 'scopes_supported includes openid');
    assert.deepEqual([...(md.subject_types_supported ?? [])].sort(), ['pairwise', 'public'], 'subject_types_supported');
    for (const alg of ['RS256', 'PS256', 'ES256', 'EdDSA']) {
      assert.ok(md.id_token_signing_alg_values_supported?.includes(alg), `id_token_signing_alg_values_supported has ${alg}`);
    }
    assert.ok(!md.id_token_signing_alg_values_supported.includes('none'), 'no unsigned ID tokens');
    assert.ok(Array.isArray(md.claims_supported), 'claims_supported');
    for (const c of ['sub', 'iss', 'email', 'preferred_username']) assert.ok(md.claims_supported.includes(c), `claims_supported has ${c}`);
    assert.equal(md.claims_parameter_supported, true, 'claims_parameter_supported');
    assert.equal(md.request_uri_parameter_supported, false, 'request_uri_parameter_supported is false (default would be true)');
    assert.equal(md.backchannel_logout_supported, true, 'backchannel_logout_supported');
    assert.equal(md.backchannel_logout_session_supported, true, 'backchannel_logout_session_supported');

    // Every advertised endpoint is mounted (a bare GET may be refused, but never 404 or 5xx).
    const urlKeys = Object.keys(md).filter((k) => (k.endsWith('_endpoint') || k === 'jwks_uri') && typeof md[k] === 'string');
    for (const k of urlKeys) {
      const r = await fetch(md[k], { redirect: 'manual' });
      assert.notEqual(r.status, 404, `${k} (${md[k]}) is mounted, got 404`);
      assert.ok(r.status < 500, `${k} (${md[k]}) answers without a server error, got ${r.status}`);
    }

    // RFC 8414 metadata names the same issuer and keys (one provider, two documents).
    const oauthMd = await (await fetch(`${h.issuer}/.well-known/oauth-authorization-server`)).json();
    assert.equal(oauthMd.issuer, md.issuer, 'RFC 8414 and OIDC metadata agree on issuer');
    assert.equal(oauthMd.jwks_uri, md.jwks_uri, 'RFC 8414 and OIDC metadata agree on jwks_uri');

    // JWKS: public keys only, each with kid, usable for signatures.
    const jr = await fetch(md.jwks_uri);
    assert.equal(jr.status, 200);
    assert.match(jr.headers.get('content-type') ?? '', /^application\/(jwk-set\+)?json/, 'JWKS content type');
    const jwks = await jr.json();
    assert.ok(Array.isArray(jwks.keys) && jwks.keys.length > 0, 'JWKS has keys');
    for (const k of jwks.keys) {
      assert.ok(typeof k.kid === 'string' && k.kid, 'every JWK has a kid');
      assert.ok(k.use === undefined || k.use === 'sig', `JWK ${k.kid} use is sig`);
      for (const priv of ['d', 'p', 'q', 'dp', 'dq', 'qi', 'k']) assert.equal(k[priv], undefined, `JWK ${k.kid} has no private member ${priv}`);
    }
  });

  let first; // {tokens, claims, req}: the first authorization, reused by the later tests

  test('code flow with nonce, state, PKCE: openid-client validates the ID token, jose verifies it, at_hash', async () => {
    const page = await context.newPage();
    const req = await newAuthorizationRequest(config, h, { scope: ALL_SCOPES });
    assert.ok(req.nonce, 'the request carries a nonce');
    const authUrl = req.url;
    assert.equal(authUrl.searchParams.get('code_challenge_method'), 'S256');
    await page.goto(authUrl.href);
    assert.ok(await isLoginPage(page), `login page expected: ${await describePage(page)}`);
    await login(page, BOB);
    assert.ok(await isConsentPage(page), `consent page expected: ${await describePage(page)}`);
    await consent(page, 'allow');
    const cb = await callbackUrl(page, h);
    assert.equal(cb.searchParams.get('iss'), h.issuer, 'RFC 9207 iss');

    // openid-client: state, iss, code exchange with the verifier, then the ID token: signature against
    // jwks_uri (non-repudiation checks), alg RS256, iss, aud, exp, iat, nonce, auth_time present.
    const tokens = await redeemOidc(config, { req, cb });
    assert.ok(tokens.id_token, 'an ID token is issued for scope openid');
    assert.deepEqual(tokens.scope.split(' ').sort(), ALL_SCOPES.split(' ').sort(), 'granted scope (offline_access with prompt=consent)');
    assert.ok(tokens.refresh_token, 'a refresh token (offline_access)');
    const claims = tokens.claims();
    const now = Math.floor(Date.now() / 1000);
    assert.equal(claims.iss, h.issuer, 'iss');
    assert.equal(claims.sub, bob.id, 'sub: the user id (public subject type is the default)');
    assert.ok(claims.aud === rp.client_id || (Array.isArray(claims.aud) && claims.aud.includes(rp.client_id)), 'aud');
    assert.equal(claims.azp, rp.client_id, 'azp is the client_id');
    assert.equal(claims.nonce, req.nonce, 'nonce');
    assert.ok(Number.isInteger(claims.auth_time), 'auth_time is a number (seconds)');
    assert.ok(claims.auth_time >= started - 5 && claims.auth_time <= now + 5, `auth_time is the login just now: ${claims.auth_time}`);
    assert.ok(claims.iat >= claims.auth_time - 5, 'iat is not before the login');
    assert.equal(claims.acr, '1', 'acr "1" (password)');
    assert.deepEqual(claims.amr, ['pwd'], 'amr ["pwd"] (RFC 8176)');
    assert.ok(typeof claims.sid === 'string' && claims.sid.length > 0, 'sid (Back-Channel Logout §2.1)');
    assert.ok(claims.exp > now, 'exp in the future');

    // at_hash (Core §3.1.3.8, required by this provider): left half of SHA-256(access_token), base64url.
    const header = jose.decodeProtectedHeader(tokens.id_token);
    assert.equal(header.alg, 'RS256', 'RS256 by default (registration default id_token_signed_response_alg)');
    assert.equal(claims.at_hash, leftHalfHash(tokens.access_token, 'RS256'), 'at_hash');

    // The same token verified independently with jose and a fresh JWKS.
    const { payload, header: verifiedHeader } = await verifyIdToken(config, h, tokens.id_token, {
      clientId: rp.client_id,
      nonce: req.nonce,
      accessToken: tokens.access_token,
    });
    assert.deepEqual(payload, { ...claims }, 'jose sees the same claims as openid-client');
    const jwks = await (await fetch(config.serverMetadata().jwks_uri)).json();
    const jwk = jwks.keys.find((k) => k.kid === verifiedHeader.kid);
    assert.ok(jwk, `the signing key ${verifiedHeader.kid} is published`);
    assert.equal(jwk.kty, 'RSA', 'an RSA key signs RS256');
    assert.ok(jwk.alg === undefined || jwk.alg === 'RS256', 'the key is for RS256');

    // The access token is still an RFC 9068 JWT for the same user.
    await verifyAccessToken(config, h, tokens.access_token, { clientId: rp.client_id, sub: bob.id, scope: ALL_SCOPES });

    // Tampering with the ID token signature is caught by jose (and so would be by the library).
    const [hd, pl, sig] = tokens.id_token.split('.');
    const badSig = (sig[0] === 'A' ? 'B' : 'A') + sig.slice(1);
    await assert.rejects(verifyIdToken(config, h, `${hd}.${pl}.${badSig}`, { clientId: rp.client_id, nonce: req.nonce }), /signature/i);

    first = { tokens, claims: { ...claims }, req };
    await page.close();
  });

  test('userinfo (Core §5.3): claims for the granted scopes, GET and POST; revoked token -> invalid_token', async () => {
    assert.ok(first, 'needs the code flow test');
    const { tokens, claims } = first;
    // openid-client checks the response sub against the ID token's sub (§5.3.2).
    const info = await client.fetchUserInfo(config, tokens.access_token, claims.sub);
    assert.equal(info.sub, claims.sub, 'userinfo sub equals the ID token sub');
    // profile
    assert.equal(info.preferred_username, BOB.username, 'profile: preferred_username');
    assert.equal(info.given_name, BOB.givenName, 'profile: given_name');
    assert.equal(info.family_name, BOB.familyName, 'profile: family_name');
    if (info.updated_at !== undefined) assert.ok(Number.isInteger(info.updated_at), 'updated_at is seconds since the epoch');
    // email
    assert.equal(info.email, BOB.email, 'email: email');
    assert.equal(info.email_verified, true, 'email: email_verified is a JSON boolean');
    // §5.3.2: claims without a value are omitted, never null; bob has no address or phone.
    for (const [k, v] of Object.entries(info)) assert.notEqual(v, null, `claim ${k} is not null`);
    assert.equal(info.phone_number, undefined, 'no phone_number for a user without one');
    assert.equal(info.address, undefined, 'no address for a user without one');
    assert.equal(info.password, undefined);
    assert.equal(info.password_hash, undefined);

    // POST with the bearer token in the header (Core §5.3.1) gives the same claims; so does the form body
    // (RFC 6750 §2.2).
    const ep = config.serverMetadata().userinfo_endpoint;
    const post = await fetch(ep, { method: 'POST', headers: { authorization: `Bearer ${tokens.access_token}` } });
    assert.equal(post.status, 200, 'POST userinfo 200');
    assert.match(post.headers.get('content-type') ?? '', /^application\/json/);
    assert.match(post.headers.get('cache-control') ?? '', /no-store/, 'userinfo is not cached');
    assert.deepEqual(await post.json(), info, 'POST userinfo = GET userinfo');
    const form = await fetch(ep, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ access_token: tokens.access_token }),
    });
    assert.equal(form.status, 200, 'POST userinfo with the form-encoded access_token');
    assert.deepEqual(await form.json(), info);

    // No token: 401 with a bare Bearer challenge (RFC 6750 §3.1).
    const none = await fetch(ep);
    assert.equal(none.status, 401, 'userinfo without a token: 401');
    assert.match(none.headers.get('www-authenticate') ?? '', /^Bearer\b/i, 'WWW-Authenticate: Bearer');
    // A token that is not one: invalid_token.
    await expectBearerChallenge(
      client.fetchUserInfo(config, 'not.a.token', client.skipSubjectCheck),
      { status: 401, error: 'invalid_token' },
      'garbage access token',
    );
    // An ID token is not an access token (typ JWT, not at+jwt).
    await expectBearerChallenge(
      client.fetchUserInfo(config, tokens.id_token, client.skipSubjectCheck),
      { status: 401, error: 'invalid_token' },
      'ID token used as an access token',
    );
  });

  test('userinfo with a revoked access token: the library raises the 401 invalid_token challenge', async () => {
    const page = await context.newPage();
    // Its own authorization, so that revoking (which RFC 7009 §2.1 lets reach the whole grant) does not
    // touch the tokens of the other tests.
    const a = await authorizeInBrowser(page, config, h, { user: BOB, extra: { scope: 'openid profile' } });
    const t = await redeemOidc(config, a);
    const sub = t.claims().sub;
    assert.equal((await client.fetchUserInfo(config, t.access_token, sub)).sub, sub, 'live token works');
    await client.tokenRevocation(config, t.access_token, { token_type_hint: 'access_token' });
    await expectBearerChallenge(
      client.fetchUserInfo(config, t.access_token, sub),
      { status: 401, error: 'invalid_token' },
      'revoked access token',
    );
    await page.close();
  });

  test('userinfo releases only what the scopes grant; without openid -> 403 insufficient_scope', async () => {
    const page = await context.newPage();
    // openid only: sub and nothing else (SSO: no login page in this browser context).
    const a = await authorizeInBrowser(page, config, h, { user: BOB, extra: { scope: 'openid' } });
    const ta = await redeemOidc(config, a);
    const only = await client.fetchUserInfo(config, ta.access_token, ta.claims().sub);
    assert.deepEqual(Object.keys(only), ['sub'], `scope openid alone releases only sub: ${JSON.stringify(only)}`);

    // openid email: email claims, no profile claims.
    const b = await authorizeInBrowser(page, config, h, { user: BOB, extra: { scope: 'openid email' } });
    const tb = await redeemOidc(config, b);
    const em = await client.fetchUserInfo(config, tb.access_token, tb.claims().sub);
    assert.equal(em.email, BOB.email);
    assert.equal(em.email_verified, true);
    assert.equal(em.preferred_username, undefined, 'no profile claims without the profile scope');
    assert.equal(em.given_name, undefined, 'no profile claims without the profile scope');
    // Standard claims are not in the ID token when an access token is issued (Core §5.4).
    assert.equal(tb.claims().email, undefined, 'scope claims go to userinfo, not the ID token');

    // No openid scope: an OAuth-only authorization; no ID token; userinfo refuses the token.
    const c = await newAuthorizationRequest(config, h, { scope: 'profile' });
    await page.goto(c.url.href);
    if (await isLoginPage(page)) await login(page, BOB);
    if (await isConsentPage(page)) await consent(page, 'allow');
    const cbc = await callbackUrl(page, h);
    const tc = await client.authorizationCodeGrant(config, cbc, { pkceCodeVerifier: c.codeVerifier, expectedState: c.state });
    assert.equal(tc.id_token, undefined, 'no ID token without the openid scope');
    const challenge = await expectBearerChallenge(
      client.fetchUserInfo(config, tc.access_token, client.skipSubjectCheck),
      { status: 403, error: 'insufficient_scope' },
      'access token without openid',
    );
    if (challenge.parameters.scope !== undefined) assert.match(challenge.parameters.scope, /\bopenid\b/, 'the challenge names the openid scope');
    await page.close();
  });

  test('refresh (Core §12.2): a new ID token, same sub, auth_time and sid, no nonce, signature checked', async () => {
    assert.ok(first, 'needs the code flow test');
    const before = first.claims;
    // refreshTokenGrant validates the new ID token (signature via JWKS, iss, aud, exp, iat, auth_time).
    const r = await client.refreshTokenGrant(config, first.tokens.refresh_token);
    assert.ok(r.id_token, 'the refresh response carries a new ID token');
    assert.notEqual(r.id_token, first.tokens.id_token, 'a new ID token');
    const c = r.claims();
    assert.equal(c.iss, before.iss, 'same iss');
    assert.equal(c.sub, before.sub, 'same sub');
    assert.equal(c.auth_time, before.auth_time, 'same auth_time: refreshing is not authenticating');
    assert.equal(c.nonce, undefined, 'no nonce in a refreshed ID token');
    assert.equal(c.sid, before.sid, 'same sid (the same browser session)');
    assert.equal(c.azp, rp.client_id, 'azp');
    assert.ok(c.iat >= before.iat, 'iat not older than the first ID token');
    assert.equal(c.at_hash, leftHalfHash(r.access_token, 'RS256'), 'at_hash of the new access token');
    await verifyIdToken(config, h, r.id_token, { clientId: rp.client_id, accessToken: r.access_token });
    // The new access token works at userinfo for the same subject.
    const info = await client.fetchUserInfo(config, r.access_token, before.sub);
    assert.equal(info.email, BOB.email);
    // And the rotated-away refresh token is dead.
    await expectOAuthError(client.refreshTokenGrant(config, first.tokens.refresh_token), 'invalid_grant', 'rotated refresh token replayed');
  });
  test('the ID token signature check is really on: a tampered signature in the token response is refused', async () => {
    // A man in the middle between the library and the token endpoint flips one signature character.
    let tamper = false;
    const mitm = async (url, options) => {
      const res = await fetch(url, options);
      if (!tamper || new URL(url).pathname !== new URL(config.serverMetadata().token_endpoint).pathname) return res;
      const body = await res.json();
      const [hd, pl, sig] = body.id_token.split('.');
      body.id_token = `${hd}.${pl}.${(sig[0] === 'A' ? 'B' : 'A') + sig.slice(1)}`;
      return new Response(JSON.stringify(body), { status: res.status, headers: { 'content-type': 'application/json', 'cache-control': 'no-store' } });
    };
    const checked = await discoverOidc(h, rp.client_id, { fetch: mitm });
    const page = await context.newPage();
    const a = await authorizeInBrowser(page, checked, h, { user: BOB, extra: { scope: 'openid' } });
    tamper = true;
    await assert.rejects(redeemOidc(checked, a), (e) => /signature/i.test(`${e.message} ${e.code} ${e.cause?.message ?? ''}`), 'enableNonRepudiationChecks rejects a bad ID token signature');
    tamper = false;
    // Untampered, the same configuration accepts the next one.
    const b = await authorizeInBrowser(page, checked, h, { user: BOB, extra: { scope: 'openid' } });
    assert.ok((await redeemOidc(checked, b)).id_token);
    await page.close();
  });

  test('max_age (Core §3.1.2.1): an older session re-authenticates; the library checks auth_time', async () => {
    assert.ok(first, 'needs the code flow test (an existing session)');
    const page = await context.newPage();
    await new Promise((r) => setTimeout(r, 2100)); // the session's login is now > 1 s old
    // prompt=none cannot re-authenticate: login_required.
    const silent = await newAuthorizationRequest(config, h, { scope: 'openid', prompt: 'none', max_age: '1' });
    await page.goto(silent.url.href);
    await expectOAuthError(
      client.authorizationCodeGrant(config, await callbackUrl(page, h), { pkceCodeVerifier: silent.codeVerifier, expectedState: silent.state, expectedNonce: silent.nonce, maxAge: 1 }),
      'login_required',
      'prompt=none with max_age exceeded',
    );
    // Interactive: the login page again, then an ID token whose auth_time is fresh.
    const req = await newAuthorizationRequest(config, h, { scope: 'openid', max_age: '1' });
    await page.goto(req.url.href);
    assert.ok(await isLoginPage(page), `max_age=1 with an older session shows the login page: ${await describePage(page)}`);
    await login(page, BOB);
    if (await isConsentPage(page)) await consent(page, 'allow');
    const t = await client.authorizationCodeGrant(config, await callbackUrl(page, h), {
      pkceCodeVerifier: req.codeVerifier,
      expectedState: req.state,
      expectedNonce: req.nonce,
      maxAge: 1, // openid-client: auth_time must be within max_age
    });
    assert.ok(t.claims().auth_time > first.claims.auth_time, 'a new authentication, a newer auth_time');
    await page.close();
  });

  test('claims parameter (Core §5.5): claims asked for the ID token and for userinfo individually', async () => {
    const page = await context.newPage();
    const claimsParam = JSON.stringify({ id_token: { email: { essential: true } }, userinfo: { given_name: null } });
    const a = await authorizeInBrowser(page, config, h, { user: BOB, extra: { scope: 'openid', claims: claimsParam } });
    const t = await redeemOidc(config, a);
    const c = t.claims();
    assert.equal(c.email, BOB.email, 'the ID token carries the email asked for in claims.id_token');
    assert.equal(c.given_name, undefined, 'claims.userinfo members are not put in the ID token');
    const info = await client.fetchUserInfo(config, t.access_token, c.sub);
    assert.equal(info.given_name, BOB.givenName, 'userinfo releases the given_name asked for in claims.userinfo');
    assert.equal(info.email, undefined, 'claims.id_token members are not released at userinfo (no email scope)');
    await page.close();
  });

  for (const alg of ['PS256', 'ES256', 'EdDSA']) {
    test(`id_token_signed_response_alg ${alg}: openid-client validates it, at_hash uses the alg's hash`, async () => {
      const c = h.extra.byAlg[alg];
      assert.equal(c.id_token_signed_response_alg, alg, 'client create --json echoes id_token_signed_response_alg');
      const cfg = await discoverOidc(h, c.client_id, { metadata: { id_token_signed_response_alg: alg } });
      const page = await context.newPage();
      const a = await authorizeInBrowser(page, cfg, h, { user: BOB, extra: { scope: 'openid email' } });
      const t = await redeemOidc(cfg, a); // signature via JWKS, alg must equal the registered one
      assert.equal(jose.decodeProtectedHeader(t.id_token).alg, alg);
      const { payload } = await verifyIdToken(cfg, h, t.id_token, { clientId: c.client_id, alg, nonce: a.req.nonce, accessToken: t.access_token });
      assert.equal(payload.sub, bob.id);
      if (t.refresh_token) {
        const r = await client.refreshTokenGrant(cfg, t.refresh_token); // validated with the same pinned alg
        assert.equal(jose.decodeProtectedHeader(r.id_token).alg, alg, 'refreshed ID token: same alg');
      }
      await page.close();
    });
  }

  test('signed userinfo (Core §5.3.2): userinfo_signed_response_alg RS256, openid-client validates the JWT', async () => {
    const c = h.extra.signedUserinfo;
    assert.equal(c.userinfo_signed_response_alg, 'RS256', 'client create --json echoes userinfo_signed_response_alg');
    assert.equal(rp.userinfo_signed_response_alg, undefined, 'a client registered without it has none (plain JSON)');
    assert.deepEqual(
      config.serverMetadata().userinfo_signing_alg_values_supported,
      ['RS256', 'PS256', 'ES256', 'EdDSA'],
      'userinfo_signing_alg_values_supported (Discovery §3)',
    );
    // With userinfo_signed_response_alg in the client metadata openid-client sends Accept: application/jwt,
    // insists on a JWT, pins its alg, checks iss and aud, and (enableNonRepudiationChecks) verifies the
    // signature against jwks_uri.
    let tamper = false;
    const mitm = async (url, options) => {
      const res = await fetch(url, options);
      if (!tamper || new URL(url).pathname !== '/oidc/userinfo') return res;
      const [hd, pl, sig] = (await res.text()).split('.');
      return new Response(`${hd}.${pl}.${(sig[0] === 'A' ? 'B' : 'A') + sig.slice(1)}`, { status: res.status, headers: res.headers });
    };
    const cfg = await discoverOidc(h, c.client_id, { metadata: { userinfo_signed_response_alg: 'RS256' }, fetch: mitm });
    const page = await context.newPage();
    const a = await authorizeInBrowser(page, cfg, h, { user: BOB, extra: { scope: 'openid profile email' } });
    const t = await redeemOidc(cfg, a);
    const sub = t.claims().sub;
    const info = await client.fetchUserInfo(cfg, t.access_token, sub);
    assert.equal(info.sub, bob.id, 'sub');
    assert.equal(info.iss, h.issuer, '§5.3.2: iss is the issuer');
    assert.equal(info.aud, c.client_id, '§5.3.2: aud is the client_id');
    assert.equal(info.preferred_username, BOB.username, 'profile claims');
    assert.equal(info.given_name, BOB.givenName);
    assert.equal(info.email, BOB.email, 'email claims');
    assert.equal(info.email_verified, true);

    // The raw response, verified independently with jose and a fresh JWKS.
    const r = await fetch(cfg.serverMetadata().userinfo_endpoint, { headers: { authorization: `Bearer ${t.access_token}` } });
    assert.equal(r.status, 200);
    assert.equal((r.headers.get('content-type') ?? '').split(';')[0], 'application/jwt', 'Content-Type: application/jwt');
    assert.match(r.headers.get('cache-control') ?? '', /no-store/, 'signed userinfo is not cached either');
    const jwks = jose.createRemoteJWKSet(new URL(cfg.serverMetadata().jwks_uri), { cooldownDuration: 0, cacheMaxAge: 0 });
    const { payload, protectedHeader } = await jose.jwtVerify(await r.text(), jwks, {
      issuer: h.issuer,
      audience: c.client_id,
      algorithms: ['RS256'],
      typ: 'JWT',
    });
    assert.ok(typeof protectedHeader.kid === 'string' && protectedHeader.kid, 'the header names its key (kid)');
    assert.deepEqual(payload, { ...info }, 'jose sees the claims openid-client returned');

    // The signature check is really on: a flipped signature character is refused by the library.
    tamper = true;
    await assert.rejects(
      client.fetchUserInfo(cfg, t.access_token, sub),
      (e) => /signature/i.test(`${e.message} ${e.code} ${e.cause?.message ?? ''}`),
      'enableNonRepudiationChecks rejects a bad UserInfo signature',
    );
    tamper = false;

    // Errors stay JSON with a Bearer challenge for a signing client.
    await expectBearerChallenge(
      client.fetchUserInfo(cfg, 'not.a.token', client.skipSubjectCheck),
      { status: 401, error: 'invalid_token' },
      'garbage access token (signing client)',
    );
    await page.close();
  });

  test('pairwise subjects (Core §8.1): stable per sector, different across sectors, not the user id', async () => {
    const [pa, pb] = h.extra.pairwise;
    assert.equal(pa.subject_type, 'pairwise', 'client create --json echoes subject_type');
    const page = await context.newPage();
    const subs = [];
    for (const c of [pa, pb, pa]) {
      const cfg = await discoverOidc(h, c.client_id);
      const a = await authorizeInBrowser(page, cfg, h, { user: BOB, extra: { scope: 'openid email' } });
      const t = await redeemOidc(cfg, a);
      const sub = t.claims().sub;
      // userinfo gives the same pairwise sub (openid-client compares it).
      const info = await client.fetchUserInfo(cfg, t.access_token, sub);
      assert.equal(info.email, BOB.email);
      subs.push(sub);
    }
    assert.notEqual(subs[0], bob.id, 'a pairwise sub is not the public user id');
    assert.notEqual(subs[0], subs[1], 'different sectors see different subs');
    assert.equal(subs[0], subs[2], 'the same sector sees the same sub every time');
    await page.close();
  });
});
