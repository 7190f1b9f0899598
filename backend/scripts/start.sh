#!/usr/bin/env bash
# `make start`: a fresh machine → a running studio (see serve.sh): the API on :8000 and a
# production build of the dashboard on :3000, reachable by any of the machine's addresses.
exec "$(dirname "$0")/serve.sh" start "$@"
