#!/usr/bin/env bash
# Benchmarks Appraise's PDF printing against the same content printed by
# headless Chromium and by LibreOffice, and writes bench/REPORT.md with the
# numbers and the machine they were measured on.
#
# Not part of scripts/test.sh or CI: it installs a browser and an office
# suite (Debian's chromium and libreoffice-writer-nogui) if they are missing,
# and takes a few minutes.
#
#   bench/run.sh [--records N] [--compare K]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

records=1000
compare=5
while (($#)); do
  case $1 in
    --records) records=$2; shift 2 ;;
    --compare) compare=$2; shift 2 ;;
    *) echo "usage: bench/run.sh [--records N] [--compare K]" >&2; exit 2 ;;
  esac
done

missing=()
for p in chromium libreoffice-writer-nogui fonts-dejavu-core; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "bench: installing ${missing[*]}"
  sudo=""
  [[ $(id -u) -eq 0 ]] || sudo="sudo"
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

out=$(mktemp -d)
cargo bench -p appraise-core --bench pdf -- \
  --records "$records" --compare "$compare" --out "$out" --report "$out/numbers.md"

version() { "$@" 2>/dev/null | head -n 1 || echo "not installed"; }
cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')
mem=$(free -h | awk '/^Mem:/ {print $2}')
{
  echo "# PDF benchmark"
  echo
  echo "Written by \`bench/run.sh\` on $(date -u +%d/%m/%Y) (UTC). Appraise renders the demonstration"
  echo "department's appraisal records (\`appraise_core::demo\`, seed 7, in an in-memory store, mapped"
  echo "by \`appraise_core::print::appraisal_document\` exactly as the app prints them: every section,"
  echo "the skills table, NCCQ status for trainees, signatures) in a release build, repeating them in"
  echo "turn to make up the 1,000-record batch; Chromium and LibreOffice print the same content from"
  echo "an equivalent HTML page and flat ODT file that the benchmark writes (\`core/benches/pdf.rs\`:"
  echo "\`to_html\`, \`to_fodt\`)."
  echo
  echo "Targets (issue 7): per record at most 1/50 of Chromium's time and at most 1/200 of"
  echo "LibreOffice's; 1,000 records in under 5 s on both cores."
  echo
  echo "All times are wall-clock. The machine may be shared: the load average line shows how"
  echo "busy it was, and a busy machine slows the batch most, since the two render threads then"
  echo "share their cores with other work."
  echo
  echo "## Machine"
  echo
  echo "- CPU: $cpu, $(nproc) cores"
  echo "- memory: $mem"
  echo "- OS: $(. /etc/os-release && echo "$PRETTY_NAME"), kernel $(uname -r)"
  echo "- $(version rustc --version)"
  echo "- $(version chromium --version)"
  echo "- $(version soffice --version)"
  echo
  echo "## Results"
  echo
  cat "$out/numbers.md"
} > bench/REPORT.md
echo "bench: wrote bench/REPORT.md (PDFs, HTML and ODT in $out)"
