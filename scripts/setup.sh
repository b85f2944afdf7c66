#!/usr/bin/env bash
# Installs what Appraise needs on a Debian 12 machine that has only the Rust
# toolchain and Node.js. Installs what is missing, skips what is present, so it
# is cheap to run before every `run` and `test`.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)

# System packages: WebKitGTK and friends for the Tauri shell, Xvfb + the WebKit
# WebDriver for the end-to-end tests, poppler and ImageMagick to read PDFs and
# screenshots back, DejaVu for the PDF font. PostgreSQL 15 for the department
# server's tests: they start a throwaway server of their own
# (scripts/pg-test-server.sh, a Unix socket in a temporary folder, no TCP), so
# whether the package's own cluster runs does not matter to them.
packages=(
  libwebkit2gtk-4.1-dev libgtk-3-dev libayatana-appindicator3-dev librsvg2-dev
  libssl-dev libxdo-dev build-essential pkg-config file xvfb xauth
  webkit2gtk-driver poppler-utils imagemagick fonts-dejavu-core postgresql-15
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing Debian packages: ${missing[*]}"
  sudo=""
  [[ $(id -u) -eq 0 ]] || sudo="sudo"
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# tauri-driver bridges WebDriver clients to WebKitWebDriver for the e2e tests.
if ! command -v tauri-driver >/dev/null 2>&1; then
  echo "setup: installing tauri-driver"
  cargo install tauri-driver --locked
fi

# Front-end dependencies (including the Tauri CLI, @tauri-apps/cli) and the e2e
# test runner's dependencies. Reinstalled only when the lock file changed.
for dir in ui tests; do
  lock="$root/$dir/package-lock.json"
  stamp="$root/$dir/node_modules/.package-lock.json"
  [[ -f $lock ]] || continue
  if [[ ! -f $stamp || $lock -nt $stamp ]]; then
    echo "setup: npm ci in $dir/"
    (cd "$root/$dir" && npm ci --no-audit --no-fund)
  fi
done
