// Signing key rotation against the real `authly` binary (DESIGN §4: next -> active -> retired): `authly keys
// rotate` on the running server's database stages a key that is published in JWKS at once and signs after
// keys.publish_lead_s; tokens signed before the rotation keep verifying (jose against jwks_uri, and the
// server itself at userinfo) while new ID tokens, validated by openid-client, carry the new kid.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import * as client from 'openid-client';
import * as jose from 'jose';
import { ALICE, launchBrowser, startAuthly } from './harness.mjs';
import {
  authorizeInBrowser,
  createOidcClient,
  discoverOidc,
  redeemOidc,
  verifyAccessToken,
  verifyIdToken,
} from './steps.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Polls `fn` every `everyMs` until it returns a truthy value; fails after `timeoutMs` with `what`. */
async function until(fn, what, { timeoutMs = 20000, everyMs = 250 } = {}) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    last = await fn();
    if (last) return last;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(everyMs);
  }
}

describe('signing key rotation', () => {
  let h;
  let browser;
  let context;
  let rp;

  before(async () => {
    h = await startAuthly({
      // Rotation on a test's time scale: no JWKS caching, a 1 s publish lead, key table re-read every second.
      extraEnv: {
        AUTHLY_KEYS_JWKS_MAX_AGE_S: '0',
        AUTHLY_KEYS_PUBLISH_LEAD_S: '1',
        AUTHLY_KEYS_RELOAD_INTERVAL_S: '1',
      },
      setup: (fx) => ({ rp: createOidcClient(fx, { name: 'e2e rotation rp', scope: 'openid profile offline_access' }) }),
    });
    rp = h.extra.rp;
    browser = await launchBrowser();
    context = await browser.newContext();
  });

  after(async () => {
    await context?.close();
    await browser?.close();
    if (h) {
      const exit = await h.stop();
      assert.deepEqual(exit, { code: 0, signal: null }, 'authly serve exits 0 on SIGTERM');
    }
  });

  const keysList = () => h.cliJson(['keys', 'list', '--json']);
  const jwksUri = () => `${h.issuer}/oidc/jwks`;
  async function publishedKids() {
    const r = await fetch(jwksUri());
    assert.equal(r.status, 200);
    return { kids: (await r.json()).keys.map((k) => k.kid), cacheControl: r.headers.get('cache-control') ?? '' };
  }
  // A fresh JWKS download for every verification: what a relying party sees right now.
  const freshJwks = () => jose.createRemoteJWKSet(new URL(jwksUri()), { cooldownDuration: 0, cacheMaxAge: 0 });

  test('rotate RS256 (ID tokens) and ES256 (access tokens): old tokens keep verifying, new ones carry the new kids', async () => {
    // 1. Tokens signed before the rotation.
    let config = await discoverOidc(h, rp.client_id);
    const page = await context.newPage();
    const flow = await authorizeInBrowser(page, config, h, { user: ALICE, extra: { scope: 'openid profile offline_access' } });
    const old = await redeemOidc(config, flow);
    const oldIdKid = jose.decodeProtectedHeader(old.id_token).kid;
    const oldAtHeader = jose.decodeProtectedHeader(old.access_token);
    const oldAtKid = oldAtHeader.kid;
    const sub = old.claims().sub;
    assert.equal(jose.decodeProtectedHeader(old.id_token).alg, 'RS256');

    const initial = keysList();
    const row = (rows, kid) => rows.find((k) => k.kid === kid);
    assert.equal(row(initial, oldIdKid)?.state, 'active', `the ID token key ${oldIdKid} is active: ${JSON.stringify(initial)}`);
    assert.equal(row(initial, oldAtKid)?.state, 'active', `the access token key ${oldAtKid} is active`);
    for (const k of initial) for (const secret of ['d', 'private_key', 'sealed']) assert.equal(k[secret], undefined, 'keys list never prints private key material');
    const { cacheControl } = await publishedKids();
    assert.match(cacheControl, /max-age=0\b/, `JWKS Cache-Control max-age is keys.jwks_max_age_s: ${cacheControl}`);

    // 2. Rotate both algorithms with the CLI, on the running server's database.
    const rs = h.cliJson(['keys', 'rotate', '--alg', 'RS256', '--json']);
    assert.equal(rs.alg, 'RS256');
    assert.equal(rs.created, true, `a new key was staged: ${JSON.stringify(rs)}`);
    assert.equal(rs.replaces, oldIdKid, 'it replaces the active RS256 key');
    assert.notEqual(rs.kid, oldIdKid);
    const es = h.cliJson(['keys', 'rotate', '--alg', oldAtHeader.alg, '--json']);
    assert.equal(es.replaces, oldAtKid, `it replaces the active ${oldAtHeader.alg} key`);
    const staged = row(keysList(), rs.kid);
    assert.ok(['next', 'active'].includes(staged?.state), `the new key is listed as next (or already active): ${JSON.stringify(staged)}`);
    const text = h.cli(['keys', 'list']);
    assert.equal(text.status, 0, text.stderr);
    assert.ok(text.stdout.includes(rs.kid) && text.stdout.includes(oldIdKid), `keys list names both keys:\n${text.stdout}`);

    // 3. The new keys are published (the old ones still are) within the reload interval.
    await until(async () => {
      const { kids } = await publishedKids();
      return kids.includes(rs.kid) && kids.includes(es.kid);
    }, `JWKS to publish ${rs.kid} and ${es.kid}`);
    const { kids } = await publishedKids();
    assert.ok(kids.includes(oldIdKid) && kids.includes(oldAtKid), 'the old keys stay published');

    // 4. New ID tokens carry the new kid once the publish lead has passed. Each attempt refreshes and is
    // validated by openid-client through a fresh discovery (its JWKS cache would otherwise wait 60 s before
    // looking up an unknown kid).
    let refreshToken = old.refresh_token;
    const fresh = await until(async () => {
      config = await discoverOidc(h, rp.client_id);
      const r = await client.refreshTokenGrant(config, refreshToken);
      refreshToken = r.refresh_token;
      return jose.decodeProtectedHeader(r.id_token).kid === rs.kid ? r : null;
    }, `a refreshed ID token signed by ${rs.kid}`, { everyMs: 500 });
    await verifyIdToken(config, h, fresh.id_token, { clientId: rp.client_id, accessToken: fresh.access_token });
    const freshAtKid = await until(async () => {
      const r = await client.refreshTokenGrant(config, refreshToken);
      refreshToken = r.refresh_token;
      const kid = jose.decodeProtectedHeader(r.access_token).kid;
      return kid === es.kid ? kid : null;
    }, `an access token signed by ${es.kid}`, { everyMs: 500 });
    assert.equal(freshAtKid, es.kid);

    // A new code flow (SSO, same browser) also signs with the new key.
    const flow2 = await authorizeInBrowser(page, config, h, { user: ALICE, extra: { scope: 'openid profile' } });
    const t2 = await redeemOidc(config, flow2);
    assert.equal(jose.decodeProtectedHeader(t2.id_token).kid, rs.kid, 'code-flow ID token signed with the new key');
    assert.equal(jose.decodeProtectedHeader(t2.access_token).kid, es.kid, 'access token signed with the new key');

    // 5. The tokens signed before the rotation still verify against the published JWKS...
    await verifyIdToken(config, h, old.id_token, {
      clientId: rp.client_id,
      nonce: flow.req.nonce,
      accessToken: old.access_token,
      jwks: freshJwks(),
    });
    await verifyAccessToken(config, h, old.access_token, { clientId: rp.client_id, sub });
    // ... and at the server itself (userinfo verifies the old access token with the retired key).
    const info = await client.fetchUserInfo(config, old.access_token, sub);
    assert.equal(info.sub, sub, 'userinfo accepts an access token signed before the rotation');

    // 6. The key table: new keys active, old ones retired but kept until their last token has expired.
    const rows = await until(() => {
      const r = keysList();
      return row(r, rs.kid)?.state === 'active' && row(r, oldIdKid)?.state === 'retired' ? r : null;
    }, 'keys list to show the new key active and the old one retired');
    const retired = row(rows, oldIdKid);
    assert.ok(retired.retired_at, 'retired_at is set');
    assert.ok(retired.remove_after, 'remove_after is set');
    assert.ok(Date.parse(retired.remove_after) / 1000 >= old.claims().exp, 'the retired RS256 key is kept at least until the old ID token expires');
    const retiredAt = row(rows, oldAtKid);
    assert.equal(retiredAt?.state, 'retired', 'the old access-token key is retired');
    assert.ok(Date.parse(retiredAt.remove_after) / 1000 >= jose.decodeJwt(old.access_token).exp, 'kept until the old access token expires');
    assert.ok(row(rows, rs.kid).activated_at, 'the new key has activated_at');
    assert.equal(rows.filter((k) => k.alg === 'RS256' && k.state === 'active').length, 1, 'exactly one active RS256 key');
    const listed = h.cli(['keys', 'list']).stdout;
    assert.match(listed, /\bretired\b/, `keys list shows the retired state:\n${listed}`);
    assert.match(listed, /\bactive\b/, 'keys list shows the active state');
    await page.close();
  });
});
