#!/usr/bin/env bash
# Tovholder's one test command (the README's and CI's): bash scripts/test.sh
#
#   1. formatting          cargo fmt --all --check
#   2. UI                  npm ci, type check, unit tests and build of ui/ (ui/dist is embedded in the app,
#                          with the third-party licence lists the build generates: ui/build/licences.ts)
#   3. lints               cargo clippy --workspace --all-targets -D warnings,
#                          cargo deny check licenses bans (deny.toml: the licence allow-list, banned crates),
#                          and actionlint on .github/workflows (ci.yml, release.yml)
#   4. build               the app, the CLI and the unit tests, once (debug)
#   5. package             the Linux package: a .deb bundled from that debug build and installed with
#                          apt-get (Debian/Ubuntu; as root or through sudo), for the end-to-end test
#                          that starts the installed app (tests/tests/installed_package.rs); and the
#                          Windows installer's Danish texts, complete and compiled with makensis
#   6. tests               unit/integration tests against the real OS keychain, then the end-to-end
#                          tests driving the built app (tauri-driver + WebKitWebDriver under Xvfb),
#                          all in one private D-Bus session with an unlocked gnome-keyring
#   7. generated files     the bindings, rules and capability that the build and `cargo test` regenerate are committed
#
# Needs Rust and Node 20 + npm. Everything else it installs first when missing (scripts/setup.sh
# test): on Debian/Ubuntu the build packages plus xvfb xauth webkit2gtk-driver gnome-keyring
# libsecret-tools dbus dbus-x11 poppler-utils fonts-dejavu-core git nsis python3-venv, tauri-driver
# 2.x, cargo-about, cargo-deny and actionlint.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
export PATH="$HOME/.cargo/bin:$PATH"

if [[ -z "${TOVHOLDER_TEST_SESSION:-}" ]]; then
  # Before the keyring session below: it needs dbus and gnome-keyring.
  bash scripts/setup.sh test
  # Everything runs inside one private D-Bus session with a fresh, unlocked keyring.
  TOVHOLDER_TEST_SESSION=1 exec bash scripts/keyring-session.sh bash scripts/test.sh "$@"
fi

started=$SECONDS
step_started=$SECONDS
current=""
timings=()

label=""

# step SHORT-NAME DESCRIPTION
step() {
  finish_step
  label="$1"
  current="$1: $2"
  step_started=$SECONDS
  echo
  echo "==> [$((${#timings[@]} + 1))/7] $current"
}

finish_step() {
  if [[ -n "$current" ]]; then
    timings+=("$label $((SECONDS - step_started))s")
    echo "<== $label done in $((SECONDS - step_started))s"
  fi
  current=""
}

on_exit() {
  local status=$?
  if [[ $status -ne 0 ]]; then
    echo
    echo "test.sh: FAILED in step '${current:-?}' (exit $status) after $((SECONDS - started))s"
  fi
}
trap on_exit EXIT

step fmt "cargo fmt --all --check"
cargo fmt --all --check

step ui "npm ci, check, test and build in ui/"
(
  cd ui
  npm ci --no-audit --no-fund
  npm run check
  npm test
  npm run build
)

step clippy "cargo clippy; cargo deny check licenses bans; actionlint"
cargo clippy --workspace --all-targets -- -D warnings
# Duplicate versions are warnings (Tauri brings many); a licence off the list or a banned crate fails.
cargo deny check --hide-inclusion-graph licenses bans
# The workflows run only on the hosting service: checked here (setup.sh installs actionlint).
actionlint_bin=$(command -v actionlint || echo "${XDG_CACHE_HOME:-$HOME/.cache}/tovholder-tools/actionlint/bin/actionlint")
"$actionlint_bin" .github/workflows/*.yml

# The app and CLI binaries plus exactly the targets `cargo test` builds below (so the same
# dependency features, and nothing is compiled twice; a plain `cargo build` leaves dev-dependencies'
# features out, which would rebuild part of the stack for the tests). The end-to-end crate is left
# out: its WebDriver client would change shared dependencies' features. It builds on its own in
# step 5 and drives these same target/debug/tovholder and tovholder-cli binaries.
step build "app, CLI and tests (debug)"
cargo build --workspace --exclude tovholder-e2e --lib --bins --tests --examples

step package "the .deb and .rpm from the debug build; the .deb installed with apt-get; the installer's Danish texts"
bash scripts/check-installer-strings.sh
if command -v apt-get >/dev/null && command -v dpkg >/dev/null; then
  rm -rf target/debug/bundle/deb target/debug/bundle/rpm
  # The tauri CLI from ui/. Its check that the tauri crate and @tauri-apps/api are the same minor
  # version holds (ui/package.json pins the API to the crate's 2.11).
  ui/node_modules/.bin/tauri build --debug --bundles deb,rpm --ci
  # The .rpm (not installable on Debian): the app, the unlock's polkit action, OpenSSL 3.
  rpm_file=$(ls target/debug/bundle/rpm/*.rpm)
  rpm_files=$(rpm -qlp "$rpm_file")
  rpm_requires=$(rpm -qRp "$rpm_file")
  for want in /usr/bin/tovholder /usr/share/polkit-1/actions/dk.tovholder.desktop.policy; do
    grep -qx "$want" <<<"$rpm_files" || { echo "the .rpm lacks $want" >&2; exit 1; }
  done
  for want in openssl-libs "libwebkit2gtk-4.1.so.0" "libgtk-3.so.0"; do
    grep -q "^$want" <<<"$rpm_requires" || { echo "the .rpm does not require $want" >&2; exit 1; }
  done
  deb=$(ls target/debug/bundle/deb/*.deb)
  as_root=()
  [[ $(id -u) -eq 0 ]] || as_root=(sudo -n)
  "${as_root[@]}" apt-get install -y --reinstall "./$deb"
  export TOVHOLDER_INSTALLED_APP=/usr/bin/tovholder
  ls -l "$deb" "$rpm_file" "$TOVHOLDER_INSTALLED_APP"
else
  echo "no apt-get: the .deb is neither built nor installed here (CI runs on Debian)"
fi

step test "cargo test with the OS keychain, then end-to-end under Xvfb"
cargo test --workspace --exclude tovholder-e2e
command -v tauri-driver >/dev/null || {
  echo "tauri-driver not found: cargo install tauri-driver --version '^2' --locked" >&2
  exit 1
}
xvfb-run -a -s "-screen 0 1920x1080x24" cargo test -p tovholder-e2e -- --test-threads=1

step bindings "the generated files (bindings, rules, capability) are committed"
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  stale=$(git status --porcelain -- ui/src/lib/bindings.ts ui/src/lib/generated src-tauri/capabilities/main.json)
  if [[ -n "$stale" ]]; then
    echo "$stale"
    echo "generated files are stale: commit what the tests regenerated" >&2
    exit 1
  fi
else
  echo "not a git work tree: skipped"
fi
finish_step

echo
summary=$(printf '%s, ' "${timings[@]}")
echo "test.sh: OK, all 7 steps passed in $((SECONDS - started))s (${summary%, })"
