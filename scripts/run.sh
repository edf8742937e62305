#!/usr/bin/env bash
# Tovholder's one run command: bash scripts/run.sh [ARGS...]
# Installs what the build needs when it is missing (scripts/setup.sh: on Debian/Ubuntu the
# WebKitGTK build packages; the UI's packages with npm ci), builds the UI (embedded into the app
# at compile time), then builds and starts the app; ARGS go to the app.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
export PATH="$HOME/.cargo/bin:$PATH"

bash scripts/setup.sh run
(cd ui && npm run build)

exec cargo run -p tovholder -- "$@"
