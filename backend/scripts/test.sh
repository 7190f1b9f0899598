#!/usr/bin/env bash
# `make test`: the same set-up as `make start`, then every suite — backend (real Postgres,
# real ffmpeg, emulators), the OpenAPI → TypeScript drift check, the dashboard's type check,
# lint and unit tests, and the browser end-to-end tests (with axe) in headless Chromium
# against a real API, opened by 127.0.0.1 and by the machine's LAN address.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
backend/scripts/setup.sh --browser
# Hermetic: the tests never read .env (your keys and URLs stay out of them). A database of
# your own for them is TEST_DATABASE_URL; without it they use the project-local cluster.
export ENVIRONMENT=test
export LOCAL_PG_PORT=${LOCAL_PG_PORT:-55432}
local_db_url() { echo "postgresql+psycopg://postgres@127.0.0.1:${LOCAL_PG_PORT}/$1"; }
export JWT_SECRET=$(backend/.venv/bin/python -c 'import secrets; print(secrets.token_urlsafe(48))')
export STORAGE_DIR=$(mktemp -d -t ambient-test-storage.XXXXXX)
api_pid=""
emulator_pid=""
started_pg=0
cleanup() {
  for pid in $api_pid $emulator_pid; do kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true; done
  [ "$started_pg" = 1 ] && backend/scripts/pg.sh stop
  rm -rf "$STORAGE_DIR"
}
trap cleanup EXIT

if [ -z "${TEST_DATABASE_URL:-}" ]; then
  backend/scripts/pg.sh status || started_pg=1
  backend/scripts/pg.sh start
  # A fresh test database every run: nothing left over from an earlier run can pass a test.
  psql -h 127.0.0.1 -p "$LOCAL_PG_PORT" -U postgres -qc "DROP DATABASE IF EXISTS ambient_test WITH (FORCE)" postgres
  psql -h 127.0.0.1 -p "$LOCAL_PG_PORT" -U postgres -qc "CREATE DATABASE ambient_test" postgres
  export DATABASE_URL=$(local_db_url ambient_test)
else
  # Tests empty every table: never point them at the database that holds your tracks
  # (conftest refuses a database whose name lacks "test").
  export DATABASE_URL=$TEST_DATABASE_URL
fi

echo "== backend lint, format and type check"
(cd backend && .venv/bin/ruff check . && .venv/bin/ruff format --check . && .venv/bin/mypy)

echo "== backend tests"
(cd backend && .venv/bin/alembic upgrade head && .venv/bin/python -m pytest)

echo "== OpenAPI schema drift"
backend/.venv/bin/python backend/scripts/export_openapi.py --check

if [ -f frontend/package.json ]; then
  echo "== dashboard: typed client drift, type check, lint, unit tests"
  (cd frontend && npm run --silent gen:api && git diff --exit-code -- lib/api/ \
    || { echo "lib/api is out of date: run 'npm run gen:api' in frontend/ and commit" >&2; exit 1; })
  (cd frontend && npm run --silent typecheck && npm run --silent lint && npm test --silent)

  echo "== browser end-to-end (headless Chromium)"
  export E2E_EMAIL=e2e@example.com
  export E2E_PASSWORD=$(backend/.venv/bin/python -c 'import secrets; print(secrets.token_urlsafe(12))')
  export E2E_API_URL=http://127.0.0.1:${E2E_API_PORT:-8001}
  export PUBLIC_BASE_URL=$E2E_API_URL
  CREATE_USER_PASSWORD=$E2E_PASSWORD backend/.venv/bin/python backend/scripts/create_user.py --email "$E2E_EMAIL" >/dev/null
  # YouTube is played by the same emulator the backend tests use, as its own process.
  emulator_env=$(mktemp)
  (cd backend && exec .venv/bin/python -m tests.emulators.serve_google --port "${E2E_GOOGLE_PORT:-8099}" --env-file "$emulator_env" \
    --dashboard-url "http://127.0.0.1:${E2E_PORT:-3001}") &
  emulator_pid=$!
  for _ in $(seq 1 60); do [ -s "$emulator_env" ] && break; sleep 0.25; done
  . "$emulator_env"
  export E2E_GOOGLE_URL=http://127.0.0.1:${E2E_GOOGLE_PORT:-8099}
  # As make start runs it: uvicorn believes no X-Forwarded-For; the API decides whom to trust.
  (cd backend && exec .venv/bin/uvicorn app.main:app --host 127.0.0.1 --port "${E2E_API_PORT:-8001}" --no-proxy-headers --timeout-keep-alive 65 --log-level warning) &
  api_pid=$!
  for _ in $(seq 1 60); do curl -fs "$E2E_API_URL/api/health" >/dev/null && break; sleep 0.5; done
  # A build folder of its own: a studio served by make start from .next is left alone.
  (cd frontend && NEXT_DIST_DIR=.next-test npm run --silent test:e2e)
fi
echo "== all suites passed"
