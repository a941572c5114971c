#!/usr/bin/env bash
# Everything the pipeline and its tests need on a fresh Debian machine: engine + buildx, registry, base images,
# arm64 emulation (QEMU through binfmt_misc) and the arm64 variants of the debian and node bases.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
[ "$(id -u)" = 0 ] || { echo "[setup] run as root (it installs Debian packages and starts dockerd)" >&2; exit 1; }
bash "$here/engine.sh"
bash "$here/registry.sh"
bash "$here/token-registry.sh"
bash "$here/base-images.sh"
bash "$here/qemu.sh"
bash "$here/base-images-arm64.sh"
bash "$here/node.sh" >/dev/null
