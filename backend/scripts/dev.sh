#!/usr/bin/env bash
# `make dev`: install what is missing, start Postgres (project-local unless DATABASE_URL is
# set), migrate, create the seed user if there is none, serve API :8000 and dashboard :3000.
# Ctrl-C stops everything this script started.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
backend/scripts/setup.sh
. backend/scripts/env.sh

pids=()
started_pg=0
cleanup() {
  trap - EXIT INT TERM
  for pid in "${pids[@]}"; do kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  [ "$started_pg" = 1 ] && backend/scripts/pg.sh stop
  echo "dev: stopped"
}
trap cleanup EXIT INT TERM

if [ "$LOCAL_PG" = 1 ]; then
  backend/scripts/pg.sh status || started_pg=1
  backend/scripts/pg.sh start ambient
  export DATABASE_URL=$(local_db_url ambient)
fi
(cd backend && .venv/bin/alembic upgrade head)
(cd backend && .venv/bin/python scripts/create_user.py --ensure-seed "${SEED_USER_EMAIL:-studio@example.com}")

set -m  # each server in its own process group, so Ctrl-C cleanup reaches their children
(cd backend && exec .venv/bin/uvicorn app.main:app --host 0.0.0.0 --port 8000) &
pids+=($!)
if [ -f frontend/package.json ]; then
  (cd frontend && API_URL=${API_URL:-http://127.0.0.1:8000} exec npm run dev -- --port 3000) &
  pids+=($!)
fi
echo "dev: API http://localhost:8000 (docs at /docs) · dashboard http://localhost:3000 · Ctrl-C to stop"
wait -n "${pids[@]}"
