#!/usr/bin/env bash
# Build the base images the tests and sample-app need, locally: nothing can be pulled on this machine.
#   debian:bookworm-slim  debootstrap minbase + this machine's CA bundle
#   node:24-slim          the above + the official Node 24 binary and npm 11 (see node.sh)
#   postgres:15           the above debian + Debian's postgresql-15, with the official image's env contract
# Idempotent: an image that already exists is kept.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
log() { printf '[setup:images] %s\n' "$*" >&2; }
here=$(cd "$(dirname "$0")" && pwd)
cache=${DOCKERFLOW_CACHE:-/var/cache/dockerflow}
mkdir -p "$cache"

have() { docker image inspect "$1" >/dev/null 2>&1; }
all_there() { have debian:bookworm-slim && have node:24-slim && have postgres:15; }
names=(debian:bookworm-slim debian:bookworm node:24-slim node:24-bookworm-slim postgres:15)

# A saved copy of the three images, so a second engine (or the other image store) loads them in seconds instead of
# building them again. Keyed by the image definitions, so a changed Dockerfile is built anew.
key=$(cat "$here/images/"* "$0" | sha256sum | cut -c1-12)
saved="$cache/base-images-$key.tar"
if ! all_there && [ -f "$saved" ]; then
  log "loading the base images from $saved"
  docker load -q -i "$saved" >/dev/null
fi
# A second daemon (DOCKER_HOST set, see engine.sh --second) copies them from the default one when it has them.
if ! all_there && [ -n "${DOCKER_HOST:-}" ] && DOCKER_HOST= docker image inspect "${names[@]}" >/dev/null 2>&1; then
  log "copying the base images from the default engine"
  DOCKER_HOST= docker save -o "$saved.tmp" "${names[@]}" && mv "$saved.tmp" "$saved"
  docker load -q -i "$saved" >/dev/null
fi

if ! have debian:bookworm-slim; then
  apt_install debootstrap
  mirror=$(debian_mirror)
  root="$cache/rootfs-bookworm"
  if [ ! -f "$root/.complete" ]; then
    log "debootstrap bookworm minbase (about 40 s)"
    rm -rf "$root"
    debootstrap --variant=minbase bookworm "$root" "$mirror" >"$cache/debootstrap.log" 2>&1 \
      || { log "debootstrap failed: see $cache/debootstrap.log"; tail -5 "$cache/debootstrap.log" >&2; exit 1; }
    cp /etc/ssl/certs/ca-certificates.crt "$root/etc/ssl/certs/ca-certificates.crt" 2>/dev/null \
      || { mkdir -p "$root/etc/ssl/certs" && cp /etc/ssl/certs/ca-certificates.crt "$root/etc/ssl/certs/"; }
    rm -rf "$root/var/cache/apt/archives/"*.deb "$root/var/lib/apt/lists/"*
    touch "$root/.complete"
  fi
  log "importing debian:bookworm-slim"
  tar -C "$root" --exclude=./.complete --exclude=./proc --exclude=./sys --exclude=./dev -c . \
    | docker import -c 'CMD ["bash"]' -c 'ENV LANG=C.UTF-8' - debian:bookworm-slim >/dev/null
  docker tag debian:bookworm-slim debian:bookworm
fi

if ! have node:24-slim; then
  log "building node:24-slim from the official Node 24 binary"
  bash "$here/node.sh" >/dev/null
  ctx="$cache/node24"
  cp "$here/images/node.Dockerfile" "$ctx/Dockerfile"
  docker build -q -t node:24-slim "$ctx" >/dev/null
  docker tag node:24-slim node:24-bookworm-slim
fi

if ! have postgres:15; then
  log "building postgres:15 from Debian's postgresql-15"
  docker build -q -t postgres:15 -f "$here/images/postgres.Dockerfile" "$here/images" >/dev/null
fi
if [ ! -f "$saved" ]; then
  docker save -o "$saved.tmp" "${names[@]}" && mv "$saved.tmp" "$saved"
  find "$cache" -maxdepth 1 -name 'base-images-*.tar' ! -name "$(basename "$saved")" -delete
fi
log "base images ready: $(docker images --format '{{.Repository}}:{{.Tag}}' | grep -E '^(debian|node|postgres):' | tr '\n' ' ')"
