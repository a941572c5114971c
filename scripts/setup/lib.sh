# Shared helpers for the setup scripts (sourced, not run).
# The Debian archive this machine's apt already uses, so no host name is written anywhere.
debian_mirror() {
  cat /etc/apt/sources.list.d/*.sources /etc/apt/sources.list 2>/dev/null \
    | grep -oE '^(URIs:|deb) *[^ ]+' | awk '{print $2}' | grep -E '/debian/?$' | head -1 || true
}

# Install Debian packages that are missing; the package lists are refreshed once per machine first.
apt_install() {
  local missing=()
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  printf '[setup] installing %s\n' "${missing[*]}" >&2
  if [ ! -f /var/lib/apt/periodic/dockerflow-updated ]; then
    apt-get update -q >/dev/null && mkdir -p /var/lib/apt/periodic && touch /var/lib/apt/periodic/dockerflow-updated
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
}
