#!/usr/bin/env bash
# Install and start a Docker engine and the buildx plugin on a Debian machine, if absent.
# Idempotent: a second run reuses the running daemon and the installed plugin.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
log() { printf '[setup:engine] %s\n' "$*" >&2; }

apt_install docker.io iptables ca-certificates

# dockerd: start in the background unless a daemon already answers.
if ! docker info >/dev/null 2>&1; then
  # A daemon killed with the previous session leaves its pid files behind; dockerd refuses to start over them.
  for f in /var/run/docker.pid /var/run/docker/containerd/containerd.pid; do
    if [ -f "$f" ] && ! kill -0 "$(cat "$f" 2>/dev/null)" 2>/dev/null; then rm -f "$f"; fi
  done
  log "starting dockerd"
  nohup dockerd --host=unix:///var/run/docker.sock >/var/log/dockerflow-dockerd.log 2>&1 &
  pid=$!
  for _ in $(seq 1 600); do
    docker info >/dev/null 2>&1 && break
    kill -0 "$pid" 2>/dev/null || break # it exited: say why at once
    sleep 0.1
  done
  docker info >/dev/null 2>&1 || { log "dockerd did not start: see /var/log/dockerflow-dockerd.log"; tail -20 /var/log/dockerflow-dockerd.log >&2; exit 1; }
fi
log "engine $(docker version -f '{{.Server.Version}}') is up"

# buildx: Debian bookworm has no docker-buildx package; trixie's is a static Go binary that runs here.
# The archive address is read from this machine's own apt sources.
plugin_dir=/usr/local/lib/docker/cli-plugins
if ! docker buildx version >/dev/null 2>&1; then
  rm -f "$plugin_dir/docker-buildx"
  uri=$(debian_mirror)
  [ -n "$uri" ] || { log "no Debian archive found in the apt sources; install buildx by hand"; exit 1; }
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  mkdir -p "$work/lists/partial" "$work/archives/partial"
  printf 'deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] %s trixie main\n' "$uri" > "$work/trixie.list"
  aptopts=(-o APT::Sandbox::User=root -o Dir::Etc::sourcelist="$work/trixie.list" -o Dir::Etc::sourceparts=- -o Dir::State::Lists="$work/lists"
           -o Dir::Cache::Archives="$work/archives" -o APT::Get::List-Cleanup=0)
  log "fetching docker-buildx from trixie"
  apt-get "${aptopts[@]}" update -q >/dev/null
  chmod 0777 "$work" "$work/archives/partial" "$work/lists/partial"
  (cd "$work" && apt-get "${aptopts[@]}" download docker-buildx >/dev/null)
  dpkg-deb -x "$work"/docker-buildx_*.deb "$work/x"
  mkdir -p "$plugin_dir"
  bin=$(find "$work/x" -path '*cli-plugins/docker-buildx' -type f | head -1)
  [ -n "$bin" ] || { log "the docker-buildx package holds no cli-plugins/docker-buildx"; exit 1; }
  install -m 0755 "$bin" "$plugin_dir/docker-buildx"
fi
log "buildx $(docker buildx version | awk '{print $2}') is available"
