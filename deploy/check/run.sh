#!/usr/bin/env bash
# Runs one check of deploy/check/check.mjs (`make test` runs each as a CTest entry), installing what
# it needs first, idempotently: Node.js and npm from Debian when missing, and node_modules here by
# `npm ci` when missing or installed from another package-lock.json.
#   AUTHLY_BINARY=build/authly deploy/check/run.sh kubernetes
set -euo pipefail
cd "$(dirname "$0")"

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "deploy-check: installing Node.js and npm" >&2
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get -o DPkg::Lock::Timeout=600 update -q >&2
  $sudo apt-get -o DPkg::Lock::Timeout=600 install -y -q --no-install-recommends nodejs npm >&2
fi

# CTest runs several of these entries at once: one installs, the others wait for it.
lock_sum=$(sha256sum package-lock.json | cut -d' ' -f1)
(
  flock 9
  if [ "$(cat node_modules/.authly-lock-sha256 2>/dev/null)" != "$lock_sum" ]; then
    echo "deploy-check: npm ci in deploy/check" >&2
    npm ci --no-audit --no-fund --loglevel=error >&2
    echo "$lock_sum" >node_modules/.authly-lock-sha256
  fi
) 9>.npm-install.lock

exec node check.mjs "$@"
