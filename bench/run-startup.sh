#!/usr/bin/env bash
# Start-up benchmark: Appraise against a bare Tauri window (bench/bare-window:
# the same Tauri, one page, one command), side by side in one run, and
# writes bench/STARTUP-REPORT.md (the text after its "<!-- notes -->" line is
# kept: the findings written by hand).
#
# Appraise opens a department of 500 staff and 10 years of history
# (`appraise-cli demo --staff 500 --years 10`), its head of department the
# administrator. Both are release builds with the workspace's release profile:
# Appraise from scripts/package.sh (its .deb too), the bare window built here
# into the workspace's target/ so the Tauri crates already compiled for that
# profile are reused.
#
# Not a test, and not in .ci/run: a release build takes 10-20 minutes here.
#
#   bench/run-startup.sh [--runs N] [--no-build] [--results FILE]
#
# --results writes the report from the launches of an earlier run
# (target/startup-results.json, kept by each run) instead of launching again.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

runs=10
build=1
results=""
while (($#)); do
  case $1 in
    --runs) runs=$2; shift 2 ;;
    --no-build) build=0; shift ;;
    --results) results=$(realpath "$2"); build=0; shift 2 ;;
    *) echo "usage: bench/run-startup.sh [--runs N] [--no-build] [--results FILE]" >&2; exit 2 ;;
  esac
done

export CARGO_TARGET_DIR="$root/target"
tauri="$root/ui/node_modules/.bin/tauri"
if ((build)); then
  bash scripts/package.sh
  (cd bench/bare-window && "$tauri" build --bundles deb)
  # Compressed as Appraise's is (scripts/package.sh), so the sizes compare.
  bash scripts/deb-xz.sh "$(ls -t target/release/bundle/deb/bare-window_*.deb | head -n 1)"
  # The CLI only fills the database (a debug build: a release one would be
  # another 10-minute LTO link), so its timing of opening the store below is
  # an upper bound (SQLite unoptimised).
  cargo build -p appraise-core --bin appraise-cli
fi
app_bin="$root/target/release/appraise"
bare_bin="$root/target/release/bare-window"
cli="$root/target/debug/appraise-cli"
app_deb=$(ls -t target/release/bundle/deb/Appraise_*.deb | head -n 1)
bare_deb=$(ls -t target/release/bundle/deb/bare-window_*.deb | head -n 1)
for f in "$app_bin" "$bare_bin" "$cli" "$app_deb" "$bare_deb"; do
  [[ -f $f ]] || { echo "bench: $f is missing (run without --no-build)" >&2; exit 1; }
done
[[ -f tests/node_modules/axe-core/axe.min.js ]] || (cd tests && npm ci --no-audit --no-fund)

work=$(mktemp -d /tmp/appraise-startup-XXXXXX)
trap 'rm -rf "$work"' EXIT
db="$work/appraise.db"
today=2026-11-20
passphrase="bench head of department passphrase"

echo "bench: making the department (500 staff, 10 years)"
t=$(date +%s.%N)
"$cli" --db "$db" demo --staff 500 --years 10 --today "$today" >/dev/null
made=$(echo "$(date +%s.%N) - $t" | bc)
head_json=$("$cli" --db "$db" staff list --json | node -e '
  const s = JSON.parse(require("fs").readFileSync(0, "utf8")).find((p) => !p.manager);
  console.log(JSON.stringify(s));')
field() { node -e "console.log(JSON.parse(process.argv[1])[process.argv[2]] ?? '')" "$head_json" "$1"; }
"$cli" --db "$db" account create-admin --staff-number "$(field staff_number)" --forename "$(field forename)" \
  --surname "$(field surname)" --band "$(field band)" --appointed "$(field appointed)" --passphrase "$passphrase" >/dev/null
admin_name="$(field forename) $(field surname)"

# Where start-up goes outside the window: opening the store (and checking its
# migrations) on the 500-staff file, and migrating a new file from nothing,
# each timed through the CLI (Store::open, as the app calls it, and one
# query: the staff list; median of 5).
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
time_ms() { local s e; s=$(date +%s%N); "$@" >/dev/null; e=$(date +%s%N); echo $(((e - s) / 1000000)); }
open_ms=$(for _ in 1 2 3 4 5; do time_ms "$cli" --db "$db" staff list --json; done | median)
fresh_ms=$(for i in 1 2 3 4 5; do time_ms "$cli" --db "$work/fresh$i.db" staff list --json; done | median)

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
if [[ -n $results ]]; then
  echo "bench: the launches from $results"
  load_before="not measured (launches from an earlier run: see each run's)"
  cp "$results" "$work/results.json"
  runs=$(node -e 'console.log(Math.max(...JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).map((r) => r.run)))' "$results")
else
  echo "bench: $runs runs each, alternating"
  APPRAISE_BIN="$app_bin" BARE_BIN="$bare_bin" APPRAISE_DB_FILE="$db" APPRAISE_TODAY="$today" \
    ADMIN_NAME="$admin_name" ADMIN_PASSPHRASE="$passphrase" \
    xvfb-run --auto-servernum --server-args="-screen 0 1400x1000x24" \
    node bench/startup.mjs "$runs" "$work/results.json"
  cp "$work/results.json" "$root/target/startup-results.json"
fi
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
[[ -n $results ]] && load_after="as before"

# The UI bundle: what the first screen loads (index.html's scripts, styles and
# module preloads) against everything in ui/dist.
first_kb=$(node -e '
  const fs = require("fs"), path = require("path");
  const html = fs.readFileSync("ui/dist/index.html", "utf8");
  const files = [...html.matchAll(/(?:src|href)="\/?(assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]);
  console.log(Math.round(files.reduce((n, f) => n + fs.statSync(path.join("ui/dist", f)).size, 0) / 1024));')
all_kb=$(find ui/dist/assets -maxdepth 1 -name '*.js' -o -maxdepth 1 -name '*.css' | xargs stat -c %s | awk '{n+=$1} END {print int(n/1024)}')

notes=""
[[ -f bench/STARTUP-REPORT.md ]] && notes=$(sed -n '/^<!-- notes -->$/,$p' bench/STARTUP-REPORT.md)
RESULTS="$work/results.json" APP_BIN="$app_bin" BARE_BIN="$bare_bin" APP_DEB="$app_deb" BARE_DEB="$bare_deb" \
  OPEN_MS="$open_ms" FRESH_MS="$fresh_ms" MADE_S="$made" FIRST_KB="$first_kb" ALL_KB="$all_kb" \
  LOAD_BEFORE="$load_before" LOAD_AFTER="$load_after" RUNS="$runs" \
  node bench/startup-report.mjs >bench/STARTUP-REPORT.md
if [[ -n $notes ]]; then
  printf '\n%s\n' "$notes" >>bench/STARTUP-REPORT.md
else
  printf '\n<!-- notes -->\n' >>bench/STARTUP-REPORT.md
fi
echo "bench: wrote bench/STARTUP-REPORT.md"
