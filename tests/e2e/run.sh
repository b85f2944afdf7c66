#!/usr/bin/env bash
# Runs the end-to-end tests against the built app under a virtual X display.
# Expects the app built with the custom-protocol feature (scripts/test.sh does
# it); APPRAISE_APP may name another binary.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
rm -rf "$here/artifacts"
# axe-core, which checks every screen (tests/package.json), from the lock file.
if [[ ! -f "$here/../node_modules/axe-core/axe.min.js" ]]; then
  (cd "$here/.." && npm ci --no-audit --no-fund)
fi
exec xvfb-run --auto-servernum --server-args="-screen 0 1400x1000x24" \
  node --test --test-concurrency=1 --test-reporter=spec "$here"/*.test.mjs
