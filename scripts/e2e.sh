#!/usr/bin/env bash
# End-to-end suite: real client libraries (openid-client, oauth4webapi, jose) and a real headless Debian
# chromium (playwright-core) against the real `authly` binary. Installs what it needs idempotently:
#   - Debian chromium (/usr/bin/chromium) and Node.js/npm when missing (apt-get; needs root)
#   - tests/e2e/node_modules via `npm ci` when missing or when package-lock.json changed
# then runs `node --test tests/e2e/`. Exits non-zero on any failure.
#
#   AUTHLY_BINARY=/path/to/authly scripts/e2e.sh          # default: build/authly
#   scripts/e2e.sh tests/e2e/oauth_flow.test.mjs          # only some test files
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
E2E_DIR=$ROOT/tests/e2e
export AUTHLY_BINARY=${AUTHLY_BINARY:-$ROOT/build/authly}

log() { echo "e2e: $*" >&2; }

apt_install() {
  export DEBIAN_FRONTEND=noninteractive
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  local wait=(-o DPkg::Lock::Timeout=600)  # another apt-get may be running
  if ! $sudo apt-get "${wait[@]}" install -y --no-install-recommends "$@" >&2; then
    $sudo apt-get "${wait[@]}" update >&2
    $sudo apt-get "${wait[@]}" install -y --no-install-recommends "$@" >&2
  fi
}

if [ ! -x /usr/bin/chromium ]; then
  log "installing Debian chromium"
  apt_install chromium
fi
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  log "installing Node.js and npm"
  apt_install nodejs npm
fi
node_major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$node_major" -lt 20 ]; then
  log "Node.js >= 20 is required (found $(node --version))"
  exit 1
fi

# npm ci when node_modules is missing or was installed from another lockfile.
lock_sum=$(sha256sum "$E2E_DIR/package-lock.json" | cut -d' ' -f1)
stamp=$E2E_DIR/node_modules/.authly-lock-sha256
if [ ! -d "$E2E_DIR/node_modules" ] || [ "$(cat "$stamp" 2>/dev/null)" != "$lock_sum" ]; then
  log "npm ci in tests/e2e"
  (cd "$E2E_DIR" && npm ci --no-audit --no-fund --loglevel=error >&2)
  echo "$lock_sum" >"$stamp"
fi

if [ ! -x "$AUTHLY_BINARY" ]; then
  log "authly binary not found at $AUTHLY_BINARY (build it first, or set AUTHLY_BINARY)"
  exit 1
fi
log "authly binary: $AUTHLY_BINARY; chromium: $(/usr/bin/chromium --version 2>/dev/null || echo '?')"

# One test file at a time: each starts its own server and browser, and the machine may have 2 cores.
if [ "$#" -gt 0 ]; then
  exec node --test --test-concurrency=1 "$@"
fi
exec node --test --test-concurrency=1 "$E2E_DIR/"
