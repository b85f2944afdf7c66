#!/usr/bin/env bash
# Repacks a .deb with xz, in place: Tauri's bundler compresses the package
# with gzip, Debian's own tools (and its archive) with xz, which makes
# Appraise's package about a quarter smaller to download and deploy. The
# files, their modes and the control file are unchanged; owner and group
# are root, as a package's should be.
#
#   scripts/deb-xz.sh FILE.deb
set -euo pipefail
deb=$(realpath "$1")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dpkg-deb --raw-extract "$deb" "$work/pkg"
dpkg-deb --root-owner-group -Zxz -z9 --build "$work/pkg" "$work/repacked.deb" >/dev/null
mv "$work/repacked.deb" "$deb"
