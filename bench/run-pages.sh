#!/usr/bin/env bash
# Times the queries behind each page of the window on loopback PostgreSQL
# next to SQLite, counts the SQL statements each page runs (no query per
# row), and writes bench/PAGES-REPORT.md with the numbers and the machine
# they were measured on (core/benches/pages.rs).
#
# Not part of scripts/test.sh or CI. Needs postgresql-15 (scripts/setup.sh
# installs it); the benchmark starts its own throwaway server on
# 127.0.0.1:PORT and stops it afterwards. About a minute once built.
#
#   bench/run-pages.sh [--rounds N] [--port PORT]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

rounds=30
port=55439
while (($#)); do
  case $1 in
    --rounds) rounds=$2; shift 2 ;;
    --port) port=$2; shift 2 ;;
    *) echo "usage: bench/run-pages.sh [--rounds N] [--port PORT]" >&2; exit 2 ;;
  esac
done

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
cargo bench -p appraise-core --bench pages -- --rounds "$rounds" --port "$port" --report "$out/numbers.md"

version() { "$@" 2>/dev/null | head -n 1 || echo "not installed"; }
cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')
mem=$(free -h | awk '/^Mem:/ {print $2}')
{
  echo "# Page benchmark: PostgreSQL over loopback next to SQLite"
  echo
  echo "Written by \`bench/run-pages.sh\` on $(date -u +%d/%m/%Y) (UTC) from \`core/benches/pages.rs\` (issue 11,"
  echo "item 10). Each page of the window is the one core call its command makes"
  echo "(\`src-tauri/src/*_commands.rs\`), timed on the same demonstration department in a SQLite"
  echo "file and in a PostgreSQL database reached over TCP on 127.0.0.1, in one run, release build."
  echo
  echo "All times are wall-clock on a machine that may be shared: the load average lines show how"
  echo "busy it was."
  echo
  echo "## Machine"
  echo
  echo "- CPU: $cpu, $(nproc) cores"
  echo "- memory: $mem"
  echo "- OS: $(. /etc/os-release && echo "$PRETTY_NAME"), kernel $(uname -r)"
  echo "- $(version rustc --version)"
  echo "- $(version /usr/lib/postgresql/15/bin/postgres --version)"
  echo
  echo "## Results"
  echo
  cat "$out/numbers.md"
  if [[ -f bench/pages-notes.md ]]; then
    echo
    cat bench/pages-notes.md
  fi
} > bench/PAGES-REPORT.md
echo "bench: wrote bench/PAGES-REPORT.md"
