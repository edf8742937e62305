#!/usr/bin/env bash
# The Windows installer's Danish texts (src-tauri/windows/Danish.nsh), checked here on Linux:
#   1. every string the tauri CLI in ui/ puts on its installer pages has a Danish text — a CLI
#      upgrade that adds one fails here, not on the Windows runner;
#   2. the file compiles with makensis, both languages, warnings as errors.
# The CLI's own English strings are read from its binary (they are compiled into it).
set -euo pipefail
cd "$(dirname "$0")/.."

danish=src-tauri/windows/Danish.nsh
cli=$(ls ui/node_modules/@tauri-apps/cli-linux-x64-gnu/*.node 2>/dev/null | head -1)
[[ -n "$cli" ]] || { echo "check-installer-strings: the tauri CLI is not installed (run npm ci in ui/)" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
strings -n 8 "$cli" | grep -E '^LangString [A-Za-z0-9]+ \$\{LANG_ENGLISH\} ' | sort -u > "$work/English.nsh"
cut -d' ' -f2 "$work/English.nsh" | sort -u > "$work/english.keys"
grep -E '^LangString [A-Za-z0-9]+ \$\{LANG_DANISH\} ' "$danish" | cut -d' ' -f2 | sort -u > "$work/danish.keys"
[[ -s "$work/english.keys" ]] || { echo "check-installer-strings: no installer strings found in the tauri CLI" >&2; exit 1; }

missing=$(comm -23 "$work/english.keys" "$work/danish.keys")
extra=$(comm -13 "$work/english.keys" "$work/danish.keys")
if [[ -n "$missing" ]]; then
  echo "check-installer-strings: $danish lacks: $missing" >&2
  exit 1
fi
if [[ -n "$extra" ]]; then
  echo "check-installer-strings: $danish has strings the CLI no longer uses: $extra" >&2
  exit 1
fi
echo "installer strings: $(wc -l < "$work/english.keys") strings, all in Danish"

if ! command -v makensis > /dev/null; then
  echo "check-installer-strings: makensis is missing (scripts/setup.sh installs nsis)" >&2
  exit 1
fi
# A stub installer that shows every string in both languages (Tauri's installer uses them so).
{
  echo 'Unicode true'
  echo '!include MUI2.nsh'
  echo '!define PRODUCTNAME "Tovholder"'
  echo '!define VERSION "0.0.0"'
  echo 'Name "${PRODUCTNAME}"'
  echo "OutFile \"$work/stub.exe\""
  echo 'RequestExecutionLevel user'
  echo '!insertmacro MUI_PAGE_INSTFILES'
  echo '!insertmacro MUI_LANGUAGE "Danish"'
  echo '!insertmacro MUI_LANGUAGE "English"'
  echo '!include "English.nsh"'
  echo '!include "Danish.nsh"'
  echo 'Section'
  while read -r key; do echo "  DetailPrint \"\$($key)\""; done < "$work/english.keys"
  echo 'SectionEnd'
} > "$work/stub.nsi"
printf '\xEF\xBB\xBF' > "$work/Danish.nsh"
cat "$danish" >> "$work/Danish.nsh"
(cd "$work" && makensis -WX -V2 -INPUTCHARSET UTF8 stub.nsi > makensis.log 2>&1) || {
  cat "$work/makensis.log" >&2
  echo "check-installer-strings: makensis refused the Danish strings" >&2
  exit 1
}
echo "installer strings: compiled with makensis (Danish and English)"
