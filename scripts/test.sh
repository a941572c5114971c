#!/usr/bin/env bash
# The test command for a fresh machine of this kind: prepares the Docker engine (Docker 28, default image store
# $DOCKERFLOW_STORE, containerd unless set), buildx, the local registry, the base images and Node 24 when absent,
# installs the dependencies, runs every test on that engine, then the tests whose outcome depends on the image store
# (digests, docker save, push read-back, the classic builder, BuildKit checks) on a second Docker 28 daemon with the
# other store (scripts/setup/engine.sh --second). DOCKERFLOW_OTHER_STORE=skip leaves the second run out.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/setup/project.sh
t0=$SECONDS
npm run -s typecheck
npm run -s lint
# dist/ must be a fresh bundle of src/ (its own script: test:unit stays a fast inner loop).
npm run -s check:dist
npm test
echo "[test] the whole suite took $((SECONDS - t0)) s on the default engine" >&2
store=${DOCKERFLOW_STORE:-containerd}
other=${DOCKERFLOW_OTHER_STORE:-$([ "$store" = containerd ] && echo classic || echo containerd)}
[ "$other" = skip ] && exit 0
[ -z "${DOCKER_HOST:-}" ] || { echo "[test] DOCKER_HOST is set: not starting a second engine for the $other store" >&2; exit 0; }
t1=$SECONDS
engine_env=$(bash scripts/setup/engine.sh --store "$other" --second)
# shellcheck disable=SC2086 # KEY=VALUE words
# The store-sensitive cases only: the shasum file and DF108 on every static fixture, the layer scan, the classic
# builder, a push read back and pulled back (the README recipe), containerd's own push retries, the canary save.
env $engine_env node --import tsx --test --test-concurrency=1 \
  --test-name-pattern '^(CLI: |a scratch image|the Dockerfile scan|the classic builder|push to the default branch|a registry that fails|verify: |canary: )' \
  __tests__/integration/static-rules.test.ts __tests__/integration/publish.test.ts
echo "[test] the store-sensitive tests took $((SECONDS - t1)) s on the $other store" >&2
