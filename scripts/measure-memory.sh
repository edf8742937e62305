#!/usr/bin/env bash
# The app's memory on a small and a large store: PSS of the app process and its WebKit processes
# (WebKitWebProcess, WebKitNetworkProcess, …) 10 s after the board's first paint, on a store of 400
# demo cases and one of 10,000, in interleaved rounds (small, large, small, …); prints each round,
# the medians and the difference. See docs/benchmarks.md ("Memory").
#
#   bash scripts/measure-memory.sh [APP [CLI]]
#
# APP is the app binary (default target/release/tovholder), CLI the tovholder-cli beside it unless
# given. It starts its own D-Bus session with an unlocked gnome-keyring (scripts/keyring-session.sh:
# the app reads the store's key from the keychain) and its own Xvfb (1280×800, the window's size);
# the stores live in a temporary directory and are removed afterwards.
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
  command -v xvfb-run >/dev/null || {
    echo "measure-memory: xvfb-run not found (apt-get install xvfb xauth)" >&2
    exit 1
  }
  TOVHOLDER_MEASURE_INNER=1 exec bash "$root/scripts/keyring-session.sh" \
    xvfb-run -a -s "-screen 0 1280x800x24" bash "${BASH_SOURCE[0]}" "$app" "$cli"
fi

app=$1
cli=$2
rounds=${ROUNDS:-5}
settle=${SETTLE:-10}
sizes=("${SMALL:-400}" "${LARGE:-10000}")

work=$(mktemp -d "${TMPDIR:-/tmp}/tovholder-memory.XXXXXX")
app_pid=""
cleanup() {
  if [[ -n "$app_pid" ]]; then
    stop_app
  fi
  rm -rf "$work"
}
trap cleanup EXIT
unset TOVHOLDER_KEYCHAIN

# The PIDs of a process's descendants (children first, then theirs).
descendants() {
  local child
  for child in $(pgrep -P "$1" || true); do
    echo "$child"
    descendants "$child"
  done
}

# The PSS (KiB) of the app and its WebKit processes: "total name=MiB name=MiB …".
measure_pss() {
  local total=0 detail="" pid name kib
  for pid in "$app_pid" $(descendants "$app_pid"); do
    name=$(cat "/proc/$pid/comm" 2>/dev/null) || continue
    [[ "$pid" == "$app_pid" || "$name" == WebKit* ]] || continue
    kib=$(awk '/^Pss:/ { print $2 }' "/proc/$pid/smaps_rollup" 2>/dev/null) || continue
    total=$((total + kib))
    detail+=" $name=$((kib / 1024))"
  done
  echo "$total$detail"
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
echo "stores: ${sizes[*]} demo cases (Infohus Østjylland); $rounds rounds, PSS ${settle} s after the board's first paint"

declare -A results
for round in $(seq "$rounds"); do
  for n in "${sizes[@]}"; do
    log="$work/app-$n-$round.log"
    TOVHOLDER_DATA_DIR="$work/store-$n" XDG_CACHE_HOME="$work/cache-$n" NO_AT_BRIDGE=1 TOVHOLDER_NO_OPEN=1 \
      "$app" >"$log" 2>&1 &
    app_pid=$!
    painted=""
    for _ in $(seq 1200); do
      if grep -q 'first paint of the board after' "$log"; then
        painted=$(grep -o 'first paint of the board after [0-9]* ms' "$log" | grep -o '[0-9]* ms')
        break
      fi
      kill -0 "$app_pid" 2>/dev/null || break
      sleep 0.1
    done
    if [[ -z "$painted" ]]; then
      echo "measure-memory: the board was not painted ($n cases, round $round); the app's output:" >&2
      cat "$log" >&2
      exit 1
    fi
    sleep "$settle"
    read -r kib detail <<<"$(measure_pss)"
    stop_app
    results[$n]+="$kib "
    printf 'round %d  %6s cases  %7s MiB  (first paint %s;%s MiB)\n' "$round" "$n" "$(mib "$kib")" "$painted" "$detail"
  done
done

small=$(echo "${results[${sizes[0]}]}" | median)
large=$(echo "${results[${sizes[1]}]}" | median)
printf 'median  %6s cases  %7s MiB\n' "${sizes[0]}" "$(mib "$small")"
printf 'median  %6s cases  %7s MiB\n' "${sizes[1]}" "$(mib "$large")"
printf 'difference           %+7s MiB\n' "$(awk -v a="$small" -v b="$large" 'BEGIN { printf "%+.1f", (b - a) / 1024 }')"
