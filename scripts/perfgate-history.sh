#!/usr/bin/env bash
# The PerfGate history on its git branch (default `perfgate-history`): fetch it, and push a new version of it safely.
# Used by .github/workflows/perf-main.yml (fetch + push), the PR gate (fetch, read-only) and the reusable workflow.
#
#   perfgate-history.sh fetch DB     Fetch history.db from the branch into DB. Branch absent (git ls-remote exit 2):
#                                    a first run, DB removed, exit 0. Any other failure (network, auth, rate limit,
#                                    a branch without history.db, an unreadable file): one ::error:: line, exit 1.
#                                    Writes DB.fetched (the fetched commit and its run count) for `push`.
#   perfgate-history.sh push DB SHA  Push DB as the branch's new version, after checks: DB.fetched exists (fetch ran),
#                                    DB has at least one run and no fewer runs than were fetched (never an empty or
#                                    shrunken history over a good one). Then, with PERFGATE set, prunes
#                                    (`$PERFGATE history prune`), warns above PERFGATE_HISTORY_WARN_BYTES (50 MB; GitHub
#                                    refuses files over 100 MB) on stderr and in $GITHUB_STEP_SUMMARY, and pushes one
#                                    commit whose parent is the previous version (a parentless copy of the fetched
#                                    commit: two copies of the file at most, and the previous one to go back to), with
#                                    --force-with-lease on the fetched commit, so a concurrent writer is never clobbered.
#
# Environment: PERFGATE_REMOTE (default origin), PERFGATE_HISTORY_BRANCH (default perfgate-history), PERFGATE (the
# command that runs perfgate, e.g. "dotnet src/PerfGate.Cli/bin/Release/net10.0/perfgate.dll"; no prune without it),
# PERFGATE_HISTORY_WARN_BYTES (default 52428800). Needs git and sqlite3 (on GitHub's Ubuntu runners).
# Credentials are the caller's business (the workflows pass the token to git through GIT_CONFIG_* variables in the
# steps that fetch and push only); this script never prints them.
set -euo pipefail

remote=${PERFGATE_REMOTE:-origin}
branch=${PERFGATE_HISTORY_BRANCH:-perfgate-history}
warn_bytes=${PERFGATE_HISTORY_WARN_BYTES:-52428800}

fail() {
  echo "::error title=perfgate history::$*" >&2
  exit 1
}

run_count() {
  command -v sqlite3 > /dev/null || fail "sqlite3 is not installed; it counts the runs before a push"
  sqlite3 -readonly "$1" 'SELECT COUNT(*) FROM runs;' 2> /dev/null || fail "$1 is not a readable PerfGate history (no runs table)"
}

fetch() {
  local db=$1 ref=refs/perfgate/fetched-history status=0 listing commit count
  mkdir -p "$(dirname "$db")"
  listing=$(git ls-remote --exit-code "$remote" "refs/heads/$branch") || status=$?
  if [ "$status" -eq 2 ]; then
    rm -f "$db"
    printf 'commit=\nruns=0\n' > "$db.fetched"
    echo "perfgate: no $branch branch on $remote yet: a first run, starting a new history"
    return 0
  fi
  [ "$status" -eq 0 ] || fail "cannot read $remote (git ls-remote exit $status): not treating this as a first run; nothing was written"

  commit=${listing%%[[:space:]]*}
  git fetch --quiet --no-tags --depth=1 "$remote" "+refs/heads/$branch:$ref" \
    || fail "cannot fetch $branch from $remote: not treating this as a first run; nothing was written"
  git cat-file -e "$ref:history.db" 2> /dev/null || fail "$branch ($commit) has no history.db; fix or delete the branch by hand"
  git show "$ref:history.db" > "$db.tmp" || fail "cannot read history.db from $branch"
  mv "$db.tmp" "$db"
  count=$(run_count "$db")
  printf 'commit=%s\nruns=%s\n' "$(git rev-parse "$ref")" "$count" > "$db.fetched"
  echo "perfgate: fetched $branch@${commit:0:7}: $count run(s), $(stat -c %s "$db") bytes"
}

push() {
  local db=$1 sha=$2 fetched_commit fetched_runs runs size readme blob tree previous commit lease message
  [ -f "$db.fetched" ] || fail "$db.fetched is missing: run '$0 fetch $db' first; not pushing"
  fetched_commit=$(sed -n 's/^commit=//p' "$db.fetched")
  fetched_runs=$(sed -n 's/^runs=//p' "$db.fetched")
  [ -s "$db" ] || fail "$db is missing or empty; not pushing"

  runs=$(run_count "$db")
  [ "$runs" -ge 1 ] || fail "$db holds no run; not pushing an empty history"
  [ "$runs" -ge "$fetched_runs" ] \
    || fail "$db holds $runs run(s), fewer than the $fetched_runs fetched from $branch; not pushing a shrunken history"

  if [ -n "${PERFGATE:-}" ]; then
    # shellcheck disable=SC2086 # PERFGATE is a command line ("dotnet path/perfgate.dll").
    $PERFGATE history prune --history "$db"
  fi

  size=$(stat -c %s "$db")
  if [ "$size" -gt "$warn_bytes" ]; then
    message="the history is $((size / 1048576)) MB ($size bytes), above the $((warn_bytes / 1048576)) MB warning level; GitHub refuses files over 100 MB. Shorten the retention or move the history (docs/adopting.md, 'History size')."
    echo "::warning title=perfgate history size::$message" >&2
    if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then printf '> [!WARNING]\n> PerfGate: %s\n' "$message" >> "$GITHUB_STEP_SUMMARY"; fi
  fi

  blob=$(git hash-object -w "$db")
  readme=$(printf '%s\n' "PerfGate history (SQLite), written by scripts/perfgate-history.sh from CI only." \
             "Do not commit here by hand. The parent commit is the previous version (git show HEAD^:history.db)." \
           | git hash-object -w --stdin)
  tree=$(printf '100644 blob %s\tREADME.md\n100644 blob %s\thistory.db\n' "$readme" "$blob" | git mktree)
  if [ -n "$fetched_commit" ]; then
    # The previous version without its own ancestry: the branch keeps two copies, never a growing chain.
    previous=$(git log -1 --format=%B "$fetched_commit" | git commit-tree "$fetched_commit^{tree}")
    commit=$(git commit-tree "$tree" -p "$previous" -m "history after $sha ($runs run(s) before pruning)")
  else
    commit=$(git commit-tree "$tree" -m "history after $sha ($runs run(s), new)")
  fi
  lease="--force-with-lease=refs/heads/$branch:$fetched_commit"   # empty: the branch must still be absent
  git push --quiet "$lease" "$remote" "$commit:refs/heads/$branch" \
    || fail "push of $branch to $remote refused or failed (another writer, or no permission); nothing was overwritten"
  echo "perfgate: pushed $branch@${commit:0:7}: $runs run(s) before pruning, $size bytes"
}

case "${1:-}" in
  fetch) [ $# -eq 2 ] || fail "usage: $0 fetch DB"; fetch "$2" ;;
  push) [ $# -eq 3 ] || fail "usage: $0 push DB SHA"; push "$2" "$3" ;;
  *) fail "usage: $0 fetch DB | push DB SHA" ;;
esac
