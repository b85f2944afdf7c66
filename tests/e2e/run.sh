#!/usr/bin/env bash
# Runs the end-to-end tests against the built app under a virtual X display.
# Expects the app built with the custom-protocol feature (scripts/test.sh does
# it); APPRAISE_APP may name another binary.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
rm -rf "$here/artifacts"
exec xvfb-run --auto-servernum --server-args="-screen 0 1400x1000x24" \
  node --test --test-concurrency=1 --test-reporter=spec "$here"/*.test.mjs
