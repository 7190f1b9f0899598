# Sourced by dev.sh and test.sh: makes .env if missing (with fresh secrets), loads it, and
# points DATABASE_URL at the project-local cluster when it is not set.
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
if [ ! -f "$ROOT/.env" ]; then
  jwt=$("$ROOT/backend/.venv/bin/python" -c 'import secrets; print(secrets.token_urlsafe(48))')
  fernet=$("$ROOT/backend/.venv/bin/python" -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())')
  sed -e "s|^JWT_SECRET=.*|JWT_SECRET=$jwt|" -e "s|^ENCRYPTION_KEY=.*|ENCRYPTION_KEY=$fernet|" \
    "$ROOT/.env.example" > "$ROOT/.env"
  echo "env: wrote .env with freshly generated JWT_SECRET and ENCRYPTION_KEY"
fi
set -a
# shellcheck disable=SC1091
. "$ROOT/.env"
set +a
LOCAL_PG=0
if [ -z "${DATABASE_URL:-}" ]; then
  LOCAL_PG=1
  export LOCAL_PG_PORT=${LOCAL_PG_PORT:-55432}
fi
local_db_url() { echo "postgresql+psycopg://postgres@127.0.0.1:${LOCAL_PG_PORT}/$1"; }
