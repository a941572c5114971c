#!/usr/bin/env bash
# The test command for a fresh machine of this kind: prepares the Docker engine, buildx, the local registry,
# the base images and Node 24 when absent, installs the dependencies, then runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup/all.sh
PATH="$(bash scripts/setup/node.sh):$PATH"
export PATH
[ -d node_modules ] && [ node_modules/.package-lock.json -nt package-lock.json ] || npm ci --no-audit --no-fund --loglevel=error
npm run -s typecheck
npm run -s lint
npm test
