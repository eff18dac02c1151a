#!/usr/bin/env bash
# `npm test` runs this first (pretest): the end-to-end tests drive Debian's Chromium (they never
# download a browser), and without a CJK font every Chinese character in a screenshot is an empty box;
# the scale-out tests start their own PostgreSQL server from its binaries (tests/support/postgres.ts).
# Missing and running as root: installs them. Missing otherwise: stops with the exact command to run.
set -euo pipefail

chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
missing=()
[ -x "$chromium" ] || missing+=(chromium)
if command -v dpkg-query >/dev/null 2>&1; then
  # Installed, not merely known: a removed package keeps its configuration and `dpkg -s` still succeeds.
  [ "$(dpkg-query -W -f='${Status}' fonts-noto-cjk 2>/dev/null)" = "install ok installed" ] || missing+=(fonts-noto-cjk)
elif ! fc-list 2>/dev/null | grep -qi "noto.*cjk"; then
  missing+=(fonts-noto-cjk)
fi
# initdb and postgres, looked for where tests/support/postgres.ts looks: PG_BIN, PATH, /usr/local/bin,
# Debian's /usr/lib/postgresql/<version>/bin.
postgres_found=false
IFS=: read -ra path_dirs <<<"${PATH:-}"
for dir in ${PG_BIN:+"$PG_BIN"} "${path_dirs[@]}" /usr/local/bin /usr/lib/postgresql/*/bin; do
  if [ -x "$dir/initdb" ] && [ -x "$dir/postgres" ]; then postgres_found=true; break; fi
done
$postgres_found || missing+=(postgresql)
[ ${#missing[@]} -eq 0 ] && exit 0

command_line="apt-get update && apt-get install -y ${missing[*]}"
if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "test prerequisites: installing ${missing[*]} (Debian packages) for the browser and scale-out tests" >&2
  env DEBIAN_FRONTEND=noninteractive apt-get update
  env DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}"
  exit 0
fi

cat >&2 <<MSG
The tests need Debian's ${missing[*]}, which are not installed.
Install them, then run npm test again:

  sudo sh -c '$command_line'

(Elsewhere than Debian/Ubuntu: install Chromium, a Noto CJK font and the PostgreSQL server, set CHROMIUM_PATH
to the browser and, unless initdb is on the PATH, PG_BIN to the directory of initdb and postgres.)
MSG
exit 1
