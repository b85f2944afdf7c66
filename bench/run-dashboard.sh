#!/usr/bin/env bash
# Times the home page (`appraise-cli dashboard --json`) on a large
# demonstration department of 500 and of 5,000 staff with 10 years of
# appraisals, each read it makes (`dashboard --profile`), the ratio between
# the two sizes, the query plan of each read, and each report written as
# Excel (`report NAME --xlsx`); writes bench/DASHBOARD-REPORT.md with the
# numbers and the machine. With `--before BIN` (the CLI built from the
# commit before a change) both binaries run alternately, round by round,
# each on a department it made itself (a newer binary migrates the file),
# and the report puts the two side by side: the same machine, the same load.
#
# Not part of scripts/test.sh or CI. Needs the release CLI:
#   cargo build --release -p appraise-core --bin appraise-cli
#
#   bench/run-dashboard.sh [--rounds N] [--today YYYY-MM-DD] [--before BIN]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

rounds=10
report_rounds=3
today=2026-11-28
before=
while (($#)); do
  case $1 in
    --rounds) rounds=$2; shift 2 ;;
    --today) today=$2; shift 2 ;;
    --before) before=$2; shift 2 ;;
    *) echo "usage: bench/run-dashboard.sh [--rounds N] [--today YYYY-MM-DD] [--before BIN]" >&2; exit 2 ;;
  esac
done

cli=$root/target/release/appraise-cli
[[ -x $cli ]] || { echo "build it first: cargo build --release -p appraise-core --bin appraise-cli" >&2; exit 1; }
[[ -z $before || -x $before ]] || { echo "no such binary: $before" >&2; exit 1; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

ms() { echo $(( $(date +%s%N) / 1000000 )); }
median() { sort -n | awk '{a[NR]=$1} END {m=(NR+1)/2; if (NR%2) print a[m]; else print (a[m-0.5]+a[m+0.5])/2}'; }
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

# Each binary ("after" is this tree's, "before" the one given) with its own
# department; one round of each alternately, so both see the same load.
sides=(after)
[[ -n $before ]] && sides=(before after)
bin() { if [[ $1 == before ]]; then echo "$before"; else echo "$cli"; fi; }

for staff in 500 5000; do
  for side in "${sides[@]}"; do
    db=$out/$side$staff.db
    start=$(ms)
    "$(bin "$side")" --db "$db" demo --staff "$staff" --years 10 --today "$today" --json > "$out/$side-demo$staff.json"
    echo $(( $(ms) - start )) > "$out/$side-demo$staff.ms"
    # One round not counted (a cold file cache), then `rounds` timed.
    "$(bin "$side")" --db "$db" dashboard --today "$today" --json > "$out/$side-board$staff.json"
  done
  for _ in $(seq "$rounds"); do
    for side in "${sides[@]}"; do
      start=$(ms)
      "$(bin "$side")" --db "$out/$side$staff.db" dashboard --today "$today" --json > /dev/null
      echo $(( $(ms) - start )) >> "$out/$side-whole$staff.all"
      "$(bin "$side")" --db "$out/$side$staff.db" dashboard --today "$today" --profile >> "$out/$side-profile$staff.jsonl"
    done
  done
  for side in "${sides[@]}"; do
    median < "$out/$side-whole$staff.all" > "$out/$side-whole$staff.ms"
  done
  for report in compliance overdue nccq pay-steps training-needs audits; do
    for _ in $(seq "$report_rounds"); do
      for side in "${sides[@]}"; do
        start=$(ms)
        "$(bin "$side")" --db "$out/$side$staff.db" report "$report" --today "$today" --xlsx "$out/$report.xlsx" > /dev/null
        echo $(( $(ms) - start )) >> "$out/$side-report-$report-$staff.all"
      done
    done
    for side in "${sides[@]}"; do
      median < "$out/$side-report-$report-$staff.all" > "$out/$side-report-$report-$staff.ms"
    done
  done
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

python3 - "$out" "$rounds" "$today" "$load_before" "$load_after" "$report_rounds" "${sides[*]}" > bench/DASHBOARD-REPORT.md <<'EOF'
import json, os, platform, statistics, subprocess, sys
out, rounds, today, before, after, report_rounds, sides = sys.argv[1:]
sides = sides.split()
both = len(sides) == 2
SIZES = (500, 5000)
REPORTS = ("compliance", "overdue", "nccq", "pay-steps", "training-needs", "audits")

def profiles(side, staff):
    text = open(f"{out}/{side}-profile{staff}.jsonl").read()
    dec, i, items = json.JSONDecoder(), 0, []
    while i < len(text):
        while i < len(text) and text[i].isspace():
            i += 1
        if i == len(text):
            break
        obj, i = dec.raw_decode(text, i)
        items.append(obj)
    return items

def first_line(cmd):
    try:
        return subprocess.run(cmd, capture_output=True, text=True).stdout.splitlines()[0]
    except Exception:
        return "unknown"

def number(path):
    return float(open(path).read())

def ratio(a, b):
    return f"{b / a:.1f}×" if a > 0.05 else "–"

p = {(side, s): profiles(side, s) for side in sides for s in SIZES}
names = list(p[("after", 500)][0]["timings_ms"].keys())
order = sorted(names, key=lambda n: (n == "whole page", n))
med = {k: {n: statistics.median(r["timings_ms"][n] for r in v) for n in names} for k, v in p.items()}
# The rules: the whole page less its reads, round by round.
for k, v in p.items():
    med[k]["rules"] = statistics.median(
        r["timings_ms"]["whole page"] - sum(t for n, t in r["timings_ms"].items() if n != "whole page") for r in v)
whole = {(side, s): number(f"{out}/{side}-whole{s}.ms") for side in sides for s in SIZES}

cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "unknown")
print("# Home page benchmark: 500 and 5,000 staff, 10 years")
print()
print(f"Written by `bench/run-dashboard.sh` (issue 14, item 6), release build, SQLite file (WAL), as the")
print(f"administrator on a file (the whole department, the largest page). Each department is made by")
print(f"`appraise-cli demo --staff N --years 10 --today {today}` (the large, bulk-written department).")
print(f"Times are wall-clock medians of {rounds} rounds after one not counted, on a machine that may be")
print("shared: the load averages show how busy it was. Not a test.")
if both:
    print()
    print("\"Before\" and \"after\" are two builds run alternately, round by round, in this one run, each on a")
    print("department it made itself (the same seed, so the same rows; a newer build migrates the file).")
print()
print("## Machine")
print()
print(f"- CPU: {cpu}, {os.cpu_count()} cores")
print(f"- OS: {platform.platform()}")
print(f"- {first_line(['rustc', '--version'])}")
print(f"- load average (1, 5, 15 min) before: {before}; after: {after}")
print()
print("## Departments made")
print()
print("| staff | appraisals | `demo` time |")
print("|---:|---:|---:|")
for staff in SIZES:
    demo = json.load(open(f"{out}/after-demo{staff}.json"))
    ms = int(open(f"{out}/after-demo{staff}.ms").read())
    print(f"| {staff:,} | {demo['appraisals']:,} | {ms / 1000:.1f} s |")
print()
print("## The home page")
print()
print("`dashboard --json`, the whole process (start, open, read, rules, JSON):")
print()
print("| | 500 staff | 5,000 staff | ratio |")
print("|---|---:|---:|---:|")
w = lambda side: (whole[(side, 500)], whole[(side, 5000)])
print(f"| `dashboard --json` | {w('after')[0]:.0f} ms | {w('after')[1]:.0f} ms | {w('after')[1] / w('after')[0]:.1f}× |")
print()
print("Each read (`dashboard --profile`, median ms inside the process; \"whole page\" is reads and rules,")
print("\"rules\" the whole page less its reads):")
print()
print("| read | 500 staff | 5,000 staff | ratio |")
print("|---|---:|---:|---:|")
for n in order + ["rules"]:
    a, b = med[("after", 500)][n], med[("after", 5000)][n]
    print(f"| {n} | {a:.2f} | {b:.2f} | {ratio(a, b)} |")
print()
board = json.load(open(f"{out}/after-board5000.json"))
print("At 5,000 staff the page answers: "
      f"{board['people_in_post']:,} in post, compliance {board['compliance_percent']}%, "
      f"{len(board['overdue'])} overdue, {len(board['due'])} due, {len(board['nccq_at_risk'])} NCCQ at risk, "
      f"{len(board['pay_step_reviews_due'])} pay-step reviews due, {len(board['training_overdue'])} training overdue, "
      f"{board['skills_gaps']:,} skills gaps.")
if both:
    same = json.load(open(f"{out}/before-board5000.json")) == board
    print()
    print(f"The two builds' pages at 5,000 staff are {'identical' if same else 'DIFFERENT'} (`dashboard --json`).")
    print()
    print("## Before and after, side by side (this run)")
    print()
    print("| read | before 500 | before 5,000 | before ratio | after 500 | after 5,000 | after ratio |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for n in order + ["rules"]:
        a0, b0 = med[("before", 500)][n], med[("before", 5000)][n]
        a, b = med[("after", 500)][n], med[("after", 5000)][n]
        print(f"| {n} | {a0:.2f} | {b0:.2f} | {ratio(a0, b0)} | {a:.2f} | {b:.2f} | {ratio(a, b)} |")
    a0, b0 = w("before")
    a, b = w("after")
    print(f"| `dashboard --json` (whole process) | {a0:.0f} | {b0:.0f} | {b0 / a0:.1f}× | {a:.0f} | {b:.0f} | {b / a:.1f}× |")
print()
print("## Reports")
print()
print(f"`report NAME --today {today} --xlsx FILE`, the whole process, median of {report_rounds} rounds (ms):")
print()
if both:
    print("| report | before 500 | before 5,000 | before ratio | after 500 | after 5,000 | after ratio |")
    print("|---|---:|---:|---:|---:|---:|---:|")
else:
    print("| report | 500 staff | 5,000 staff | ratio |")
    print("|---|---:|---:|---:|")
for r in REPORTS:
    cells = []
    for side in sides:
        a = number(f"{out}/{side}-report-{r}-500.ms")
        b = number(f"{out}/{side}-report-{r}-5000.ms")
        cells += [f"{a:.0f}", f"{b:.0f}", f"{b / a:.1f}×"]
    print(f"| {r} | " + " | ".join(cells) + " |")
print()
print("## Against the goals (issue 14, item 6)")
print()
m5, m05 = med[("after", 5000)], med[("after", 500)]
slow = [n for n in names if n != "whole page" and m5[n] > 20]
steep = [n for n in order if m05[n] > 0.05 and m5[n] / m05[n] > 10]
print(f"- Reads over 20 ms at 5,000 staff in this run: {', '.join(slow) or 'none'}.")
print(f"- Reads growing more than tenfold from 500 to 5,000 staff: {', '.join(steep) or 'none'}.")
print(f"- Load average {before} on {os.cpu_count()} cores while this ran: each process had a fraction of")
print("  a core, so every figure here is several times what an idle machine gives; the small")
print("  department's sub-millisecond reads are the noisiest, which inflates the ratios.")
print("- No query per person: `dashboard::tests::the_home_page_runs_as_many_queries_for_three_times_the_staff`.")
print("- The narrow reads give every person the same schedule, compliance dates, plan and gaps as")
print("  reading everything: `dashboard::tests::the_narrow_reads_give_every_person_the_same_schedule_plan_and_gaps_as_reading_everything`.")
print("- The pay-steps report reads the department at once and gives everyone the status one person's")
print("  page gives: `pay_steps::status::tests::the_department_read_at_once_gives_everyone_the_same_pay_status_as_reading_each_person`.")
print()
print("## Query plans at 5,000 staff")
print()
print("`EXPLAIN QUERY PLAN` of each read that grows with the department (the staff list, read whole,")
print("and the settings aside):")
print()
for name, lines in p[("after", 5000)][0]["plans"].items():
    print(f"- **{name}**")
    for l in lines:
        print(f"  - `{l}`")
EOF
