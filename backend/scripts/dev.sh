#!/usr/bin/env bash
# `make dev`: like `make start` (serve.sh), with Next's dev server (hot reload) for the
# dashboard and an API that restarts when backend/app changes.
exec "$(dirname "$0")/serve.sh" dev "$@"
