#!/usr/bin/env bash
# Regenerates the app icons in icons/ from icons/icon.svg with the Tauri CLI, keeping only the
# desktop files tauri.conf.json uses (32x32, 128x128, 128x128@2x, icns, ico) plus icon.png.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cp icons/icon.svg "$work/"
(cd "$work" && npx --yes @tauri-apps/cli@2 icon icon.svg -o out) >"$work/log" 2>&1 || {
  cat "$work/log" >&2
  exit 1
}
for f in 32x32.png 128x128.png 128x128@2x.png icon.icns icon.ico icon.png; do
  cp "$work/out/$f" "icons/$f"
done
echo "icons/ regenerated from icons/icon.svg"
