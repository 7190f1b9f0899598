# Sourced by serve.sh (make start / make dev), bench.sh and the Makefile: makes .env if missing
# (with fresh secrets), loads it, and points DATABASE_URL at the project-local cluster when it
# is not set. A variable already in the environment wins over .env, even when empty:
# `YOUTUBE_CLIENT_ID=… make start` runs with that id whatever .env says.
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
if [ ! -f "$ROOT/.env" ]; then
  jwt=$("$ROOT/backend/.venv/bin/python" -c 'import secrets; print(secrets.token_urlsafe(48))')
  fernet=$("$ROOT/backend/.venv/bin/python" -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())')
  sed -e "s|^JWT_SECRET=.*|JWT_SECRET=$jwt|" -e "s|^ENCRYPTION_KEY=.*|ENCRYPTION_KEY=$fernet|" \
    "$ROOT/.env.example" > "$ROOT/.env"
  echo "env: wrote .env with freshly generated JWT_SECRET and ENCRYPTION_KEY"
fi

# Reads NAME=value lines the way the .env format is written (and python-dotenv reads it):
# 'single quotes' keep everything literally, "double quotes" allow \" \\ \n \$, a bare value
# ends at " #" (a comment) and is trimmed; `export ` before a name is allowed. Nothing is
# executed: no $(…) or ${…} expansion. Names already set in the environment are skipped.
load_env_file() {
  local line name value
  while IFS= read -r line || [ -n "$line" ]; do
    line=${line%$'\r'}
    [[ $line =~ ^[[:space:]]*(export[[:space:]]+)?([A-Za-z_][A-Za-z0-9_]*)[[:space:]]*=[[:space:]]*(.*)$ ]] || continue
    name=${BASH_REMATCH[2]}
    value=${BASH_REMATCH[3]}
    [ -n "${!name+set}" ] && continue
    if [[ $value =~ ^\'([^\']*)\' ]]; then
      value=${BASH_REMATCH[1]}
    elif [[ $value =~ ^\"((\\.|[^\"\\])*)\" ]]; then
      value=${BASH_REMATCH[1]}
      value=${value//\\n/$'\n'}
      value=$(printf '%s' "$value" | sed -e 's/\\\(["\\$]\)/\1/g')
    else
      value=${value%%[[:space:]]#*}
      value=${value%"${value##*[![:space:]]}"}
    fi
    export "$name=$value"
  done < "$1"
}
load_env_file "$ROOT/.env"

LOCAL_PG=0
if [ -z "${DATABASE_URL:-}" ]; then
  LOCAL_PG=1
  export LOCAL_PG_PORT=${LOCAL_PG_PORT:-55432}
fi
local_db_url() { echo "postgresql+psycopg://postgres@127.0.0.1:${LOCAL_PG_PORT}/$1"; }
