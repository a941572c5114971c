#!/usr/bin/env bash
# arm64 emulation for the engine: Debian's qemu-user-static (this machine's own archive), its aarch64 handler
# registered with binfmt_misc with the F flag, so the kernel holds the interpreter open and it works inside
# containers and chroots without copying qemu into them (BuildKit's RUN steps and `docker run --platform linux/arm64`).
#
# The package is fetched once with apt-get download, extracted with dpkg-deb (nothing is installed into /usr) and
# cached under $DOCKERFLOW_CACHE/qemu; binfmt_misc is mounted at /proc/sys/fs/binfmt_misc when it is not. Idempotent
# and fast: a handler that is already registered with the F flag is kept.
#   qemu.sh        set up, print nothing on stdout
#   qemu.sh --check  exit 0 when arm64 binaries run, 1 (with the reason on stderr) when not; changes nothing
set -euo pipefail
. "$(dirname "$0")/lib.sh"
log() { printf '[setup:qemu] %s\n' "$*" >&2; }
die() { log "$*"; exit 1; }

cache=${DOCKERFLOW_CACHE:-/var/cache/dockerflow}
dir="$cache/qemu"
mnt=/proc/sys/fs/binfmt_misc
entry="$mnt/qemu-aarch64"
# The handler's name ends in -binfmt-P: Debian's qemu then knows the kernel preserved argv[0] (the P flag).
interp="$dir/libexec/aarch64-binfmt-P"

registered() { # enabled and with the F flag
  [ -r "$entry" ] && grep -qx enabled "$entry" && grep -qE '^flags: .*F' "$entry"
}

if [ "${1:-}" = --check ]; then
  [ -d "$mnt" ] && [ -f "$mnt/status" ] || { log "binfmt_misc is not mounted at $mnt: run scripts/setup/qemu.sh"; exit 1; }
  registered || { log "no enabled qemu-aarch64 binfmt handler with the F flag in $mnt: run scripts/setup/qemu.sh"; exit 1; }
  exit 0
fi

# 1. The emulator, from this machine's Debian release, once per machine.
if [ ! -f "$dir/.complete" ]; then
  rm -rf "$dir"
  mkdir -p "$dir/debs" "$dir/bin" "$dir/libexec"
  chmod 0777 "$dir/debs" # apt-get download drops privileges to _apt when it can
  log "fetching qemu-user-static from the Debian archive"
  if ! (cd "$dir/debs" && apt-get -o APT::Sandbox::User=root download qemu-user-static >/dev/null 2>&1); then
    apt-get update -q >/dev/null && mkdir -p /var/lib/apt/periodic && touch /var/lib/apt/periodic/dockerflow-updated
    (cd "$dir/debs" && apt-get -o APT::Sandbox::User=root download qemu-user-static >/dev/null) \
      || die "apt-get download qemu-user-static failed: check the apt sources (apt-get update) and rerun"
  fi
  x="$dir/x"
  dpkg-deb -x "$dir"/debs/qemu-user-static_*.deb "$x"
  install -m 0755 "$x/usr/bin/qemu-aarch64-static" "$dir/bin/qemu-aarch64-static"
  # The package's own systemd-binfmt line (magic, mask, flags), pointed at the cached binary below.
  cp "$x/usr/lib/binfmt.d/qemu-aarch64.conf" "$dir/qemu-aarch64.conf"
  ls "$dir"/debs/*.deb | xargs -n1 basename > "$dir/VERSIONS"
  rm -rf "$x" "$dir"/debs/*.deb
  "$dir/bin/qemu-aarch64-static" --version >/dev/null || die "$dir/bin/qemu-aarch64-static does not run on this machine"
  touch "$dir/.complete"
fi
ln -sfn ../bin/qemu-aarch64-static "$interp"

# 2. binfmt_misc, mounted.
if [ ! -f "$mnt/status" ]; then
  log "mounting binfmt_misc at $mnt"
  mount -t binfmt_misc binfmt_misc "$mnt" \
    || die "cannot mount binfmt_misc at $mnt (is the kernel's binfmt_misc module available? modprobe binfmt_misc)"
fi
[ "$(cat "$mnt/status")" = enabled ] || echo 1 > "$mnt/status"

# 3. The aarch64 handler, with F (fix binary: the kernel opens the interpreter now, not in the container).
if ! registered; then
  if [ -e "$entry" ]; then
    log "replacing the qemu-aarch64 handler registered without the F flag ($(grep -E '^(interpreter|flags)' "$entry" | tr '\n' ' '))"
    echo -1 > "$entry"
  fi
  line=$(sed -E "s#:[^:]*:([A-Z]*)\$#:$interp:\\1#" "$dir/qemu-aarch64.conf")
  case "${line##*:}" in *F*) ;; *) line="${line}F" ;; esac
  log "registering qemu-aarch64 (flags ${line##*:}) with binfmt_misc"
  printf '%s' "$line" > "$mnt/register" || die "writing to $mnt/register failed: see dmesg for the kernel's reason"
fi
registered || die "the qemu-aarch64 handler did not register: see $entry and dmesg"
log "arm64 emulation ready: $(grep -E '^interpreter' "$entry" | awk '{print $2}') ($(cat "$dir/VERSIONS"))"
