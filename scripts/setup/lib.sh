# Shared helpers for the setup scripts (sourced, not run).
# The Debian archive this machine's apt already uses, so no host name is written anywhere.
debian_mirror() {
  cat /etc/apt/sources.list.d/*.sources /etc/apt/sources.list 2>/dev/null \
    | grep -oE '^(URIs:|deb) *[^ ]+' | awk '{print $2}' | grep -E '/debian/?$' | head -1 || true
}
