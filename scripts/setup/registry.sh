#!/usr/bin/env bash
# Start a local v2 registry (Debian's docker-registry, Distribution 2.8) with htpasswd auth on 127.0.0.1.
# Credentials for the tests: user in $dir/username, password in $dir/password (root-only files).
# Idempotent: a registry that already answers is kept.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
log() { printf '[setup:registry] %s\n' "$*" >&2; }
addr=${DOCKERFLOW_REGISTRY_ADDR:-127.0.0.1:5000}
dir=${DOCKERFLOW_CACHE:-/var/cache/dockerflow}/registry

apt_install docker-registry apache2-utils curl

mkdir -p "$dir/data"
if [ ! -s "$dir/password" ]; then
  umask 077
  printf 'dockerflow' > "$dir/username"
  head -c 18 /dev/urandom | base64 | tr -d '/+=' > "$dir/password"
  htpasswd -Bbc "$dir/htpasswd" "$(cat "$dir/username")" "$(cat "$dir/password")" 2>/dev/null
fi

code=$(curl -s -o /dev/null -w '%{http_code}' "http://$addr/v2/" || true)
if [ "$code" != 401 ]; then
  cat > "$dir/config.yml" <<YAML
version: 0.1
log: { level: warn }
storage:
  filesystem: { rootdirectory: $dir/data }
  delete: { enabled: true }
http: { addr: $addr }
auth:
  htpasswd: { realm: dockerflow-test, path: $dir/htpasswd }
YAML
  log "starting the registry on $addr"
  nohup docker-registry serve "$dir/config.yml" >"$dir/registry.log" 2>&1 &
  for _ in $(seq 1 100); do
    code=$(curl -s -o /dev/null -w '%{http_code}' "http://$addr/v2/" || true)
    [ "$code" = 401 ] && break
    sleep 0.1
  done
  [ "$code" = 401 ] || { log "the registry did not come up: see $dir/registry.log"; tail -5 "$dir/registry.log" >&2; exit 1; }
fi
log "registry with htpasswd auth on $addr (credentials in $dir)"
