#!/usr/bin/env bash
# The test command: installs what the tests need on a fresh machine, then runs every test project.
# Usage: ./scripts/test.sh [extra dotnet test arguments]
set -euo pipefail
cd "$(dirname "$0")/.."

# Headless Chromium for the dashboard's browser tests (Debian's package; Playwright never downloads one).
if [ -f scripts/ensure-chromium.sh ]; then bash scripts/ensure-chromium.sh; fi

# sqlite3 and git for the history-branch script's tests (scripts/perfgate-history.sh counts runs with sqlite3).
if ! command -v sqlite3 > /dev/null && [ "$(id -u)" -eq 0 ] && command -v apt-get > /dev/null; then
  echo "test.sh: installing Debian's sqlite3 package for the history-branch script tests..."
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends sqlite3 > /dev/null \
    || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends sqlite3 > /dev/null; }
fi

# Debian's PostgreSQL server for the PostgreSQL history tests; with-postgres.sh below starts a throwaway cluster on a
# free port, exports PERFGATE_TEST_POSTGRES for the tests, and removes the cluster afterwards. If it cannot start one,
# the test command fails here (the PostgreSQL tests never skip).
bash scripts/ensure-postgres.sh >/dev/null

log=$(mktemp)
trap 'rm -f "$log"' EXIT
set +e
bash scripts/with-postgres.sh dotnet test PerfGate.sln -c Release "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# One plain closing line, summed over the test projects.
awk '/(Passed|Failed)! +- +Failed: +[0-9]+, +Passed: +[0-9]+, +Skipped: +[0-9]+/ {
       gsub(",", ""); for (i = 1; i <= NF; i++) {
         if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) } }
     END { printf "%d passed, %d failed, %d skipped\n", p, f, s }' "$log"
exit "$status"
