#!/usr/bin/env bash
# Starts the PostgreSQL and Redis the test suite talks to, from Debian packages, if they are not
# already running. No Docker. Prints the URLs as shell assignments for `eval`:
#   PG_TEST_URL=postgresql://authly:authly@127.0.0.1:5432/authly_test
#   REDIS_TEST_URL=redis://127.0.0.1:6379/0
set -euo pipefail

PG_VERSION=${PG_VERSION:-15}
PG_CLUSTER=${PG_CLUSTER:-main}
PG_PORT=${PG_PORT:-5432}
REDIS_PORT=${REDIS_PORT:-6379}
log() { echo "start-services: $*" >&2; }

# --- PostgreSQL -------------------------------------------------------------------------------
if ! pg_lsclusters --no-header 2>/dev/null | awk '{print $1" "$2}' | grep -qx "$PG_VERSION $PG_CLUSTER"; then
  log "creating PostgreSQL cluster $PG_VERSION/$PG_CLUSTER"
  pg_createcluster "$PG_VERSION" "$PG_CLUSTER" -p "$PG_PORT" >&2
fi
status=$(pg_lsclusters --no-header | awk -v v="$PG_VERSION" -v c="$PG_CLUSTER" '$1==v && $2==c {print $4}')
if [ "$status" != "online" ]; then
  log "starting PostgreSQL $PG_VERSION/$PG_CLUSTER"
  pg_ctlcluster --skip-systemctl-redirect "$PG_VERSION" "$PG_CLUSTER" start >&2
fi
PG_PORT=$(pg_lsclusters --no-header | awk -v v="$PG_VERSION" -v c="$PG_CLUSTER" '$1==v && $2==c {print $3}')
for _ in $(seq 1 50); do
  pg_isready -q -h 127.0.0.1 -p "$PG_PORT" && break
  sleep 0.2
done
pg_isready -q -h 127.0.0.1 -p "$PG_PORT" || { log "PostgreSQL did not become ready"; exit 1; }

psql_admin() { su postgres -c "psql -p $PG_PORT -v ON_ERROR_STOP=1 -qtAX $*"; }
if [ "$(psql_admin "-c \"SELECT 1 FROM pg_roles WHERE rolname='authly'\"")" != "1" ]; then
  psql_admin "-c \"CREATE ROLE authly LOGIN PASSWORD 'authly' CREATEDB\"" >&2
fi
if [ "$(psql_admin "-c \"SELECT 1 FROM pg_database WHERE datname='authly_test'\"")" != "1" ]; then
  psql_admin "-c \"CREATE DATABASE authly_test OWNER authly\"" >&2
fi

# --- Redis ------------------------------------------------------------------------------------
if ! redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1; then
  log "starting redis-server on 127.0.0.1:$REDIS_PORT"
  mkdir -p /tmp/authly-redis
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --daemonize yes --save "" --appendonly no \
    --dir /tmp/authly-redis --logfile /tmp/authly-redis/redis.log >&2
  for _ in $(seq 1 50); do
    redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && break
    sleep 0.1
  done
  redis-cli -p "$REDIS_PORT" ping >/dev/null || { log "Redis did not start"; exit 1; }
fi

echo "PG_TEST_URL=postgresql://authly:authly@127.0.0.1:$PG_PORT/authly_test"
echo "REDIS_TEST_URL=redis://127.0.0.1:$REDIS_PORT/0"
