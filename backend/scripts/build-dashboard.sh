#!/usr/bin/env bash
# Builds the dashboard for `next start`, unless the build already there was made from the
# sources as they are now (a hash of them is kept beside the build). `make start` runs it on
# every start, so a plain restart costs no build and a changed file always gets one.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT/frontend"
dist=${NEXT_DIST_DIR:-.next}

sources_hash() {
  # Everything the build reads: the app, its config and lock file, not the tests or outputs.
  {
    find . \( -name node_modules -o -name '.next*' -o -name test-results -o -name playwright-report \
              -o -path ./tests -o -path ./e2e -o -name next-env.d.ts -o -name '*.tsbuildinfo' \) -prune \
           -o -type f -print | LC_ALL=C sort | xargs -d '\n' sha256sum
    # The build's own settings that come from the environment.
    echo "NEXT_OUTPUT=${NEXT_OUTPUT:-}"
  } | sha256sum | cut -c1-32
}

want=$(sources_hash)
if [ -f "$dist/BUILD_ID" ] && [ "$(cat "$dist/.sources-hash" 2>/dev/null)" = "$want" ]; then
  echo "dashboard: the build in frontend/$dist is up to date"
  exit 0
fi
echo "dashboard: building (next build; a minute or two)…"
rm -f "$dist/.sources-hash"
NEXT_TELEMETRY_DISABLED=1 node_modules/.bin/next build
echo "$want" > "$dist/.sources-hash"
