// E2E harness: the real `authly` binary on a temp SQLite data dir, fixtures created with the real CLI,
// a local callback server standing in for the client's redirect_uri, and a real headless Debian chromium
// driven by playwright-core.
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const authlyBinary = process.env.AUTHLY_BINARY || path.join(repoRoot, 'build', 'authly');
export const chromiumPath = process.env.AUTHLY_E2E_CHROMIUM || '/usr/bin/chromium';

export const ALICE = Object.freeze({
  username: 'alice',
  email: 'alice@example.com',
  password: 'correct horse battery staple 42',
});

// The scopes every e2e client may request.
export const CLIENT_SCOPE = 'openid profile offline_access';

/** A TCP port that was free a moment ago on 127.0.0.1. */
export async function freePort() {
  const srv = net.createServer();
  srv.listen(0, '127.0.0.1');
  await once(srv, 'listening');
  const { port } = srv.address();
  srv.close();
  await once(srv, 'close');
  return port;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * A tiny HTTP server on 127.0.0.1 standing in for the client application's redirect_uri. It records
 * every request it receives (the full URL) and answers with a small HTML page.
 */
export async function startCallbackServer() {
  const hits = [];
  const waiters = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, `http://127.0.0.1:${server.address().port}`);
    if (url.pathname === '/favicon.ico') {
      res.writeHead(404).end();
      return;
    }
    hits.push(url);
    for (const w of waiters.splice(0)) w(url);
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end('<!doctype html><title>e2e callback</title><p id="cb">callback received</p>');
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = server.address().port;
  return {
    port,
    base: `http://127.0.0.1:${port}`,
    redirectUri: `http://127.0.0.1:${port}/cb`,
    hits,
    /** Resolves with the next request URL the callback server receives. */
    next(timeoutMs = 15000) {
      return new Promise((resolve, reject) => {
        const t = setTimeout(() => reject(new Error('callback server: no request within ' + timeoutMs + ' ms')), timeoutMs);
        waiters.push((u) => {
          clearTimeout(t);
          resolve(u);
        });
      });
    },
    async close() {
      server.closeAllConnections?.();
      server.close();
    },
  };
}

/** Runs the real CLI against the harness's data dir; returns {status, stdout, stderr}. */
function runCli(env, args, input) {
  const r = spawnSync(authlyBinary, args, { env, input, encoding: 'utf8', timeout: 60000 });
  if (r.error) throw r.error;
  return r;
}

function cliJson(env, args, input) {
  const r = runCli(env, args, input);
  if (r.status !== 0) {
    throw new Error(`authly ${args.join(' ')} exited ${r.status}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`);
  }
  try {
    return JSON.parse(r.stdout);
  } catch (e) {
    throw new Error(`authly ${args.join(' ')}: stdout is not JSON: ${r.stdout}\nstderr: ${r.stderr}`);
  }
}

/**
 * Starts Authly for one test file:
 *   - a temp data dir and a free port; issuer http://127.0.0.1:<port>
 *   - fixtures with the real CLI on the same SQLite DB: user alice, a public client and a confidential
 *     client, both redirecting to the callback server's /cb
 *   - `setup({env, callback, cli, cliJson})`, when given, creates more fixtures (before the server
 *     starts); what it returns is the handle's `extra`
 *   - `authly serve`, waiting for /health/ready
 * Returns a handle; `await h.stop()` sends SIGTERM and returns the exit code (expected 0).
 */
export async function startAuthly({ extraEnv = {}, setup } = {}) {
  if (!fs.existsSync(authlyBinary)) throw new Error(`authly binary not found at ${authlyBinary} (set AUTHLY_BINARY)`);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'authly-e2e-'));
  const port = await freePort();
  const issuer = `http://127.0.0.1:${port}`;
  const callback = await startCallbackServer();
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME || dataDir,
    TZ: 'UTC',
    AUTHLY_DATA_DIR: dataDir,
    AUTHLY_LISTEN: `127.0.0.1:${port}`,
    AUTHLY_ISSUER: issuer,
    AUTHLY_PASSWORD_ARGON2_OPS_LIMIT: '1',
    AUTHLY_PASSWORD_ARGON2_MEM_LIMIT_KIB: '8192',
    AUTHLY_LOG_LEVEL: process.env.AUTHLY_E2E_LOG_LEVEL || 'info',
    ...extraEnv,
  };

  // Fixtures, with the real CLI, on the same database the server will open.
  const mig = runCli(env, ['db', 'upgrade']);
  if (mig.status !== 0) throw new Error(`authly db upgrade exited ${mig.status}: ${mig.stderr}`);
  const user = cliJson(
    env,
    ['user', 'create', '--username', ALICE.username, '--email', ALICE.email, '--password-stdin', '--json'],
    ALICE.password + '\n',
  );
  const publicClient = cliJson(env, [
    'client', 'create', '--name', 'e2e public', '--type', 'public',
    '--redirect-uri', callback.redirectUri,
    '--grant-type', 'authorization_code', '--grant-type', 'refresh_token',
    '--scope', CLIENT_SCOPE, '--json',
  ]);
  const confidentialClient = cliJson(env, [
    'client', 'create', '--name', 'e2e confidential', '--type', 'confidential',
    '--redirect-uri', callback.redirectUri,
    '--grant-type', 'authorization_code', '--grant-type', 'refresh_token',
    '--auth-method', 'client_secret_basic',
    '--scope', CLIENT_SCOPE, '--json',
  ]);
  for (const [name, c] of [['public', publicClient], ['confidential', confidentialClient]]) {
    if (typeof c.client_id !== 'string' || !c.client_id) throw new Error(`${name} client: no client_id in ${JSON.stringify(c)}`);
  }
  if (typeof confidentialClient.client_secret !== 'string' || !confidentialClient.client_secret) {
    throw new Error('confidential client: no client_secret in CLI --json output');
  }

  // Test-file-specific fixtures (more clients, ...) on the same database, before the server starts.
  const extra = setup
    ? await setup({
        env,
        callback,
        cli: (args, input) => runCli(env, args, input),
        cliJson: (args, input) => cliJson(env, args, input),
      })
    : undefined;

  const logPath = path.join(dataDir, 'server.log');
  const log = fs.openSync(logPath, 'a');
  const child = spawn(authlyBinary, ['serve'], { env, stdio: ['ignore', log, log] });
  let exited = null;
  const exitPromise = new Promise((resolve) => {
    child.on('exit', (code, signal) => {
      exited = { code, signal };
      resolve(exited);
    });
  });

  const serverLog = () => {
    try {
      return fs.readFileSync(logPath, 'utf8');
    } catch {
      return '';
    }
  };

  // Wait for readiness.
  const deadline = Date.now() + 30000;
  for (;;) {
    if (exited) throw new Error(`authly serve exited early (${JSON.stringify(exited)}):\n${serverLog()}`);
    try {
      const r = await fetch(`${issuer}/health/ready`, { signal: AbortSignal.timeout(2000) });
      if (r.status === 200) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`authly serve not ready within 30 s:\n${serverLog()}`);
    }
    await sleep(100);
  }

  let stopped = null;
  return {
    issuer,
    port,
    dataDir,
    env,
    callback,
    user,
    publicClient,
    confidentialClient,
    extra,
    serverLog,
    /** Runs the real CLI on the running server's data dir and config: {status, stdout, stderr}. */
    cli: (args, input) => runCli(env, args, input),
    /** Same, asserting exit 0 and parsing stdout as JSON. */
    cliJson: (args, input) => cliJson(env, args, input),
    pid: child.pid,
    /** SIGTERM, wait, and return {code, signal}; also closes the callback server and removes the data dir. */
    async stop() {
      if (stopped) return stopped;
      if (!exited) {
        child.kill('SIGTERM');
        const t = setTimeout(() => child.kill('SIGKILL'), 20000);
        await exitPromise;
        clearTimeout(t);
      }
      stopped = exited;
      fs.closeSync(log);
      await callback.close();
      if (stopped.code === 0 && !process.env.AUTHLY_E2E_KEEP) {
        fs.rmSync(dataDir, { recursive: true, force: true });
      } else {
        process.stderr.write(`authly e2e: data dir and server.log kept in ${dataDir}\n`);
      }
      return stopped;
    },
  };
}

/** Launches Debian's headless chromium through playwright-core. */
export async function launchBrowser() {
  if (!fs.existsSync(chromiumPath)) throw new Error(`chromium not found at ${chromiumPath} (scripts/e2e.sh installs it)`);
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
      '--disable-dev-shm-usage',
    ],
  });
}

/**
 * A relying party's OpenID Connect Back-Channel Logout 1.0 endpoint (§2.5): a node HTTP server on
 * 127.0.0.1 that records every request (method, headers, raw body, parsed form) and answers 200 with
 * Cache-Control: no-store (§2.8), as an RP that accepted the logout token would.
 */
export async function startBackchannelReceiver() {
  const requests = [];
  const waiters = [];
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const entry = {
        method: req.method,
        path: new URL(req.url, 'http://127.0.0.1').pathname,
        headers: req.headers,
        body,
        form: new URLSearchParams(body),
        at: Date.now(),
      };
      requests.push(entry);
      for (const w of waiters.splice(0)) w();
      res.writeHead(200, { 'cache-control': 'no-store', 'content-length': '0' });
      res.end();
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = server.address().port;
  return {
    port,
    uri: `http://127.0.0.1:${port}/backchannel-logout`,
    requests,
    /** Resolves with the first recorded request at index >= `from` (waits for it up to timeoutMs). */
    async waitFor(from, timeoutMs = 20000) {
      const deadline = Date.now() + timeoutMs;
      while (requests.length <= from) {
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`back-channel receiver: no logout request within ${timeoutMs} ms`);
        await new Promise((resolve) => {
          const t = setTimeout(resolve, left);
          waiters.push(() => {
            clearTimeout(t);
            resolve();
          });
        });
      }
      return requests[from];
    },
    async close() {
      server.closeAllConnections?.();
      server.close();
    },
  };
}
