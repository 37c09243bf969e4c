#!/usr/bin/env bash
# Records real runs of the sample benchmarks for calibrating the gate (docs/calibration.md, SPEC §3b).
#
# Usage: scripts/calibrate-record.sh OUT
#   env: ROUNDS=6            A/B rounds after the main runs
#        LEVELS="10 20 30 50" injected slowdowns in percent (each as cpu-N and alloc-N; cpu-0 is always included)
#        MAIN_RUNS=8         unchanged runs recorded as main's history (the last is also the baseline stand-in)
#        LOAD=1              keep one background CPU burner running for the whole recording (killed at the end)
#
# Every run is ONE process of the whole suite, the job the PR A/B workflow uses:
#   PerfGate.Benchmarks.dll --no-gate --no-record --inProcess --launchCount 1 --warmupCount 2 --iterationCount 6
#                           --iterationTime 100 --artifacts DIR
# and keeps only DIR/results/*-report-full.json and perfgate-metrics.json.
#
# Protocol:
#   OUT/main/main-01 … main-NN               unchanged runs (main's history; the last is the committed-baseline stand-in)
#   OUT/rounds/round-RR/<condition>/{base,head}
#       in round r the conditions run in an order shuffled with seed r (written to round-RR/order.txt); each condition
#       is an adjacent pair, base then head in odd rounds, head then base in even rounds. base = unchanged;
#       head = cpu-N (PERFGATE_SAMPLE_EXTRA_CPU=N/100), alloc-N (PERFGATE_SAMPLE_EXTRA_WORK=N/100), cpu-0 unchanged.
#   OUT/runs.tsv   one line per completed run: folder, condition, side, round, UTC start, seconds, load averages.
#   OUT/bin/       the benchmarks build every run of this data set uses (copied once, so a rebuild of the worktree
#                  during a recording cannot change or break the binary; OUT/bin/commit.txt names its commit).
#
# Resumable: a run folder with its results (and .complete) is skipped; an incomplete one is measured again.
# A failed run is retried once; a second failure stops the script with a message (exit 1) and keeps its log.
# Judge the data with: dotnet run -c Release --project benchmarks -- --calibrate-analyse OUT
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
out=${1:?usage: scripts/calibrate-record.sh OUT}
rounds=${ROUNDS:-6}
levels=${LEVELS:-"10 20 30 50"}
main_runs=${MAIN_RUNS:-8}
mkdir -p "$out"
out=$(cd "$out" && pwd)
tsv="$out/runs.tsv"
bin="$out/bin"

log() { echo "calibrate-record $(date -u +%H:%M:%S): $*"; }

# ---- one build, frozen for the whole data set -------------------------------------------------------------------
if [ ! -f "$bin/PerfGate.Benchmarks.dll" ]; then
  log "building benchmarks (Release) ..."
  (cd "$repo" && dotnet build benchmarks -c Release -v q -nologo >/dev/null)
  rm -rf "$bin.tmp" && cp -r "$repo/benchmarks/bin/Release/net10.0" "$bin.tmp"
  (cd "$repo" && git rev-parse HEAD && git status --porcelain --untracked-files=no | head -20) > "$bin.tmp/commit.txt"
  mv "$bin.tmp" "$bin"
fi
[ -f "$tsv" ] || printf 'run\tcondition\tside\tround\tstart_utc\tseconds\tload1_start\tload5_start\tload15_start\tload1_end\tartificial_load\n' > "$tsv"

# ---- optional artificial load -----------------------------------------------------------------------------------
burner=""
stop_burner() { if [ -n "$burner" ]; then kill "$burner" 2>/dev/null || true; wait "$burner" 2>/dev/null || true; burner=""; fi; }
trap stop_burner EXIT
trap 'stop_burner; exit 130' INT TERM
if [ "${LOAD:-0}" = "1" ]; then
  sh -c 'while :; do :; done' &
  burner=$!
  log "artificial load: busy loop pid $burner"
fi

# ---- one run ----------------------------------------------------------------------------------------------------
complete() { [ -f "$1/.complete" ] && ls "$1"/results/*-report-full.json >/dev/null 2>&1 && [ -f "$1/results/perfgate-metrics.json" ]; }

# measure DIR CONDITION SIDE ROUND EXTRA_WORK EXTRA_CPU
measure() {
  local dir=$1 condition=$2 side=$3 round=$4 work=$5 cpu=$6 rel=${1#"$out"/}
  if complete "$dir"; then log "$rel done already, kept"; return 0; fi
  local attempt
  for attempt in 1 2; do
    rm -rf "$dir" && mkdir -p "$dir"
    local load_start start_utc t0 t1 rc=0
    read -r l1 l5 l15 _ < /proc/loadavg; load_start="$l1	$l5	$l15"
    start_utc=$(date -u +%Y-%m-%dT%H:%M:%SZ); t0=$(date +%s.%N)
    log "$rel ($condition $side, extra work $work, extra cpu $cpu, load $l1) attempt $attempt ..."
    (cd "$dir" && PERFGATE_SAMPLE_EXTRA_WORK=$work PERFGATE_SAMPLE_EXTRA_CPU=$cpu dotnet "$bin/PerfGate.Benchmarks.dll" \
        --no-gate --no-record --inProcess --launchCount 1 --warmupCount 2 --iterationCount 6 --iterationTime 100 \
        --artifacts "$dir" < /dev/null > "$dir.log" 2>&1) || rc=$?
    t1=$(date +%s.%N)
    if [ "$rc" -eq 0 ] && ls "$dir"/results/*-report-full.json >/dev/null 2>&1 && [ -f "$dir/results/perfgate-metrics.json" ]; then
      # keep only the gate's inputs
      find "$dir" -mindepth 1 -maxdepth 1 ! -name results -exec rm -rf {} +
      find "$dir/results" -type f ! -name '*-report-full.json' ! -name 'perfgate-metrics.json' -delete
      rm -f "$dir.log"
      read -r e1 _ < /proc/loadavg
      printf '%s\t%s\t%s\t%s\t%s\t%.1f\t%s\t%s\t%s\n' "$rel" "$condition" "$side" "$round" "$start_utc" \
        "$(echo "$t1 - $t0" | bc)" "$load_start" "$e1" "${LOAD:-0}" >> "$tsv"
      touch "$dir/.complete"
      return 0
    fi
    log "$rel failed (exit $rc); log: $dir.log"
    [ "$attempt" -eq 1 ] && cp "$dir.log" "$dir.attempt1.log" 2>/dev/null || true
  done
  log "STOP: $rel failed twice; see $dir.log. Fix the cause and run the script again: it resumes here."
  exit 1
}

# ---- main's history -------------------------------------------------------------------------------------------
for i in $(seq 1 "$main_runs"); do
  measure "$out/main/$(printf 'main-%02d' "$i")" main main 0 0 0
done

# ---- A/B rounds -------------------------------------------------------------------------------------------------
conditions="cpu-0"
for l in $levels; do conditions="$conditions cpu-$l"; done
for l in $levels; do conditions="$conditions alloc-$l"; done

for r in $(seq 1 "$rounds"); do
  rdir="$out/rounds/$(printf 'round-%02d' "$r")"
  mkdir -p "$rdir"
  # a reproducible shuffle seeded by the round number (kept in order.txt, which a resumed run reuses)
  if [ ! -s "$rdir/order.txt" ]; then
    printf '%s\n' $conditions | awk -v seed="$r" 'BEGIN { srand(seed) } { printf "%.12f\t%s\n", rand(), $0 }' \
      | sort -k1,1 | cut -f2 > "$rdir/order.txt"
  fi
  if [ $((r % 2)) -eq 1 ]; then sides="base head"; else sides="head base"; fi
  while read -r c; do
    kind=${c%-*}; level=${c#*-}
    frac=$(awk -v l="$level" 'BEGIN { printf "%g", l / 100 }')
    work=0; cpu=0
    if [ "$kind" = alloc ]; then work=$frac; else cpu=$frac; fi
    for side in $sides; do
      if [ "$side" = base ]; then measure "$rdir/$c/base" "$c" base "$r" 0 0
      else measure "$rdir/$c/head" "$c" head "$r" "$work" "$cpu"; fi
    done
  done < "$rdir/order.txt"
done
log "all runs recorded in $out (runs.tsv: $(($(wc -l < "$tsv") - 1)) runs)"
