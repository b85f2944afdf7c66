#!/usr/bin/env bash
# Builds Appraise's release .deb (target/release/bundle/deb/) with the Tauri
# CLI from ui/node_modules (@tauri-apps/cli, pinned in ui/package.json): the
# UI first (tauri.conf.json's beforeBuildCommand), then the release binary
# with the workspace's release profile (LTO, one codegen unit, stripped), then
# the package (desktop entry, icons, description and dependencies from
# tauri.conf.json's bundle section), repacked with xz (scripts/deb-xz.sh).
#
#   scripts/package.sh              build the .deb
#   scripts/package.sh --check      build it, then check it (below)
#   scripts/package.sh --check --no-build
#                                   check the .deb already built
#
# --check installs the .deb into this system (apt), checks its control file,
# desktop entry, icons and sizes (.deb at most 8 MiB, its stripped binary at
# most 15 MB), starts the INSTALLED /usr/bin/appraise under Xvfb with a fresh
# home (temporary HOME and XDG folders, so no database yet) over WebDriver
# (tests/e2e/webdriver.mjs), chooses "this computer" at the chooser and
# reaches the first-run screen, checks the database and the choice landed in
# the XDG folders, then purges the package and checks nothing is left.
# It needs root (or sudo), tauri-driver and WebKitWebDriver (scripts/setup.sh).
#
# Not in .ci/run: a release build takes 10-20 minutes here.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

check=0
build=1
while (($#)); do
  case $1 in
    --check) check=1; shift ;;
    --no-build) build=0; shift ;;
    *) echo "usage: scripts/package.sh [--check [--no-build]]" >&2; exit 2 ;;
  esac
done

tauri="$root/ui/node_modules/.bin/tauri"
if [[ ! -x $tauri ]]; then
  (cd ui && npm ci --no-audit --no-fund)
fi
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$root/target}"
if ((build)); then
  "$tauri" build --bundles deb
fi
deb=$(ls -t "$CARGO_TARGET_DIR"/release/bundle/deb/Appraise_*.deb 2>/dev/null | head -n 1 || true)
[[ -n $deb ]] || { echo "package: no .deb under $CARGO_TARGET_DIR/release/bundle/deb" >&2; exit 1; }
# xz, as Debian's own packages: the bundler's gzip leaves it a quarter larger.
((build)) && bash scripts/deb-xz.sh "$deb"
echo "package: $deb ($(stat -c %s "$deb") bytes)"
((check)) || exit 0

sudo=""
[[ $(id -u) -eq 0 ]] || sudo="sudo"
fail() { echo "package --check: FAILED: $*" >&2; exit 1; }
# A size over its limit is reported at the end, after the install, start and
# removal have been checked too.
oversize=()
MAX_DEB=$((8 * 1024 * 1024))
MAX_BIN=15000000

# The package as built: its control file and contents.
name=$(dpkg-deb -f "$deb" Package)
depends=$(dpkg-deb -f "$deb" Depends)
echo "package: $name $(dpkg-deb -f "$deb" Version), $(dpkg-deb -f "$deb" Architecture); Depends: $depends"
for d in libwebkit2gtk-4.1-0 libgtk-3-0 libssl3; do
  [[ $depends == *"$d"* ]] || fail "Depends lacks $d"
done
[[ -n $(dpkg-deb -f "$deb" Description) ]] || fail "no Description"
contents=$(dpkg-deb -c "$deb" | awk '{sub(/^\.\//, "", $6); print $6}')
grep -qx 'usr/bin/appraise' <<<"$contents" || fail "no usr/bin/appraise"
desktop=$(grep -E '^usr/share/applications/.*\.desktop$' <<<"$contents") || fail "no desktop entry"
grep -qE '^usr/share/icons/hicolor/.*/apps/appraise\.png$' <<<"$contents" || fail "no icons"
deb_size=$(stat -c %s "$deb")
((deb_size <= MAX_DEB)) || oversize+=(".deb is $deb_size bytes, over 8 MiB ($MAX_DEB)")

if dpkg-query -W -f='${Status}' "$name" 2>/dev/null | grep -q "install ok installed"; then
  fail "$name is already installed: remove it first (apt-get purge $name)"
fi
cleanup() {
  if dpkg-query -W "$name" >/dev/null 2>&1; then
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get purge -y -q "$name" >/dev/null || true
  fi
  [[ -n ${home:-} ]] && rm -rf "$home"
}
trap cleanup EXIT

echo "package: installing"
$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$deb" >/dev/null
installed=$(dpkg -L "$name")
bin=/usr/bin/appraise
[[ -x $bin ]] || fail "$bin is not installed"
bin_size=$(stat -c %s "$bin")
file -b "$bin" | grep -q ', stripped' || fail "$bin is not stripped: $(file -b "$bin")"
((bin_size <= MAX_BIN)) || oversize+=("$bin is $bin_size bytes, over 15 MB ($MAX_BIN)")
entry="/$desktop"
grep -q "^Exec=appraise" "$entry" || fail "$entry does not start appraise: $(grep ^Exec "$entry")"
grep -q "^Icon=appraise" "$entry" || fail "$entry names no icon"
grep -q "^Categories=" "$entry" || fail "$entry has no category"
echo "package: desktop entry $entry:"
sed 's/^/  /' "$entry"
if command -v desktop-file-validate >/dev/null; then desktop-file-validate "$entry" || fail "desktop-file-validate"; fi

# A fresh home: no database, no choice made.
home=$(mktemp -d /tmp/appraise-package-check-XXXXXX)
mkdir -p "$home/config" "$home/data" "$home/cache"
echo "package: starting the installed $bin under Xvfb (HOME=$home)"
[[ -f tests/node_modules/axe-core/axe.min.js ]] || (cd tests && npm ci --no-audit --no-fund)
APPRAISE_APP="$bin" HOME="$home" XDG_CONFIG_HOME="$home/config" XDG_DATA_HOME="$home/data" XDG_CACHE_HOME="$home/cache" \
  xvfb-run --auto-servernum --server-args="-screen 0 1400x1000x24" node scripts/package-check.mjs
[[ -f $home/data/uk.nhs.appraise/appraise.db ]] || fail "no database in \$XDG_DATA_HOME/uk.nhs.appraise"
[[ -f $home/config/uk.nhs.appraise/connection.json ]] || fail "no connection.json in \$XDG_CONFIG_HOME/uk.nhs.appraise"
pgrep -x appraise >/dev/null && fail "an appraise process is still running"

echo "package: removing"
$sudo env DEBIAN_FRONTEND=noninteractive apt-get purge -y -q "$name" >/dev/null
dpkg-query -W -f='${Status}' "$name" 2>/dev/null | grep -q "installed" && fail "$name is still installed"
while read -r f; do
  [[ -e $f && ! -d $f ]] && fail "$f is left after removing the package"
done <<<"$installed"
if ((${#oversize[@]})); then
  fail "installed, reached the first-run screen and removed cleanly, but: ${oversize[*]}"
fi
echo "package --check: OK: .deb $deb_size bytes ($(awk "BEGIN {printf \"%.2f\", $deb_size / 1048576}") MiB), $bin $bin_size bytes, installed, reached the first-run screen, removed cleanly"
