#!/usr/bin/env bash
# The app's memory on a small and a large store: PSS of the app process and its WebKit processes
# (WebKitWebProcess, WebKitNetworkProcess, …) 10 s after the board's first paint, on a store of 400
# demo cases and one of 10,000. One uncounted start of each store warms the caches, then five
# interleaved rounds (small, large, small, …); prints each round, the medians and the difference,
# of PSS and of anonymous memory. See docs/benchmarks.md ("Memory of the board").
#
#   bash scripts/measure-memory.sh [APP [CLI]]
#
# APP is the app binary (default target/release/tovholder), CLI the tovholder-cli beside it unless
# given. It starts its own D-Bus session with an unlocked gnome-keyring (scripts/keyring-session.sh:
# the app reads the store's key from the keychain) and its own Xvfb (1280×800, the window's size);
# the stores and the app's cache live in a temporary directory, removed afterwards.
# Environment: ROUNDS (default 5), SETTLE (seconds after the first paint, default 10), SMALL and
# LARGE (cases, default 400 and 10000).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

if [[ "${TOVHOLDER_MEASURE_INNER:-}" != 1 ]]; then
  app=$(realpath -m "${1:-$root/target/release/tovholder}")
  cli=$(realpath -m "${2:-$(dirname "$app")/tovholder-cli}")
  for f in "$app" "$cli"; do
    [[ -x "$f" ]] || {
      echo "measure-memory: $f not found (cargo build --release -p tovholder -p tovholder-core --bins)" >&2
      exit 1
    }
  done
  command -v Xvfb >/dev/null || {
    echo "measure-memory: Xvfb not found (apt-get install xvfb)" >&2
    exit 1
  }
  TOVHOLDER_MEASURE_INNER=1 exec bash "$root/scripts/keyring-session.sh" bash "${BASH_SOURCE[0]}" "$app" "$cli"
fi

app=$1
cli=$2
rounds=${ROUNDS:-5}
settle=${SETTLE:-10}
sizes=("${SMALL:-400}" "${LARGE:-10000}")

work=$(mktemp -d "${TMPDIR:-/tmp}/tovholder-memory.XXXXXX")
app_pid=""
xvfb_pid=""
cleanup() {
  if [[ -n "$app_pid" ]]; then
    stop_app
  fi
  if [[ -n "$xvfb_pid" ]]; then
    kill "$xvfb_pid" 2>/dev/null || true
    wait "$xvfb_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
unset TOVHOLDER_KEYCHAIN

# An X server of our own on a free display (Xvfb picks it: no race with other Xvfbs).
Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp 3>"$work/display" 2>"$work/xvfb.log" &
xvfb_pid=$!
for _ in $(seq 100); do
  [[ -s "$work/display" ]] && break
  sleep 0.1
done
[[ -s "$work/display" ]] || {
  echo "measure-memory: Xvfb did not start:" >&2
  cat "$work/xvfb.log" >&2
  exit 1
}
export DISPLAY=":$(head -n1 "$work/display")"

# The PIDs of a process's descendants (children first, then theirs).
descendants() {
  local child
  for child in $(pgrep -P "$1" || true); do
    echo "$child"
    descendants "$child"
  done
}

# The memory (KiB) of the app and its WebKit processes: "PSS anonymous name=PSS-MiB …". PSS
# counts a shared page in part (shared libraries: also with other WebKit processes on the machine,
# so it moves a little with them); anonymous memory (heaps, the JavaScript heap, layer buffers) is
# the process's own.
measure() {
  local pss=0 anon=0 detail="" pid name p a
  for pid in "$app_pid" $(descendants "$app_pid"); do
    name=$(cat "/proc/$pid/comm" 2>/dev/null) || continue
    [[ "$pid" == "$app_pid" || "$name" == WebKit* ]] || continue
    read -r p a < <(awk '/^Pss:/ { p = $2 } /^Anonymous:/ { a = $2 } END { print p + 0, a + 0 }' "/proc/$pid/smaps_rollup" 2>/dev/null) || continue
    pss=$((pss + p))
    anon=$((anon + a))
    detail+=" $name=$((p / 1024))"
  done
  echo "$pss $anon$detail"
}

# KiB as MiB with one decimal.
mib() {
  awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'
}

# The median of the numbers on standard input (separated by spaces).
median() {
  tr ' ' '\n' | grep . | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# Ends the app (and with it its WebKit processes).
stop_app() {
  local pids
  pids=$(descendants "$app_pid")
  kill -TERM "$app_pid" 2>/dev/null || true
  for _ in $(seq 100); do
    kill -0 "$app_pid" 2>/dev/null || break
    sleep 0.1
  done
  kill -KILL "$app_pid" 2>/dev/null || true
  wait "$app_pid" 2>/dev/null || true
  # The WebKit processes end with the app; any left over are this run's own.
  for pid in $pids; do
    [[ "$(cat "/proc/$pid/comm" 2>/dev/null)" == WebKit* ]] && kill -KILL "$pid" 2>/dev/null || true
  done
  app_pid=""
}

for n in "${sizes[@]}"; do
  dir="$work/store-$n"
  "$cli" --data-dir "$dir" init --name "Måling" --organisation "Østjyllands Politi" --district ØJP >/dev/null 2>&1
  "$cli" --data-dir "$dir" demo --cases "$n" >/dev/null
done
echo "app: $app"
echo "stores: ${sizes[*]} demo cases (Infohus Østjylland); a warm-up start of each, then $rounds rounds; memory ${settle} s after the board's first paint"

# Starts the app on the store of $1 cases, waits for the board's first paint; sets `painted`.
start_app() {
  local n=$1 log="$work/app-$1.log"
  : >"$log"
  TOVHOLDER_DATA_DIR="$work/store-$n" XDG_CACHE_HOME="$work/cache" NO_AT_BRIDGE=1 TOVHOLDER_NO_OPEN=1 \
    "$app" >"$log" 2>&1 &
  app_pid=$!
  painted=""
  for _ in $(seq 1200); do
    if grep -q 'first paint of the board after' "$log"; then
      painted=$(grep -o 'first paint of the board after [0-9]* ms' "$log" | grep -o '[0-9]* ms')
      return
    fi
    kill -0 "$app_pid" 2>/dev/null || break
    sleep 0.1
  done
  echo "measure-memory: the board was not painted ($n cases); the app's output:" >&2
  cat "$log" >&2
  exit 1
}

# One start of each store first, not counted: the app's caches (WebKit's, Mesa's shader cache,
# shared by all runs) are warm for every counted round.
for n in "${sizes[@]}"; do
  start_app "$n"
  sleep "$settle"
  stop_app
done

declare -A pss_of anon_of
for round in $(seq "$rounds"); do
  for n in "${sizes[@]}"; do
    start_app "$n"
    sleep "$settle"
    read -r pss anon detail <<<"$(measure)"
    stop_app
    pss_of[$n]+="$pss "
    anon_of[$n]+="$anon "
    printf 'round %d  %6s cases  PSS %7s MiB  anonymous %7s MiB  (first paint %s; PSS MiB:%s)\n' \
      "$round" "$n" "$(mib "$pss")" "$(mib "$anon")" "$painted" "$detail"
  done
done

small=$(echo "${pss_of[${sizes[0]}]}" | median)
large=$(echo "${pss_of[${sizes[1]}]}" | median)
small_anon=$(echo "${anon_of[${sizes[0]}]}" | median)
large_anon=$(echo "${anon_of[${sizes[1]}]}" | median)
printf 'median  %6s cases  PSS %7s MiB  anonymous %7s MiB\n' "${sizes[0]}" "$(mib "$small")" "$(mib "$small_anon")"
printf 'median  %6s cases  PSS %7s MiB  anonymous %7s MiB\n' "${sizes[1]}" "$(mib "$large")" "$(mib "$large_anon")"
printf 'difference             PSS %7s MiB  anonymous %7s MiB\n' \
  "$(awk -v a="$small" -v b="$large" 'BEGIN { printf "%+.1f", (b - a) / 1024 }')" \
  "$(awk -v a="$small_anon" -v b="$large_anon" 'BEGIN { printf "%+.1f", (b - a) / 1024 }')"
