#!/usr/bin/env bash
# A project-local PostgreSQL cluster under storage/postgres (git-ignored; as root, in
# /var/tmp when the postgres user cannot reach the checkout), listening on
# 127.0.0.1 only. Used when DATABASE_URL is not set. initdb refuses to run as root, so as
# root the cluster runs as the unprivileged `postgres` system user.
#   pg.sh start [db ...]   init if needed, start if not running, create the databases
#   pg.sh stop             stop the cluster
#   pg.sh status           exit 0 when running
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PGDATA="$ROOT/storage/postgres"
PORT="${LOCAL_PG_PORT:-55432}"
LOG="$ROOT/storage/postgres.log"
find_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }
BIN=$(find_bin)
if [ -z "$BIN" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "pg.sh: installing PostgreSQL (apt-get install postgresql)…"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    BIN=$(find_bin)
  else
    echo "pg.sh: PostgreSQL server binaries not found. Install them (Debian: sudo apt-get install postgresql) or set DATABASE_URL." >&2
    exit 1
  fi
fi

mkdir -p "$ROOT/storage"
if [ "$(id -u)" = 0 ]; then
  id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
  if ! runuser -u postgres -- test -x "$ROOT/storage" 2>/dev/null; then
    # The checkout sits where the postgres user cannot reach (a 0700 temporary folder, a
    # home directory): keep the cluster in a folder of its own, named after the checkout.
    PGDATA="/var/tmp/ambient-studio-pg-$(printf %s "$ROOT" | sha256sum | cut -c1-12)/data"
    LOG="$(dirname "$PGDATA")/postgres.log"
  fi
fi

as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

cmd=${1:-start}; shift || true
case "$cmd" in
  start)
    if [ ! -s "$PGDATA/PG_VERSION" ]; then
      if [ "$(id -u)" = 0 ]; then
        install -d -o postgres -g postgres -m 700 "$PGDATA"
        touch "$LOG" && chown postgres "$LOG"
      else
        mkdir -p -m 700 "$PGDATA"
      fi
      echo "pg.sh: creating cluster in ${PGDATA#"$ROOT/"}"
      # trust on loopback only: a single-user development cluster, never exposed.
      as_owner "$BIN/initdb" -D "$PGDATA" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
    fi
    if ! as_owner "$BIN/pg_ctl" -D "$PGDATA" status >/dev/null 2>&1; then
      as_owner "$BIN/pg_ctl" -D "$PGDATA" -l "$LOG" -w -t 60 \
        -o "-p $PORT -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c fsync=off -c synchronous_commit=off" \
        start >/dev/null
      echo "pg.sh: PostgreSQL running on 127.0.0.1:$PORT"
    fi
    for db in "$@"; do
      if ! psql -h 127.0.0.1 -p "$PORT" -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname='$db'" postgres | grep -q 1; then
        psql -h 127.0.0.1 -p "$PORT" -U postgres -qc "CREATE DATABASE \"$db\"" postgres
      fi
    done
    ;;
  stop)
    as_owner "$BIN/pg_ctl" -D "$PGDATA" -m fast stop >/dev/null 2>&1 && echo "pg.sh: PostgreSQL stopped" || true
    ;;
  status)
    as_owner "$BIN/pg_ctl" -D "$PGDATA" status >/dev/null 2>&1
    ;;
  *) echo "usage: pg.sh start [db…] | stop | status" >&2; exit 2 ;;
esac
