#!/usr/bin/env bash
# Runs a command beside a throwaway PostgreSQL cluster: initdb (as the `postgres` user when run as root) into a
# mktemp folder, pg_ctl start on a free port on 127.0.0.1 with a random password, one database `perfgate`, and
# PERFGATE_TEST_POSTGRES exported as its connection string. The cluster is stopped and removed when the command ends
# (trap), whatever happens. Fails loudly when the server cannot be started.
# Usage: ./scripts/with-postgres.sh <command> [args...]     e.g. ./scripts/with-postgres.sh dotnet test PerfGate.sln
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "$#" -eq 0 ]; then
  echo "usage: scripts/with-postgres.sh <command> [args...]" >&2
  exit 2
fi

bin=$(bash scripts/ensure-postgres.sh)
dir=$(mktemp -d "${TMPDIR:-/tmp}/perfgate-pg.XXXXXX")
data="$dir/data"
password=$(head -c 18 /dev/urandom | od -An -tx1 | tr -d ' \n')
as_owner=()
if [ "$(id -u)" -eq 0 ]; then
  # initdb and postgres refuse to run as root: the cluster belongs to the `postgres` user the package creates.
  if ! id postgres >/dev/null 2>&1; then
    echo "with-postgres: running as root but there is no 'postgres' user to own the cluster." >&2
    rm -rf "$dir"
    exit 1
  fi
  chown postgres "$dir"
  as_owner=(runuser -u postgres --)
fi

started=""
cleanup() {
  local status=$?
  if [ -n "$started" ]; then
    "${as_owner[@]}" "$bin/pg_ctl" -D "$data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$dir"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

printf '%s\n' "$password" > "$dir/pwfile"
chmod 600 "$dir/pwfile"
[ "${#as_owner[@]}" -gt 0 ] && chown postgres "$dir/pwfile"
if ! "${as_owner[@]}" "$bin/initdb" -D "$data" -U perfgate --pwfile="$dir/pwfile" --auth=scram-sha-256 -E UTF8 --no-locale >"$dir/initdb.log" 2>&1; then
  echo "with-postgres: initdb failed:" >&2
  cat "$dir/initdb.log" >&2
  exit 1
fi
rm -f "$dir/pwfile"

# A free port: try random ones until the server starts (another process may take a port between check and start).
port=""
for attempt in 1 2 3 4 5 6 7 8 9 10; do
  candidate=$((20000 + RANDOM % 40000))
  if (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then
    continue # something listens there
  fi
  if "${as_owner[@]}" "$bin/pg_ctl" -D "$data" -l "$dir/server.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p $candidate -c unix_socket_directories='$dir' -c max_connections=200" \
      start >/dev/null 2>&1; then
    port=$candidate
    started=1
    break
  fi
done
if [ -z "$port" ]; then
  echo "with-postgres: could not start PostgreSQL (server log follows):" >&2
  cat "$dir/server.log" >&2 || true
  exit 1
fi

if ! PGPASSWORD="$password" "$bin/psql" -h 127.0.0.1 -p "$port" -U perfgate -d postgres -v ON_ERROR_STOP=1 -qc "CREATE DATABASE perfgate;" >/dev/null; then
  echo "with-postgres: the server started on port $port but CREATE DATABASE failed." >&2
  exit 1
fi

export PERFGATE_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Database=perfgate;Username=perfgate;Password=$password"
echo "with-postgres: throwaway PostgreSQL on 127.0.0.1:$port ($dir), removed afterwards" >&2
set +e
"$@"
status=$?
set -e
exit "$status"
