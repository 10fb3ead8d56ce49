#!/usr/bin/env bash
# The tests need real services and tools from Debian: redis-server, PostgreSQL (initdb and
# pg_ctl, started by the tests in a temporary folder), nginx (the load balancer in the
# cluster tests), Chromium, poppler-utils (PDF text of exports) and a Korean font for the
# browser. Install what is missing in one apt-get run (as root), or say exactly what to install.
set -euo pipefail
missing=()
command -v redis-server >/dev/null 2>&1 || [ -n "${REDIS_URL:-}" ] || missing+=(redis-server)
compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || [ -n "${DATABASE_URL:-}" ] || missing+=(postgresql)
[ -x /usr/sbin/nginx ] || command -v nginx >/dev/null 2>&1 || missing+=(nginx)
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
[ -d /usr/share/fonts/opentype/noto ] && compgen -G '/usr/share/fonts/opentype/noto/NotoSansCJK*' >/dev/null || missing+=(fonts-noto-cjk)
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "tests: installing ${missing[*]} (apt-get)…"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  exit 0
fi
echo "tests: missing ${missing[*]}. Install with: sudo apt-get install -y ${missing[*]}" >&2
exit 1
