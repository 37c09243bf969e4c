#!/usr/bin/env bash
# Makes sure Debian's PostgreSQL server (initdb, pg_ctl, postgres) is installed for the PostgreSQL history tests.
# Idempotent. Installs Debian's `postgresql` package with apt-get when we can (root with apt), the way
# ensure-chromium.sh installs the browser. Prints the server's bin folder on stdout.
# Exits non-zero with a reason when it cannot, so the test run fails loudly rather than skipping.
set -euo pipefail

find_bin() {
  local dir
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ] && [ -x "$dir/postgres" ]; then
      echo "$dir"
      return 0
    fi
  done
  return 1
}

if bin=$(find_bin); then
  echo "$bin"
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "ensure-postgres: no PostgreSQL server under /usr/lib/postgresql and we are not root, so apt-get cannot install it." >&2
  echo "ensure-postgres: install Debian's 'postgresql' package (sudo apt-get install postgresql) and rerun." >&2
  exit 1
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-postgres: no PostgreSQL server and no apt-get on this machine to install it." >&2
  exit 1
fi

echo "ensure-postgres: installing Debian's postgresql package for the PostgreSQL history tests..." >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >&2
# The package's own cluster is not used (the tests start a throwaway one); keep it from starting where a policy allows.
apt-get install -y -qq --no-install-recommends postgresql >&2
if ! bin=$(find_bin); then
  echo "ensure-postgres: apt-get finished but no initdb/pg_ctl/postgres under /usr/lib/postgresql/*/bin." >&2
  exit 1
fi
echo "$bin"
