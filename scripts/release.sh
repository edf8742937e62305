#!/usr/bin/env bash
# bash scripts/release.sh [tauri build options] — the release bundles for the platform it runs on,
# with the release profile of Cargo.toml (the release workflow runs the same command):
#   Linux: .deb and .rpm   macOS: a universal .dmg   Windows: the NSIS installer and the MSIs
# Then prints the sizes (the figures in docs/benchmarks.md, "Size"). Signing comes from the
# environment the tauri CLI reads (docs/release.md); without it the bundles are unsigned.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export PATH="$HOME/.cargo/bin:$PATH"

bash scripts/setup.sh run
(cd ui && npm ci --no-audit --no-fund && npm run build)

case "$(uname -s)" in
  Linux) bundles=(--bundles deb,rpm); out=target/release ;;
  Darwin) bundles=(--bundles dmg --target universal-apple-darwin); out=target/universal-apple-darwin/release ;;
  MINGW* | MSYS* | CYGWIN*) bundles=(--bundles nsis,msi); out=target/release ;;
  *) echo "release.sh: no bundles for $(uname -s)" >&2; exit 1 ;;
esac
# The tauri CLI of ui/ (the version @tauri-apps/api matches).
ui/node_modules/.bin/tauri build "${bundles[@]}" --ci "$@"

size() { wc -c < "$1" | awk '{ printf "%.1f MB", $1 / 1000000 }'; }
echo
echo "Sizes:"
for bin in "$out/tovholder" "$out/tovholder.exe"; do
  [[ -f "$bin" ]] || continue
  echo "  app binary (stripped by the profile): $(size "$bin"), gzipped $(gzip -9 -c "$bin" | wc -c | awk '{ printf "%.1f MB", $1 / 1000000 }')"
done
find "$out/bundle" -maxdepth 2 -type f \( -name '*.deb' -o -name '*.rpm' -o -name '*.dmg' -o -name '*.exe' -o -name '*.msi' \) |
  sort | while read -r f; do echo "  $(basename "$f"): $(size "$f")"; done
