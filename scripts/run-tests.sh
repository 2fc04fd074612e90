#!/usr/bin/env bash
# Runs the whole suite: starts PostgreSQL and Redis (scripts/start-services.sh), then every test case
# (one CTest entry each), two at a time; the cases that use PostgreSQL and Redis run alone
# (tests/CMakeLists.txt).
set -euo pipefail
BUILD_DIR=${1:-build}
cd "$(dirname "$0")/.."
eval "$(bash scripts/start-services.sh)"
export PG_TEST_URL REDIS_TEST_URL
cd "$BUILD_DIR"
ctest --output-on-failure --timeout 900 -j "$(nproc)"
