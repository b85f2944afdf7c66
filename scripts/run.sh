#!/usr/bin/env bash
# Sets up a fresh machine (scripts/setup.sh), builds the UI and the app, and
# starts Appraise. The database lives in the app-data folder unless
# APPRAISE_DB names a file.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
bash scripts/setup.sh
(cd ui && npm run --silent build)
cargo build --release -p appraise --features custom-protocol
exec target/release/appraise "$@"
