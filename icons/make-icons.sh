#!/usr/bin/env bash
# Draws the one source image (appraise.png, 1024x1024; the same design as
# appraise.svg) and derives every icon size from it with the Tauri CLI.
# Needs ImageMagick and `npm ci` in ui/. Run from anywhere.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
/usr/bin/convert -size 1024x1024 xc:none \
  -fill '#005eb8' -draw 'roundrectangle 32,32 992,992 180,180' \
  -fill '#ffffff' -draw 'roundrectangle 262,170 762,830 40,40' \
  -fill '#aeb7bd' -draw 'roundrectangle 332,270 692,314 22,22' \
  -draw 'roundrectangle 332,360 632,404 22,22' \
  -draw 'roundrectangle 332,450 672,494 22,22' \
  -fill none -stroke '#007f3b' -strokewidth 72 \
  -draw 'stroke-linecap round stroke-linejoin round polyline 352,640 450,735 690,520' \
  PNG32:"$here/appraise.png"
cd "$here/.."
npx --prefix ui tauri icon icons/appraise.png -o icons
# Desktop only: drop the mobile sets the CLI also makes.
rm -rf icons/android icons/ios
