#!/usr/bin/env bash
# The test command for a fresh machine of this kind: prepares the Docker engine (Docker 28, default image store
# $DOCKERFLOW_STORE, containerd unless set), buildx, the local registry, the base images and Node 24 when absent,
# installs the dependencies, runs every test on that engine, then the tests whose outcome depends on the image store
# (digests, docker save, push read-back, the classic builder, BuildKit checks) on a second Docker 28 daemon with the
# other store (scripts/setup/engine.sh --second). DOCKERFLOW_OTHER_STORE=skip leaves the second run out.
#
# The suite mostly waits (on the engine, on containers starting and stopping), so the integration files run two at
# a time; the two files whose tests assert how fast a verdict comes (smoke, verdicts) run after the others, beside
# each other only (their apps are small and prebuilt, not the image builds of the other files).
# DOCKERFLOW_TEST_JOBS sets the number of integration files at once (1: one after the other).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/setup/project.sh
t0=$SECONDS
jobs=${DOCKERFLOW_TEST_JOBS:-2}
phase() { echo "[test] $1 took $((SECONDS - $2)) s" >&2; }
# A test file whose process does not exit (a socket left open) would hold the run until CI's own limit: each phase
# is given a bound well above its usual time (minutes), and says so when it is hit.
bounded() {
  local limit=$1
  shift
  local rc=0
  timeout --kill-after=30 "$limit" "$@" || rc=$?
  [ "$rc" != 124 ] || echo "[test] stopped after $limit: a test file did not end (an open socket or child process keeps it alive)" >&2
  return "$rc"
}

# typecheck, lint and the dist check (dist/ must be a fresh bundle of src/) at once: three processes, each on
# one core most of the time.
checks=$(mktemp -d)
trap 'rm -rf "$checks"' EXIT
npm run -s typecheck >"$checks/typecheck" 2>&1 &
p_types=$!
npm run -s lint >"$checks/lint" 2>&1 &
p_lint=$!
npm run -s check:dist >"$checks/check:dist" 2>&1 &
p_dist=$!
failed=
for c in "typecheck:$p_types" "lint:$p_lint" "check:dist:$p_dist"; do
  name=${c%:*} pid=${c##*:}
  wait "$pid" || failed="$failed $name"
  cat "$checks/$name"
done
[ -z "$failed" ] || { echo "[test] failed:$failed" >&2; exit 1; }
phase "typecheck, lint and check:dist" "$t0"

t=$SECONDS
bounded 5m node --import tsx --test --test-concurrency=3 "__tests__/unit/**/*.test.ts"
phase "the unit tests" "$t"

# Integration files, the longest first so that the two lanes end together; then the timing-sensitive ones.
timed=(__tests__/integration/smoke.test.ts __tests__/integration/verdicts.test.ts)
first=(__tests__/integration/publish.test.ts __tests__/integration/static-rules.test.ts __tests__/integration/secrets.test.ts)
rest=()
for f in __tests__/integration/*.test.ts; do
  case " ${timed[*]} ${first[*]} " in *" $f "*) ;; *) rest+=("$f") ;; esac
done
t=$SECONDS
bounded 25m node --import tsx --test --test-concurrency="$jobs" "${first[@]}" "${rest[@]}"
phase "the integration tests ($jobs at a time)" "$t"
t=$SECONDS
bounded 15m node --import tsx --test --test-concurrency="$jobs" "${timed[@]}"
phase "the timing-sensitive integration tests (without the build-heavy files)" "$t"
echo "[test] the whole suite took $((SECONDS - t0)) s on the default engine" >&2

store=${DOCKERFLOW_STORE:-containerd}
other=${DOCKERFLOW_OTHER_STORE:-$([ "$store" = containerd ] && echo classic || echo containerd)}
[ "$other" = skip ] && exit 0
[ -z "${DOCKER_HOST:-}" ] || { echo "[test] DOCKER_HOST is set: not starting a second engine for the $other store" >&2; exit 0; }
t1=$SECONDS
engine_env=$(bash scripts/setup/engine.sh --store "$other" --second)
# shellcheck disable=SC2086 # KEY=VALUE words
# The store-sensitive cases only: the shasum file and DF108 on every static fixture, the layer scan, the classic
# builder, a push read back and pulled back (the README recipe), by-digest (refused on classic), containerd's own push retries, the canary save.
bounded 15m env $engine_env node --import tsx --test --test-concurrency="$jobs" \
  --test-name-pattern '^(CLI: |a scratch image|the Dockerfile scan|the classic builder|push to the default branch|push: by-digest|a registry that fails|verify: |canary: )' \
  __tests__/integration/static-rules.test.ts __tests__/integration/publish.test.ts
echo "[test] the store-sensitive tests took $((SECONDS - t1)) s on the $other store" >&2
