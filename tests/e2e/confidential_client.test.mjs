// A confidential client (client_secret_basic) driven with oauth4webapi's low-level calls, so the raw
// HTTP responses can be checked too: token response headers, introspection (RFC 7662) of live and
// revoked tokens, access-token revocation (RFC 7009), and a wrong secret (RFC 6749 §5.2).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import * as oauth from 'oauth4webapi';
import { ALICE, launchBrowser, startAuthly } from './harness.mjs';
import { callbackUrl, consent, isConsentPage, isLoginPage, login, verifyAccessToken } from './steps.mjs';

const insecure = { [oauth.allowInsecureRequests]: true };

describe('confidential client with oauth4webapi', () => {
  let h;
  let browser;
  let context;
  let as;
  let c; // oauth4webapi Client
  let auth; // ClientSecretBasic
  let config; // minimal stand-in for verifyAccessToken (serverMetadata())

  before(async () => {
    h = await startAuthly();
    browser = await launchBrowser();
    context = await browser.newContext();
    const issuer = new URL(h.issuer);
    as = await oauth.processDiscoveryResponse(issuer, await oauth.discoveryRequest(issuer, { algorithm: 'oauth2', ...insecure }));
    c = { client_id: h.confidentialClient.client_id };
    auth = oauth.ClientSecretBasic(h.confidentialClient.client_secret);
    config = { serverMetadata: () => as };
  });

  after(async () => {
    await context?.close();
    await browser?.close();
    if (h) {
      const exit = await h.stop();
      assert.deepEqual(exit, { code: 0, signal: null }, 'authly serve exits 0 on SIGTERM');
    }
  });

  async function authorize(page) {
    const codeVerifier = oauth.generateRandomCodeVerifier();
    const state = oauth.generateRandomState();
    const scope = 'profile offline_access';
    const url = new URL(as.authorization_endpoint);
    url.searchParams.set('response_type', 'code');
    url.searchParams.set('client_id', c.client_id);
    url.searchParams.set('redirect_uri', h.callback.redirectUri);
    url.searchParams.set('scope', scope);
    url.searchParams.set('state', state);
    url.searchParams.set('code_challenge', await oauth.calculatePKCECodeChallenge(codeVerifier));
    url.searchParams.set('code_challenge_method', 'S256');
    // Authly keeps offline_access only with prompt=consent (OIDC Core §11), for plain OAuth requests too.
    url.searchParams.set('prompt', 'consent');
    await page.goto(url.href);
    if (await isLoginPage(page)) await login(page, ALICE);
    if (await isConsentPage(page)) await consent(page, 'allow'); // a remembered consent may skip it

    const cb = await callbackUrl(page, h);
    const params = oauth.validateAuthResponse(as, c, cb, state);
    return { params, codeVerifier, scope };
  }

  const introspect = async (token, hint) =>
    oauth.processIntrospectionResponse(
      as,
      c,
      await oauth.introspectionRequest(as, c, auth, token, { ...insecure, additionalParameters: hint ? { token_type_hint: hint } : {} }),
    );

  test('code flow, introspection of live tokens, revocation of the access token', async () => {
    const page = await context.newPage();
    const { params, codeVerifier, scope } = await authorize(page);

    const response = await oauth.authorizationCodeGrantRequest(as, c, auth, params, h.callback.redirectUri, codeVerifier, insecure);
    assert.equal(response.status, 200, 'token endpoint 200');
    assert.match(response.headers.get('cache-control') ?? '', /no-store/, 'RFC 6749 §5.1: Cache-Control: no-store on token responses');
    assert.match(response.headers.get('content-type') ?? '', /^application\/json/, 'token response is JSON');
    const tokens = await oauth.processAuthorizationCodeResponse(as, c, response);
    const at = await verifyAccessToken(config, h, tokens.access_token, { clientId: c.client_id, sub: h.user.id, scope });
    assert.ok(tokens.refresh_token, 'refresh token issued');

    // RFC 7662 §2.2: active tokens introspect as active with their metadata.
    const ai = await introspect(tokens.access_token, 'access_token');
    assert.equal(ai.active, true, `live access token is active: ${JSON.stringify(ai)}`);
    assert.equal(ai.client_id, c.client_id, 'introspection client_id');
    assert.equal(ai.sub, h.user.id, 'introspection sub');
    assert.deepEqual(ai.scope?.split(' ').sort(), scope.split(' ').sort(), 'introspection scope');
    assert.equal(ai.exp, at.exp, 'introspection exp matches the JWT');
    const ri = await introspect(tokens.refresh_token, 'refresh_token');
    assert.equal(ri.active, true, `live refresh token is active: ${JSON.stringify(ri)}`);
    assert.equal(ri.client_id, c.client_id, 'refresh token introspection client_id');

    // A token that was never issued: active false.
    const none = await introspect('not-a-token-' + oauth.generateRandomState());
    assert.equal(none.active, false, 'an unknown token is inactive');

    // RFC 7009: revoke the access token; it introspects as inactive (jti on the deny-list).
    const rev = await oauth.revocationRequest(as, c, auth, tokens.access_token, {
      ...insecure,
      additionalParameters: { token_type_hint: 'access_token' },
    });
    assert.equal(rev.status, 200, 'RFC 7009 §2.2: revocation answers 200');
    await oauth.processRevocationResponse(rev);
    const after = await introspect(tokens.access_token, 'access_token');
    assert.equal(after.active, false, `revoked access token is inactive: ${JSON.stringify(after)}`);

    // Revoking the refresh token: refresh fails with invalid_grant and it introspects inactive.
    await oauth.processRevocationResponse(
      await oauth.revocationRequest(as, c, auth, tokens.refresh_token, { ...insecure, additionalParameters: { token_type_hint: 'refresh_token' } }),
    );
    const rr = await oauth.refreshTokenGrantRequest(as, c, auth, tokens.refresh_token, insecure);
    let err;
    try {
      await oauth.processRefreshTokenResponse(as, c, rr);
    } catch (e) {
      err = e;
    }
    assert.ok(err instanceof oauth.ResponseBodyError, `refresh with a revoked token fails (${err})`);
    assert.equal(err.status, 400, 'invalid_grant is a 400');
    assert.equal(err.error, 'invalid_grant');
    assert.equal((await introspect(tokens.refresh_token, 'refresh_token')).active, false, 'revoked refresh token is inactive');

    // RFC 7009 §2.2: revoking an unknown or already-revoked token still answers 200.
    const again = await oauth.revocationRequest(as, c, auth, tokens.refresh_token, insecure);
    assert.equal(again.status, 200, 'revoking an already-revoked token answers 200');
    await page.close();
  });

  test('a wrong client secret: 401 invalid_client with WWW-Authenticate (RFC 6749 §5.2)', async () => {
    const bad = oauth.ClientSecretBasic('wrong-' + h.confidentialClient.client_secret);
    const response = await oauth.introspectionRequest(as, c, bad, 'anything', insecure);
    assert.equal(response.status, 401, 'introspection with a wrong secret: 401');
    assert.match(response.headers.get('www-authenticate') ?? '', /^Basic/i, 'WWW-Authenticate: Basic ...');
    const body = await response.json();
    assert.equal(body.error, 'invalid_client');

    const page = await context.newPage();
    const { params, codeVerifier } = await authorize(page);
    const tr = await oauth.authorizationCodeGrantRequest(as, c, bad, params, h.callback.redirectUri, codeVerifier, insecure);
    assert.equal(tr.status, 401, 'token endpoint with a wrong secret: 401');
    assert.match(tr.headers.get('www-authenticate') ?? '', /^Basic/i, 'token endpoint: WWW-Authenticate: Basic ...');
    assert.equal((await tr.json()).error, 'invalid_client');
    await page.close();
  });
});
