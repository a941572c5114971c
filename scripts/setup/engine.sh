#!/usr/bin/env bash
# Install and start Docker Engine 28 (Debian forky's docker.io, docker-buildx, containerd) on a Debian machine.
#
#   engine.sh [--store containerd|classic] [--second] [--replace]
#
#   --store S   the image store: containerd (the default, as Docker 29 installs it) or classic (overlay2 graph driver)
#   --second    a second daemon on its own socket /var/run/dockerflow/S-store.sock beside the default one, with its
#               own data root, exec root, pid file, bridge (dfS0) and address pool; the base images are loaded into
#               it. Prints its DOCKER_HOST. Never touches the default daemon, docker0 or /usr/bin.
#   With DOCKER_HOST set (and neither --store nor --second), the engine it names is only checked (Docker >= 28).
#   --replace   stop a daemon on /var/run/docker.sock that this script did not start (the old Debian 20.10 one) and
#               start Docker 28 there; without it such a daemon is left alone and the script says what to do.
#
# Idempotent: a daemon that already runs the wanted version and store is kept; the project's own daemon is
# restarted only when the store must change. The packages are fetched from this machine's own Debian archive
# (no host name is written anywhere), extracted with dpkg-deb and cached under $DOCKERFLOW_CACHE/engine, so a second
# run on a machine that was set up before fetches nothing. bookworm's runc and iptables are used (forky's runc
# needs a newer glibc); every other binary runs as forky built it.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
log() { printf '[setup:engine] %s\n' "$*" >&2; }
die() { log "$*"; exit 1; }

store=${DOCKERFLOW_STORE:-containerd}
store_given=0
second=0
replace=0
while [ $# -gt 0 ]; do
  case "$1" in
    --store) store=${2:-}; store_given=1; shift 2 ;;
    --store=*) store=${1#--store=}; store_given=1; shift ;;
    --second) second=1; shift ;;
    --replace) replace=1; shift ;;
    *) die "unknown argument $1: usage: engine.sh [--store containerd|classic] [--second] [--replace]" ;;
  esac
done
case "$store" in containerd | classic) ;; *) die "--store must be containerd or classic, not '$store'" ;; esac

cache=${DOCKERFLOW_CACHE:-/var/cache/dockerflow}
eng="$cache/engine"
run=/var/run/dockerflow
mkdir -p "$run"

# DOCKER_HOST names an engine someone else runs (a second daemon, ENGINES.md): use it as it is, if it is new enough.
if [ -n "${DOCKER_HOST:-}" ] && [ "$second" = 0 ] && [ "$store_given" = 0 ]; then
  v=$(docker version -f '{{.Server.Version}}' 2>/dev/null || true)
  [ -n "$v" ] || die "no engine answers on DOCKER_HOST=$DOCKER_HOST: start it, or unset DOCKER_HOST to set up the default one"
  [ "${v%%.*}" -ge 28 ] 2>/dev/null || die "the engine on DOCKER_HOST=$DOCKER_HOST is Docker $v; the tool needs 28 or later"
  log "using Docker $v on DOCKER_HOST=$DOCKER_HOST as it is"
  exit 0
fi

apt_install iptables runc ca-certificates

# 1. The binaries, from forky, once per machine.
fetch_engine() {
  [ -f "$eng/.complete" ] && return 0
  local uri work
  uri=$(debian_mirror)
  [ -n "$uri" ] || die "no Debian archive found in the apt sources; install Docker 28 by hand"
  rm -rf "$eng"
  work="$eng/apt"
  mkdir -p "$work/lists/partial" "$work/archives/partial" "$eng/debs"
  printf 'deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] %s forky main\n' "$uri" > "$work/forky.list"
  local aptopts=(-o APT::Sandbox::User=root -o Dir::Etc::sourcelist="$work/forky.list" -o Dir::Etc::sourceparts=-
    -o Dir::State::Lists="$work/lists" -o Dir::Cache::Archives="$work/archives" -o APT::Get::List-Cleanup=0)
  log "fetching docker.io, docker-cli, docker-buildx, containerd, tini-static from forky"
  apt-get "${aptopts[@]}" update -q >/dev/null
  chmod 0777 "$eng/debs"
  (cd "$eng/debs" && apt-get "${aptopts[@]}" download docker.io docker-cli docker-buildx containerd tini-static >/dev/null)
  local x="$eng/x"
  for deb in "$eng"/debs/*.deb; do dpkg-deb -x "$deb" "$x"; done
  mkdir -p "$eng/daemon" "$eng/client" "$eng/cli-plugins"
  install -m 0755 "$x/usr/sbin/dockerd" "$x/usr/sbin/docker-proxy" "$x/usr/bin/containerd" \
    "$x/usr/bin/containerd-shim-runc-v2" "$x/usr/bin/ctr" "$eng/daemon/"
  install -m 0755 "$x/usr/bin/tini-static" "$eng/daemon/docker-init"
  install -m 0755 "$x/usr/bin/docker" "$eng/client/docker"
  install -m 0755 "$x/usr/libexec/docker/cli-plugins/docker-buildx" "$eng/cli-plugins/docker-buildx"
  # A docker config folder whose only content is the plugin, for a second daemon on a machine whose global buildx
  # is older (DOCKER_CONFIG=$eng/docker-config).
  mkdir -p "$eng/docker-config"
  ln -sfn "$eng/cli-plugins" "$eng/docker-config/cli-plugins"
  ls "$eng"/debs/*.deb | xargs -n1 basename > "$eng/VERSIONS"
  rm -rf "$x" "$work"
  "$eng/daemon/dockerd" --version >/dev/null || die "forky's dockerd does not run on this machine: see $eng/daemon/dockerd --version"
  touch "$eng/.complete"
}
fetch_engine

# 2. A daemon answering on a socket: its version and store ("containerd" or "classic"), empty when none answers.
# The engine's version and storage facts, or nothing when none answers (`docker info -f` prints its template with
# empty fields, " ", when it cannot connect).
probe() {
  local out
  out=$(DOCKER_HOST=$1 "$eng/client/docker" info -f '{{.ServerVersion}} {{range .DriverStatus}}{{index . 0}}={{index . 1}};{{end}}' 2>/dev/null) \
    && printf '%s' "$out" || true
}
store_of() { case "$1" in *driver-type=io.containerd.snapshotter*) echo containerd ;; "") echo "" ;; *) echo classic ;; esac; }
major_of() { printf '%s' "${1%%.*}"; }

wait_up() { # host pid log
  for _ in $(seq 1 600); do
    [ -n "$(probe "$1")" ] && return 0
    kill -0 "$2" 2>/dev/null || break # it exited: say why at once
    sleep 0.1
  done
  log "dockerd did not start on $1: see $3"
  tail -20 "$3" >&2
  exit 1
}

stop_pid() { # pidfile
  local pid
  pid=$(cat "$1" 2>/dev/null || true)
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 0
  log "stopping dockerd (pid $pid)"
  kill "$pid"
  for _ in $(seq 1 300); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
  die "dockerd (pid $pid) did not stop within 30 s; stop it by hand and rerun"
}

# A daemon killed with the previous session leaves its pid files behind; dockerd refuses to start over them.
clear_stale() { for f in "$@"; do [ -f "$f" ] && ! kill -0 "$(cat "$f" 2>/dev/null)" 2>/dev/null && rm -f "$f"; done; return 0; }

write_config() { # file store [extra json members]
  local snap=false
  [ "$2" = containerd ] && snap=true
  printf '{\n  "features": { "containerd-snapshotter": %s }%s\n}\n' "$snap" "${3:-}" > "$1"
}

start_daemon() { # name host log config [dockerd args...]
  local name=$1 host=$2 logf=$3 cfg=$4
  shift 4
  log "starting Docker $("$eng/daemon/dockerd" --version | awk '{print $3}' | tr -d ,) with the $store store on $host"
  # dockerd finds containerd, its shim, docker-proxy and docker-init on PATH; runc is bookworm's.
  PATH="$eng/daemon:/usr/sbin:/usr/bin:/sbin:/bin" nohup "$eng/daemon/dockerd" --config-file "$cfg" --host "$host" "$@" \
    >"$logf" 2>&1 &
  echo $! > "$run/$name.started"
  wait_up "$host" "$!" "$logf"
}

if [ "$second" = 1 ]; then
  # A second daemon beside the default one. Its bridge and NAT are set up here, scoped to its own address range,
  # because dockerd runs with --iptables=false: two daemons editing Docker's iptables chains fight.
  name="$store-store"
  host="unix://$run/$name.sock"
  case "$store" in containerd) net=213 ;; classic) net=214 ;; esac
  br="df${store:0:2}0"
  have=$(probe "$host")
  if [ -n "$have" ] && [ "$(store_of "$have")" = "$store" ] && [ "$(major_of "$have")" -ge 28 ]; then
    log "Docker ${have%% *} with the $store store is up on $host"
  else
    [ -n "$have" ] && stop_pid "$run/$name.pid"
    clear_stale "$run/$name.pid"
    if ! ip link show "$br" >/dev/null 2>&1; then
      ip link add "$br" type bridge
      ip addr add "10.$net.0.1/24" dev "$br"
    fi
    ip link set "$br" up
    iptables -t nat -C POSTROUTING -s "10.$net.0.0/16" ! -d "10.$net.0.0/16" -j MASQUERADE 2>/dev/null \
      || iptables -t nat -A POSTROUTING -s "10.$net.0.0/16" ! -d "10.$net.0.0/16" -j MASQUERADE
    iptables -C FORWARD -s "10.$net.0.0/16" -j ACCEPT 2>/dev/null || iptables -I FORWARD -s "10.$net.0.0/16" -j ACCEPT
    iptables -C FORWARD -d "10.$net.0.0/16" -j ACCEPT 2>/dev/null || iptables -I FORWARD -d "10.$net.0.0/16" -j ACCEPT
    cfg="$run/$name.json"
    write_config "$cfg" "$store" ",
  \"bridge\": \"$br\",
  \"iptables\": false,
  \"ip6tables\": false,
  \"default-address-pools\": [{ \"base\": \"10.$net.64.0/18\", \"size\": 24 }],
  \"cgroup-parent\": \"/dockerflow-$name\""
    had_docker0=$(ip link show docker0 >/dev/null 2>&1 && echo 1 || true)
    start_daemon "$name" "$host" "/var/log/dockerflow-$name.log" "$cfg" \
      --data-root "/var/lib/dockerflow/$name" --exec-root "$run/$name" --pidfile "$run/$name.pid"
    # Docker 28 removes the default daemon's docker0 while a second daemon starts (seen each time here, with the
    # second's own bridge configured): put it back as the default daemon made it, or every build with a RUN step
    # on it fails with "could not find bridge docker0" until it is restarted.
    if [ -n "$had_docker0" ] && ! ip link show docker0 >/dev/null 2>&1; then
      read -r gw subnet < <(DOCKER_HOST=unix:///var/run/docker.sock "$eng/client/docker" network inspect bridge \
        -f '{{(index .IPAM.Config 0).Gateway}} {{(index .IPAM.Config 0).Subnet}}')
      ip link add docker0 type bridge
      ip addr add "$gw/${subnet#*/}" dev docker0
      ip link set docker0 up
      log "the second daemon's start removed docker0: restored it ($gw/${subnet#*/}) for the default daemon"
    fi
  fi
  # Base images: from the cached save of the default daemon's, or built.
  DOCKER_HOST=$host PATH="$eng/client:$PATH" bash "$(dirname "$0")/base-images.sh"
  env="DOCKER_HOST=$host"
  [ "$(readlink -f /usr/local/lib/docker/cli-plugins/docker-buildx 2>/dev/null)" = "$eng/cli-plugins/docker-buildx" ] \
    || env="$env DOCKER_CONFIG=$eng/docker-config"
  echo "$env"
  exit 0
fi

# The default daemon, on /var/run/docker.sock, with Docker's default paths and docker0.
host=unix:///var/run/docker.sock
have=$(probe "$host")
if [ -n "$have" ] && [ "$(store_of "$have")" = "$store" ] && [ "$(major_of "$have")" -ge 28 ]; then
  log "Docker ${have%% *} with the $store store is up on $host"
else
  if [ -n "$have" ]; then
    ours=$(cat "$run/default.started" 2>/dev/null || true)
    if [ "$ours" != "$(cat /var/run/docker.pid 2>/dev/null)" ] && [ "$replace" != 1 ]; then
      die "the engine on $host is Docker ${have%% *} with the $(store_of "$have") store, not started by this script: rerun with --replace to stop it and start Docker 28 with the $store store"
    fi
    stop_pid /var/run/docker.pid
  fi
  clear_stale /var/run/docker.pid /var/run/docker/containerd/containerd.pid
  write_config "$run/default.json" "$store"
  start_daemon default "$host" /var/log/dockerflow-dockerd.log "$run/default.json"
fi

# The client and buildx 0.29 for every shell: /usr/local/bin comes before /usr/bin on PATH.
install -d /usr/local/bin /usr/local/lib/docker/cli-plugins
ln -sfn "$eng/client/docker" /usr/local/bin/docker
ln -sfn "$eng/cli-plugins/docker-buildx" /usr/local/lib/docker/cli-plugins/docker-buildx
log "engine $(docker version -f '{{.Server.Version}}') ($store store), buildx $(docker buildx version | awk '{print $2}')"
