#!/usr/bin/env bash
# Regenerates the minutes' fonts in src-tauri/core/fonts/ (embedded in the app and the CLI) from
# DejaVu Sans 2.37 as Debian ships it (package fonts-dejavu-core), cut down with fontTools'
# pyftsubset to the scripts Tovholder's texts use, so the binary carries 0.56 MB instead of 1.47:
#   Latin (Basic, Latin-1, Extended-A and -B, Extended Additional: Danish, the rest of Europe,
#   Turkish, Vietnamese, …), IPA modifiers, combining marks, Greek, Cyrillic, Hebrew and Arabic
#   (the search folds both; a name or a quoted slogan may be written in them), punctuation, currency,
#   letterlike symbols, arrows, mathematical operators, geometric shapes, and U+FFFD, which the
#   minutes print for any character the font lacks (so nothing is dropped silently).
# Left out: what DejaVu adds beyond that (Armenian, Georgian, N'Ko, Lao, Tifinagh, box drawing,
# braille, dingbats …). The Bitstream Vera / DejaVu licence allows modified copies under a name
# without "Bitstream" or "Vera" (fonts/LICENSE-DejaVu.txt). printpdf subsets again per PDF.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

source_dir=/usr/share/fonts/truetype/dejavu
[[ -f "$source_dir/DejaVuSans.ttf" ]] || {
  echo "fonts.sh: $source_dir/DejaVuSans.ttf not found (apt-get install fonts-dejavu-core)" >&2
  exit 1
}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet fonttools==4.69.1

ranges="U+0000-024F,U+02B0-02FF,U+0300-036F,U+0370-03FF,U+0400-052F,U+0590-05FF,U+0600-06FF"
ranges+=",U+1E00-1EFF,U+2000-206F,U+20A0-20CF,U+2100-214F,U+2190-21FF,U+2200-22FF,U+25A0-25FF"
ranges+=",U+FB1D-FB4F,U+FFFD"
for face in DejaVuSans DejaVuSans-Bold; do
  "$work/venv/bin/pyftsubset" "$source_dir/$face.ttf" --unicodes="$ranges" --layout-features='*' \
    --glyph-names --notdef-outline --name-IDs='*' --name-languages='*' --no-recalc-timestamp \
    --output-file="src-tauri/core/fonts/$face.ttf"
done
ls -l src-tauri/core/fonts/*.ttf
