#!/usr/bin/env bash
# The test command for a fresh machine of this kind: prepares the Docker engine, buildx, the local registry,
# the base images and Node 24 when absent, installs the dependencies, then runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/setup/project.sh
npm run -s typecheck
npm run -s lint
npm test
