#!/usr/bin/env bash
# Run by `npm test` (as its pretest step): installs the Debian programs that some tests drive for
# real, only when they are missing, so a fresh machine with Node and npm needs nothing else.
# Idempotent: on a machine that has them it checks and returns in milliseconds.
#
# Each entry is "command-to-look-for:debian-package", or "/path/glob:debian-package" for a program Debian
# keeps off the PATH. Add one when a test needs a new program; a test never skips because its program is
# absent: it fails, and this script is what makes it present.
set -euo pipefail

REQUIRED=(
  "chromium:chromium"                   # the HTML explanation page, tested in a real headless browser
  "soffice:libreoffice-calc-nogui"      # the xlsx workbook, recalculated by LibreOffice Calc
  "script:bsdutils"                     # a pseudo-terminal for the CLI's colour and progress tests
  # The PostgreSQL server (15 on Debian 12) the compiled SQL is tested on (test/sql/debianPostgres.test.ts);
  # Debian keeps initdb and postgres in /usr/lib/postgresql/<version>/bin, off the PATH.
  "/usr/lib/postgresql/*/bin/initdb:postgresql"
)

# Whether the program is there: on the PATH, or (an absolute path) where the glob points.
present() {
  if [[ "$1" == /* ]]; then
    compgen -G "$1" >/dev/null
  else
    command -v "$1" >/dev/null 2>&1
  fi
}

missing=()
for entry in "${REQUIRED[@]}"; do
  command_name="${entry%%:*}"
  package_name="${entry#*:}"
  if ! present "$command_name"; then
    missing+=("$package_name")
  fi
done

if [ "${#missing[@]}" -eq 0 ]; then
  exit 0
fi

echo "ratecard tests: installing ${missing[*]} (Debian packages some tests drive)" >&2
if [ "$(id -u)" -eq 0 ]; then
  sudo_cmd=()
elif command -v sudo >/dev/null 2>&1; then
  sudo_cmd=(sudo)
else
  echo "ratecard tests: ${missing[*]} missing and neither root nor sudo is available to install them" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
