#!/usr/bin/env bash
# Runs a command inside a private D-Bus session with a fresh, unlocked gnome-keyring (the Secret
# Service the app's keychain uses on Linux), e.g.
#   bash scripts/keyring-session.sh xvfb-run -a cargo test -p tovholder-e2e -- --test-threads=1
# The keyring lives in a temporary directory and is gone afterwards: nothing touches your own.
set -euo pipefail

if [[ $# -eq 0 ]]; then
  echo "usage: bash scripts/keyring-session.sh COMMAND [ARGS...]" >&2
  exit 2
fi

if [[ "${TOVHOLDER_KEYRING_SESSION:-}" != "starting" ]]; then
  for tool in dbus-run-session dbus-send gnome-keyring-daemon; do
    command -v "$tool" >/dev/null || {
      echo "keyring-session: $tool not found (apt-get install dbus dbus-x11 gnome-keyring)" >&2
      exit 1
    }
  done
  # Re-run this script inside the new session.
  TOVHOLDER_KEYRING_SESSION=starting exec dbus-run-session -- bash "${BASH_SOURCE[0]}" "$@"
fi
unset TOVHOLDER_KEYRING_SESSION

keyring_home=$(mktemp -d "${TMPDIR:-/tmp}/tovholder-keyring.XXXXXX")
trap 'rm -rf "$keyring_home"' EXIT

# gnome-keyring only unlocks (and creates) its login keyring with a non-empty password.
printf 'tovholder-ci' | XDG_DATA_HOME="$keyring_home" gnome-keyring-daemon --unlock --components=secrets >/dev/null

ready=""
for _ in $(seq 100); do
  if dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
    org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null | grep -q 'boolean true'; then
    ready=1
    break
  fi
  sleep 0.1
done
if [[ -z "$ready" ]]; then
  echo "keyring-session: the Secret Service did not appear on the D-Bus session" >&2
  exit 1
fi

"$@"
