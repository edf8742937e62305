#!/usr/bin/env bash
# Tovholder's one run command: bash scripts/run.sh [ARGS...]
# Installs the UI's packages when needed, builds the UI (embedded into the app at compile time),
# then builds and starts the app; ARGS go to the app.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

if [[ ! -d ui/node_modules || ui/package-lock.json -nt ui/node_modules ]]; then
  (cd ui && npm ci --no-audit --no-fund)
  touch ui/node_modules
fi
(cd ui && npm run build)

exec cargo run -p tovholder -- "$@"
