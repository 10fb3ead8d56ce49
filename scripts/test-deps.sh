#!/usr/bin/env bash
# The tests need a real redis-server and Debian's Chromium. Install them when missing
# (as root, with apt), or say exactly what to install.
set -euo pipefail
missing=()
command -v redis-server >/dev/null 2>&1 || [ -n "${REDIS_URL:-}" ] || missing+=(redis-server)
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "tests: installing ${missing[*]} (apt-get)…"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  exit 0
fi
echo "tests: missing ${missing[*]}. Install with: sudo apt-get install -y ${missing[*]}" >&2
exit 1
