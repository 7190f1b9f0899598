#!/usr/bin/env bash
# `make start` (serve.sh start) and `make dev` (serve.sh dev): install what is missing, start
# Postgres (project-local unless DATABASE_URL is set), migrate, create the seed user if there
# is none, then serve the API on :8000 and the dashboard on :3000 — `start` a production
# build (built only when the sources changed), `dev` Next's dev server with hot reload.
# Both listen on every interface, so the studio opens as localhost, 127.0.0.1 or the
# machine's LAN address alike. Ctrl-C stops everything this script started.
#   API_PORT, DASHBOARD_PORT, BIND_HOST   override 8000, 3000, 0.0.0.0
set -euo pipefail
mode=${1:-start}
case "$mode" in start|dev) ;; *) echo "usage: serve.sh start|dev" >&2; exit 2 ;; esac
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
backend/scripts/setup.sh
. backend/scripts/env.sh

API_PORT=${API_PORT:-8000}
DASHBOARD_PORT=${DASHBOARD_PORT:-3000}
BIND_HOST=${BIND_HOST:-0.0.0.0}
# The dashboard's server reaches the API on this machine; media links the API signs start
# with PUBLIC_BASE_URL (the dashboard loads them through its own origin whatever it says).
export API_URL=${API_URL:-http://127.0.0.1:$API_PORT}
export PUBLIC_BASE_URL=${PUBLIC_BASE_URL:-http://localhost:$API_PORT}

supervisor=""
started_pg=0
cleanup() {
  trap - EXIT INT TERM
  # The supervisor stops the servers (and their children) itself on SIGTERM.
  if [ -n "$supervisor" ]; then kill -TERM "$supervisor" 2>/dev/null || true; wait "$supervisor" 2>/dev/null || true; fi
  [ "$started_pg" = 1 ] && backend/scripts/pg.sh stop
  echo "$mode: stopped"
}
trap cleanup EXIT
trap 'cleanup; exit 0' INT TERM  # asked to stop: not a failure

if [ "$LOCAL_PG" = 1 ]; then
  backend/scripts/pg.sh status || started_pg=1
  backend/scripts/pg.sh start ambient
  export DATABASE_URL=$(local_db_url ambient)
fi
(cd backend && .venv/bin/alembic upgrade head)
(cd backend && .venv/bin/python scripts/create_user.py --ensure-seed "${SEED_USER_EMAIL:-studio@example.com}")

if [ "$mode" = start ]; then
  backend/scripts/build-dashboard.sh
  web="npm run --silent start -- -H $BIND_HOST -p $DASHBOARD_PORT"
  reload=""
else
  web="npm run --silent dev -- -H $BIND_HOST -p $DASHBOARD_PORT"
  reload="--reload --reload-dir app"
fi

lan=$(hostname -I 2>/dev/null | tr ' ' '\n' | grep -m1 -E '^[0-9]+(\.[0-9]+){3}$' || true)
echo "$mode: dashboard http://localhost:$DASHBOARD_PORT (also http://127.0.0.1:$DASHBOARD_PORT${lan:+ and http://$lan:$DASHBOARD_PORT})"
echo "$mode: API http://localhost:$API_PORT (docs at /docs) · Ctrl-C to stop"
# A crashed server is started again (with a growing pause) while the other keeps running;
# only Ctrl-C or SIGTERM ends this. --no-proxy-headers: uvicorn would otherwise take any
# X-Forwarded-For from 127.0.0.1 — the dashboard's own address — as the client's; the API
# decides itself whom to believe. --timeout-keep-alive 65: the dashboard's proxy (Node) keeps an
# idle connection for 5 s, as long as uvicorn's default, and a request sent on one that uvicorn
# is just closing fails with "socket hang up"; the server must outlast the client.
backend/.venv/bin/python backend/scripts/supervise.py \
  --service api "cd backend && exec .venv/bin/uvicorn app.main:app --host $BIND_HOST --port $API_PORT --no-proxy-headers --timeout-keep-alive 65 $reload" \
  --service dashboard "cd frontend && NEXT_TELEMETRY_DISABLED=1 exec $web" &
supervisor=$!
# `wait` returns early when a trapped signal arrives; the trap then stops the supervisor.
wait "$supervisor"
