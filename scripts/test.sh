#!/usr/bin/env bash
# Sets up a fresh machine (scripts/setup.sh) and runs every test: formatting,
# lints, the UI type check and unit tests, the core's unit and integration
# tests (including the TypeScript bindings drift check, and the department
# server's against a throwaway PostgreSQL), the shell's unit
# tests (including the command map drift check), then the real app
# under Xvfb, driven over WebDriver.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

step() { printf '\n==> %s\n' "$*"; }

step "setup"
bash scripts/setup.sh

step "cargo fmt --check"
cargo fmt --all --check

step "UI: type check, unit tests, build"
(cd ui && npm run --silent check && npx vitest run && npm run --silent build)

# One feature set for every cargo step, so the shell and its dependencies
# are compiled once for clippy and once for the build, not more.
features=(--features appraise/custom-protocol)

step "cargo clippy"
cargo clippy --workspace --all-targets "${features[@]}" -- -D warnings

step "core tests (unit, CLI, bindings drift, the department server), on SQLite"
# One throwaway PostgreSQL for every server test (each makes its own
# database), stopped however this script ends.
pg_dir=$(mktemp -d "${TMPDIR:-/tmp}/appraise-pg.XXXXXX")
trap 'bash "$root/scripts/pg-test-server.sh" stop "$pg_dir"' EXIT
APPRAISE_TEST_PG=$(bash scripts/pg-test-server.sh start "$pg_dir")
export APPRAISE_TEST_PG
cargo test -p appraise-core

step "core unit and CLI tests again, on the department server (PostgreSQL)"
# Every unit test's store, and every CLI test's database, is a database of
# its own on the throwaway server, reached as the login that owns it (the
# system). The parser and PDF tests use no database; the server and
# transfer tests ran on it above.
APPRAISE_TEST_ENGINE=postgres cargo test -p appraise-core --lib --test cli

step "shell tests (session, idle lock, command map drift)"
cargo test -p appraise "${features[@]}"

step "build the app"
cargo build -p appraise "${features[@]}"

step "end-to-end tests (real window under Xvfb, WebDriver)"
bash tests/e2e/run.sh
