#!/usr/bin/env bash
# The heavy pages (staff, skills framework, PDP) of two builds of Appraise,
# side by side in one run on a department of 500 staff and 10 years: time
# from setting the address to the heading and rows drawn, and the app's
# memory (PSS of the app and its WebKit processes) after visiting them and
# after every page. Prints a Markdown table of medians; the JSON of every
# launch is kept in target/heavy-pages-results.json.
#
# Debug builds are fine for comparing two UIs (the page's work is the same;
# the store is slower, so the times are upper bounds). Not a test, not in CI.
#
#   bench/run-heavy-pages.sh BEFORE_BINARY AFTER_BINARY [--runs N]
#
# e.g. build main's app once, copy it to /tmp/pages-before/appraise, then
#   bench/run-heavy-pages.sh /tmp/pages-before/appraise target/debug/appraise
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

(($# >= 2)) || { echo "usage: bench/run-heavy-pages.sh BEFORE_BINARY AFTER_BINARY [--runs N]" >&2; exit 2; }
before=$(realpath "$1")
after=$(realpath "$2")
shift 2
runs=5
while (($#)); do
  case $1 in
    --runs) runs=$2; shift 2 ;;
    *) echo "usage: bench/run-heavy-pages.sh BEFORE_BINARY AFTER_BINARY [--runs N]" >&2; exit 2 ;;
  esac
done
cli="$root/target/debug/appraise-cli"
[[ -x $cli ]] || cargo build -p appraise-core --bin appraise-cli
[[ -f tests/node_modules/axe-core/axe.min.js ]] || (cd tests && npm ci --no-audit --no-fund)

work=$(mktemp -d /tmp/appraise-heavy-XXXXXX)
trap 'rm -rf "$work"' EXIT
db="$work/appraise.db"
today=2026-11-28
passphrase="bench head of department passphrase"

echo "bench: making the department (500 staff, 10 years)" >&2
"$cli" --db "$db" demo --staff 500 --years 10 --today "$today" >/dev/null
head_json=$("$cli" --db "$db" staff list --json | node -e '
  const s = JSON.parse(require("fs").readFileSync(0, "utf8")).find((p) => !p.manager);
  console.log(JSON.stringify(s));')
field() { node -e "console.log(JSON.parse(process.argv[1])[process.argv[2]] ?? '')" "$head_json" "$1"; }
"$cli" --db "$db" account create-admin --staff-number "$(field staff_number)" --forename "$(field forename)" \
  --surname "$(field surname)" --band "$(field band)" --appointed "$(field appointed)" --passphrase "$passphrase" >/dev/null

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
BEFORE_BIN="$before" AFTER_BIN="$after" APPRAISE_DB_FILE="$db" APPRAISE_TODAY="$today" \
  ADMIN_NAME="$(field forename) $(field surname)" ADMIN_PASSPHRASE="$passphrase" \
  xvfb-run --auto-servernum --server-args="-screen 0 1400x1000x24" \
  node bench/heavy-pages.mjs "$runs" "$work/results.json"
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
cp "$work/results.json" "$root/target/heavy-pages-results.json"

node - "$work/results.json" "$load_before" "$load_after" <<'EOF'
const [file, loadBefore, loadAfter] = process.argv.slice(2);
const results = JSON.parse(require("fs").readFileSync(file, "utf8"));
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const of = (build, f) => median(results.filter((r) => r.build === build).map(f));
const mib = (kb) => `${Math.round(kb / 1024)} MiB`;
const rows = [
  ...["staff", "framework", "pdp"].map((p) => [`${p} page drawn`, (r) => r.pages[p].ms, (v) => `${Math.round(v)} ms`]),
  ...["staff", "framework", "pdp"].map((p) => [`${p} page: elements in the document`, (r) => r.pages[p].nodes, (v) => String(Math.round(v))]),
  ...["staff", "framework", "pdp"].map((p) => [`${p} page drawn, from the page before it in bench/startup.mjs's order`, (r) => r.inOrder[p], (v) => `${Math.round(v)} ms`]),
  ["PSS signed in, before them", (r) => r.afterSignIn.pss, mib],
  ["PSS after the three heavy pages", (r) => r.afterHeavy.pss, mib],
  ["PSS after every page", (r) => r.afterEvery.pss, mib],
  ["RSS after the three heavy pages", (r) => r.afterHeavy.rss, mib],
  ["RSS after every page", (r) => r.afterEvery.rss, mib],
  ["web process PSS signed in, before them", (r) => r.afterSignIn.processes.filter((p) => p.name.startsWith("WebKitWebProces")).reduce((n, p) => n + p.pss, 0), mib],
  ["web process PSS after the three heavy pages", (r) => r.afterHeavy.processes.filter((p) => p.name.startsWith("WebKitWebProces")).reduce((n, p) => n + p.pss, 0), mib],
  ["web process PSS after every page", (r) => r.afterEvery.processes.filter((p) => p.name.startsWith("WebKitWebProces")).reduce((n, p) => n + p.pss, 0), mib],
];
const n = results.filter((r) => r.build === "before").length;
console.log(`Medians of ${n} launches each, alternating; load average before ${loadBefore}, after ${loadAfter}.\n`);
console.log("| | before | after | after / before |");
console.log("| --- | ---: | ---: | ---: |");
for (const [label, f, show] of rows) {
  const b = of("before", f), a = of("after", f);
  console.log(`| ${label} | ${show(b)} | ${show(a)} | ${(a / b).toFixed(2)}× |`);
}
console.log("\nEvery page in bench/startup.mjs's order, each from the one before (medians, ms): " +
  Object.keys(results[0].inOrder).map((p) => `${p} ${Math.round(of("before", (r) => r.inOrder[p]))} → ${Math.round(of("after", (r) => r.inOrder[p]))}`).join(", ") + ".");
console.log("\nThe web process's PSS after each page of that order (medians, MiB): " +
  Object.keys(results[0].webPss).map((p) => `${p} ${Math.round(of("before", (r) => r.webPss[p]) / 1024)} → ${Math.round(of("after", (r) => r.webPss[p]) / 1024)}`).join(", ") + ".");
console.log("\nEvery launch:\n");
console.log("| run | build | staff | framework | pdp | PSS after heavy pages | PSS after every page | load |");
console.log("| ---: | --- | ---: | ---: | ---: | ---: | ---: | --- |");
for (const r of results) {
  console.log(`| ${r.run} | ${r.build} | ${r.pages.staff.ms} ms | ${r.pages.framework.ms} ms | ${r.pages.pdp.ms} ms | ${mib(r.afterHeavy.pss)} | ${mib(r.afterEvery.pss)} | ${r.load} |`);
}
EOF
