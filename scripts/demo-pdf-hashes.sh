#!/usr/bin/env bash
# Prints the SHA-256 of every PDF Appraise makes of the demonstration
# department (seed 7, fixed day and print time): each signed appraisal record,
# every PDP summary and every NCCQ report. Run it before and after a change and
# compare the output: a change that should not touch printing leaves it equal.
#   scripts/demo-pdf-hashes.sh > before.txt; ...; scripts/demo-pdf-hashes.sh | diff before.txt -
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cargo build -q -p appraise-core --bin appraise-cli --manifest-path "$root/Cargo.toml"
target=$(cargo metadata --format-version 1 --no-deps --manifest-path "$root/Cargo.toml" |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')
cli="$target/debug/appraise-cli"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
db="$work/demo.db"
at=2026-01-15T10:30
"$cli" --db "$db" demo --seed 7 --today 2026-01-20 >/dev/null
mkdir -p "$work/out"
for cycle in $("$cli" --db "$db" appraisal list --json |
  python3 -c 'import json,sys; print("\n".join(sorted({a["cycle"] for a in json.load(sys.stdin) if a["status"]=="signed"})))'); do
  "$cli" --db "$db" pdf cycle "$cycle" --out "$work/out/cycle-${cycle/\//-}" --generated-at "$at" >/dev/null 2>&1
done
for staff in $("$cli" --db "$db" staff list --json | python3 -c 'import json,sys; print("\n".join(p["staff_number"] for p in json.load(sys.stdin)))'); do
  "$cli" --db "$db" pdf pdp "$staff" --out "$work/out/pdp-$staff.pdf" --generated-at "$at" >/dev/null 2>&1 || true
  "$cli" --db "$db" pdf nccq "$staff" --out "$work/out/nccq-$staff.pdf" --generated-at "$at" >/dev/null 2>&1 || true
done
(cd "$work/out" && find . -name "*.pdf" -print0 | sort -z | xargs -0 sha256sum)
