# Sourced (from the repository root) by scripts/test.sh and scripts/demo.sh: everything the machine needs, Node 24
# first on PATH, and the project's dependencies when package-lock.json is newer than node_modules.
bash scripts/setup/all.sh
PATH="$(bash scripts/setup/node.sh):$PATH"
export PATH
[ -d node_modules ] && [ node_modules/.package-lock.json -nt package-lock.json ] || npm ci --no-audit --no-fund --loglevel=error
