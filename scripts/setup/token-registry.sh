#!/usr/bin/env bash
# Start a second local v2 registry (Debian's docker-registry, Distribution 2.8) with `auth: token`, the way Docker
# Hub and ghcr.io authenticate, and the small token issuer it trusts (token-issuer.mjs, on Node 24).
#   registry  127.0.0.1:5010  ($DOCKERFLOW_TOKEN_REGISTRY_ADDR)  answers 401 Bearer realm=http://<issuer>/token
#   issuer    127.0.0.1:5011  ($DOCKERFLOW_TOKEN_ISSUER_ADDR)    Basic-checked users, ES256 JWTs with x5c
# Kept in $DOCKERFLOW_CACHE/token-registry: the EC key and self-signed certificate (openssl, made once), the users
# and their passwords (users.json, root-only), the storage and both logs. Users:
#   dockerflow  pull,push and the catalogue      reader  pull only      shortlived  pull,push, tokens live 3 s
# Idempotent: a registry and issuer that already answer are kept.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
log() { printf '[setup:token-registry] %s\n' "$*" >&2; }
here=$(cd "$(dirname "$0")" && pwd)
addr=${DOCKERFLOW_TOKEN_REGISTRY_ADDR:-127.0.0.1:5010}
issuer_addr=${DOCKERFLOW_TOKEN_ISSUER_ADDR:-127.0.0.1:5011}
dir=${DOCKERFLOW_CACHE:-/var/cache/dockerflow}/token-registry
service=dockerflow-token-registry
issuer=dockerflow-test-issuer

apt_install docker-registry openssl curl
node="$(bash "$here/node.sh")/node"

mkdir -p "$dir/data"
umask 077
if [ ! -s "$dir/cert.pem" ] || [ ! -s "$dir/key.pem" ]; then
  log "making the issuer's EC P-256 key and self-signed certificate"
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 3650 \
    -subj "/CN=$issuer" -keyout "$dir/key.pem" -out "$dir/cert.pem" 2>/dev/null
fi
if [ ! -s "$dir/users.json" ]; then
  pw() { head -c 18 /dev/urandom | base64 | tr -d '/+='; }
  cat > "$dir/users.json" <<JSON
{
  "dockerflow": { "password": "$(pw)", "actions": ["pull", "push"], "ttl": 300, "catalog": true },
  "reader": { "password": "$(pw)", "actions": ["pull"], "ttl": 300 },
  "shortlived": { "password": "$(pw)", "actions": ["pull", "push"], "ttl": 3 }
}
JSON
fi
"$node" -e '
  const fs = require("node:fs");
  const [dir, listen, service, issuer] = process.argv.slice(1);
  const users = JSON.parse(fs.readFileSync(`${dir}/users.json`, "utf8"));
  const config = { listen, service, issuer, key: `${dir}/key.pem`, cert: `${dir}/cert.pem`, log: `${dir}/issuer.log`, users };
  fs.writeFileSync(`${dir}/issuer.json`, JSON.stringify(config, null, 2));
' "$dir" "$issuer_addr" "$service" "$issuer"

status() { curl -s -o /dev/null -w '%{http_code}' "$1" || true; }

# The issuer runs from a copy, so it does not depend on the checkout that started it.
if [ "$(status "http://$issuer_addr/token?service=$service")" != 200 ]; then
  cp "$here/token-issuer.mjs" "$dir/token-issuer.mjs"
  log "starting the token issuer on $issuer_addr"
  nohup "$node" "$dir/token-issuer.mjs" "$dir/issuer.json" >"$dir/issuer.out" 2>&1 &
  for _ in $(seq 1 100); do
    [ "$(status "http://$issuer_addr/token?service=$service")" = 200 ] && break
    sleep 0.1
  done
  [ "$(status "http://$issuer_addr/token?service=$service")" = 200 ] \
    || { log "the token issuer did not come up: see $dir/issuer.out"; tail -5 "$dir/issuer.out" >&2; exit 1; }
fi

challenge() { curl -s -o /dev/null -D - "http://$addr/v2/" 2>/dev/null | tr -d '\r' | grep -i '^www-authenticate: bearer' || true; }
if [ -z "$(challenge)" ]; then
  cat > "$dir/config.yml" <<YAML
version: 0.1
log: { level: warn }
storage:
  filesystem: { rootdirectory: $dir/data }
  delete: { enabled: true }
http: { addr: $addr }
auth:
  token:
    realm: http://$issuer_addr/token
    service: $service
    issuer: $issuer
    rootcertbundle: $dir/cert.pem
YAML
  log "starting the token-auth registry on $addr"
  nohup docker-registry serve "$dir/config.yml" >"$dir/registry.log" 2>&1 &
  for _ in $(seq 1 100); do
    [ -n "$(challenge)" ] && break
    sleep 0.1
  done
  [ -n "$(challenge)" ] || { log "the registry did not come up: see $dir/registry.log"; tail -5 "$dir/registry.log" >&2; exit 1; }
fi
log "registry with token auth on $addr, token issuer on $issuer_addr (users in $dir/users.json)"
