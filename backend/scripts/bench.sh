#!/usr/bin/env bash
# `make bench`: speed figures on this machine (see backend/bench/).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
backend/scripts/setup.sh
. backend/scripts/env.sh
export STORAGE_DIR=$(mktemp -d -t ambient-bench.XXXXXX)
started_pg=0
trap '[ "$started_pg" = 1 ] && backend/scripts/pg.sh stop; rm -rf "$STORAGE_DIR"' EXIT
if [ "$LOCAL_PG" = 1 ]; then
  backend/scripts/pg.sh status || started_pg=1
  backend/scripts/pg.sh start ambient_bench
  export DATABASE_URL=$(local_db_url ambient_bench)
fi
cd backend && .venv/bin/alembic upgrade head && .venv/bin/python -m bench
