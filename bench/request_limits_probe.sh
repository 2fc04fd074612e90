#!/usr/bin/env bash
# Times the requests that were quadratic before the request limits (docs/security.md, "Request
# limits"): a 0.8 MB token request with 200,793 distinct empty parameters, and an authorization
# request with 100,000 scope tokens. Starts a throwaway server on the embedded database.
# Usage: bench/request_limits_probe.sh [build-dir]
set -euo pipefail
BUILD_DIR=$(realpath "${1:-build}")
PORT=${PORT:-8123}
WORK=$(mktemp -d)
trap 'kill "$PID" 2>/dev/null || true; rm -rf "$WORK"' EXIT

AUTHLY_DATA_DIR="$WORK/var" AUTHLY_LISTEN="127.0.0.1:$PORT" AUTHLY_ISSUER="http://127.0.0.1:$PORT" \
  AUTHLY_ADMIN_USERNAME=admin AUTHLY_ADMIN_PASSWORD=probe-password-not-used \
  "$BUILD_DIR/authly" serve >"$WORK/serve.log" 2>&1 &
PID=$!
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$PORT/health/ready" >/dev/null && break; sleep 0.2; done

python3 - "$WORK" <<'PY'
import string, sys
work = sys.argv[1]
digits = string.ascii_letters + string.digits
def name(i):
    s = ""
    while True:
        s = digits[i % 62] + s
        i //= 62
        if i == 0:
            return s
open(f"{work}/params.txt", "w").write("&".join(name(i) for i in range(200793)))
open(f"{work}/scopes.txt", "w").write(
    "response_type=code&client_id=probe&scope=" + "+".join(f"s{i}" for i in range(100000)))
PY

probe() {  # label, path, body file
  curl -s -o /dev/null -w "$1: HTTP %{http_code} in %{time_total} s ($(stat -c %s "$3") bytes)\n" \
    -X POST -H 'Content-Type: application/x-www-form-urlencoded' --data-binary "@$3" "http://127.0.0.1:$PORT$2"
}
probe "POST /auth/token, 200793 parameters" /auth/token "$WORK/params.txt"
probe "POST /oauth/authorize, 100000 scope tokens" /oauth/authorize "$WORK/scopes.txt"
