// The harness itself: fixtures through the real CLI, the server up on a free port, chromium able to load
// a page from it, a clean SIGTERM exit.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { launchBrowser, startAuthly } from './harness.mjs';

test('harness: CLI fixtures, server ready, chromium loads /health/live, SIGTERM exits 0', async () => {
  const h = await startAuthly();
  let browser;
  try {
    assert.match(h.user.id ?? '', /.+/, 'user create --json prints the user id');
    assert.equal(h.publicClient.token_endpoint_auth_method, 'none', 'public client authenticates with none');
    assert.deepEqual(h.publicClient.redirect_uris, [h.callback.redirectUri]);
    assert.equal(h.confidentialClient.token_endpoint_auth_method, 'client_secret_basic');

    browser = await launchBrowser();
    const context = await browser.newContext();
    const page = await context.newPage();
    const live = await page.goto(`${h.issuer}/health/live`);
    assert.equal(live.status(), 200, '/health/live answers 200 in the browser');
    const ready = await page.goto(`${h.issuer}/health/ready`);
    assert.equal(ready.status(), 200);
    const body = JSON.parse(await page.locator('body').innerText());
    assert.equal(body.status, 'ok');
    await context.close();
  } finally {
    await browser?.close();
    const exit = await h.stop();
    assert.deepEqual(exit, { code: 0, signal: null }, 'authly serve exits 0 on SIGTERM');
  }
});
