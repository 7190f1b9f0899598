#!/usr/bin/env bash
# Installs what is missing, and only that: system packages (ffmpeg, PostgreSQL when no
# DATABASE_URL is set, Chromium with --browser), the Python venv and the npm packages.
# Re-running is cheap: installs are keyed on the requirement files' checksums.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"

pkgs=()
command -v ffmpeg >/dev/null && command -v ffprobe >/dev/null || pkgs+=(ffmpeg)
command -v psql >/dev/null || pkgs+=(postgresql-client)
command -v curl >/dev/null || pkgs+=(curl)
{ command -v fluidsynth >/dev/null && [ -f /usr/share/sounds/sf2/FluidR3_GM.sf2 ]; } || pkgs+=(fluidsynth fluid-soundfont-gm)  # analysis evaluation set
if [ -z "${DATABASE_URL:-}" ] && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then pkgs+=(postgresql); fi
if [ "${1:-}" = "--browser" ]; then
  command -v chromium >/dev/null || pkgs+=(chromium fonts-dejavu-core)
  command -v tesseract >/dev/null || pkgs+=(tesseract-ocr)  # tests read overlay text off decoded frames
fi
if [ ${#pkgs[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "setup: installing ${pkgs[*]} (apt-get)…"
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${pkgs[@]}" >/dev/null
  else
    echo "setup: missing system packages: ${pkgs[*]}" >&2
    echo "       Debian/Ubuntu: sudo apt-get install ${pkgs[*]}   (macOS: brew install ffmpeg postgresql@15; chromium only for tests)" >&2
    exit 1
  fi
fi

PY=${PYTHON:-python3}
if ! "$PY" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
  echo "setup: Python 3.11+ is required (found $("$PY" --version 2>&1))" >&2
  exit 1
fi
VENV=backend/.venv
want=$(cat backend/requirements.txt backend/requirements-dev.txt | sha256sum | cut -c1-16)
if [ "$(cat "$VENV/.installed" 2>/dev/null)" != "$want" ]; then
  echo "setup: installing Python packages into backend/.venv…"
  [ -x "$VENV/bin/python" ] || "$PY" -m venv "$VENV"
  "$VENV/bin/pip" install -q --disable-pip-version-check -r backend/requirements-dev.txt 2>&1 | grep -v "^WARNING: Location" || true
  "$VENV/bin/python" -c 'import fastapi, sqlalchemy, psycopg, numpy' # fail here, not later, if pip did
  echo "$want" > "$VENV/.installed"
fi

if [ -f frontend/package-lock.json ]; then
  want=$(sha256sum frontend/package-lock.json | cut -c1-16)
  if [ "$(cat frontend/node_modules/.installed 2>/dev/null)" != "$want" ]; then
    command -v npm >/dev/null || { echo "setup: Node.js 20+ and npm are required for the dashboard" >&2; exit 1; }
    echo "setup: installing npm packages…"
    (cd frontend && npm ci --no-audit --no-fund --loglevel=error)
    echo "$want" > frontend/node_modules/.installed
  fi
fi
