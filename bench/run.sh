#!/usr/bin/env bash
# `make bench`: installs the tools the benchmark needs, builds Authly and the benchmark binaries,
# runs the micro-benchmarks and then bench/run_bench.py (Authly vs node-oidc-provider).
# Environment (all optional): BUILD_DIR, ROUNDS (3), DURATION (10 s), CONNECTIONS (32),
# SCENARIOS ("discovery jwks ..."), BACKENDS ("sqlite postgres"), MICRO (1: run the micro-benchmarks),
# REVOKE_TOKENS (30000), IDLE_CONNECTIONS (10000; 0 skips), TWO_INSTANCES (1; 0 skips).
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${BUILD_DIR:-build}
log() { echo "[bench] $*" >&2; }

log "harness self-checks"
python3 -m unittest discover -s bench -p 'test_*.py' 2>&1 | tail -1

missing=()
command -v wrk >/dev/null || missing+=(wrk)
command -v gnuplot >/dev/null || missing+=(gnuplot-nox)
[ -f /usr/include/benchmark/benchmark.h ] || missing+=(libbenchmark-dev)
if [ ${#missing[@]} -gt 0 ]; then
  log "installing ${missing[*]}"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
if [ ! -d bench/peer/node_modules/oidc-provider ]; then
  log "installing node-oidc-provider (bench/peer/package-lock.json)"
  (cd bench/peer && npm ci --no-audit --no-fund --silent)
fi

if [ ! -f "$BUILD_DIR/build.ninja" ]; then
  cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=Release
fi
# A cache left by an older configuration may predate the benchmark targets.
cmake "$BUILD_DIR" >/dev/null
cmake --build "$BUILD_DIR" -j "$(nproc)" --target authly authly_bench_hello authly_bench_micro

if [[ " ${BACKENDS:-sqlite postgres} " == *" postgres "* ]]; then
  bash scripts/start-services.sh >/dev/null
fi

mkdir -p bench/results
if [ "${MICRO:-1}" = 1 ]; then
  log "micro-benchmarks -> bench/results/micro.txt"
  "$BUILD_DIR/bench/authly_bench_micro" --benchmark_min_time="${MICRO_MIN_TIME:-0.5}" | tee bench/results/micro.txt
fi

ulimit -n 65536 2>/dev/null || true
exec python3 bench/run_bench.py --build-dir "$BUILD_DIR" --rounds "${ROUNDS:-3}" --duration "${DURATION:-10}" \
  --connections "${CONNECTIONS:-32}" --backends "${BACKENDS:-sqlite postgres}" \
  --revoke-tokens "${REVOKE_TOKENS:-30000}" --idle-connections "${IDLE_CONNECTIONS:-10000}" \
  --two-instances "${TWO_INSTANCES:-1}" \
  ${SCENARIOS:+--scenarios "$SCENARIOS"}
