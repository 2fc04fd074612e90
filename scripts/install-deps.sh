#!/usr/bin/env bash
# Installs everything Authly needs to build and test, from Debian bookworm packages only.
# Idempotent: packages already present are skipped, so a second run costs one dpkg query.
set -euo pipefail

PACKAGES=(
  build-essential cmake ninja-build pkg-config ccache
  libboost1.81-dev libboost-url1.81-dev libboost-json1.81-dev
  libssl-dev libsodium-dev libcrypt-dev
  libsoci-dev libpq-dev libsqlite3-dev
  libhiredis-dev
  libspdlog-dev libfmt-dev
  libcli11-dev libtomlplusplus-dev libkainjow-mustache-dev
  libcurl4-openssl-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  postgresql postgresql-client redis-server
  curl ca-certificates python3
  prometheus
)
# `make fuzz` only (scripts/fuzz.sh): Debian's clang and its runtime, which holds libFuzzer.
if [ "${1:-}" = fuzz ]; then PACKAGES+=(clang libclang-rt-14-dev); fi

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "install-deps: installing ${missing[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"

# Installing libpq-dev can upgrade the PostgreSQL server under a running cluster; a cluster
# started before the upgrade then fails to load plpgsql. Restart any running cluster once.
if command -v pg_lsclusters >/dev/null 2>&1; then
  pg_lsclusters --no-header 2>/dev/null | while read -r ver name _port status _rest; do
    if [ "$status" = "online" ]; then
      $SUDO pg_ctlcluster --skip-systemctl-redirect "$ver" "$name" restart || true
    fi
  done
fi
