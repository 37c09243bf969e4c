#!/usr/bin/env bash
# Calibrates the gate on real runs of the sample benchmarks (docs/calibration.md):
#   1. MAIN_RUNS unchanged runs, recorded as main's history (the first one is also the baseline);
#   2. pull-request runs with a known share of extra work injected (PERFGATE_SAMPLE_EXTRA_WORK), LEVELS in percent;
#   3. judges every PR run with PerfGate's rule and with two simple rules, and prints the table.
# Usage: scripts/calibrate.sh [OUT_DIR]   (env: MAIN_RUNS=6 LEVELS="0 0 0 5 10 20 30 50" BDN_ARGS="...")
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-artifacts/calibration}
main_runs=${MAIN_RUNS:-6}
levels=${LEVELS:-"0 0 0 5 10 20 30 50"}
# A shorter job than --ci, still with 3 launches (separate processes) per benchmark.
bdn_args=${BDN_ARGS:-"--launchCount 3 --warmupCount 3 --iterationCount 8"}
mkdir -p "$out"
dotnet build benchmarks -c Release -v q -nologo >/dev/null

run_suite() { # $1 = label, $2 = extra work fraction
  local dir="$out/$1"
  if [ -d "$dir/results" ] && ls "$dir"/results/*-report-full.json >/dev/null 2>&1; then
    echo "calibrate: $1 already measured, kept"; return
  fi
  echo "calibrate: measuring $1 (extra work $2) ..."
  PERFGATE_SAMPLE_EXTRA_WORK=$2 dotnet run -c Release --no-build --project benchmarks -- \
    --no-gate --artifacts "$dir" $bdn_args > "$dir.log" 2>&1 || { echo "calibrate: $1 failed, see $dir.log"; exit 1; }
  # keep only the results: the rest of BenchmarkDotNet's artifacts are large and not needed
  find "$dir" -mindepth 1 -maxdepth 1 ! -name results -exec rm -rf {} +
  mkdir -p "$dir" && true
}

for i in $(seq 1 "$main_runs"); do run_suite "main-$i" 0; done
k=0
for level in $levels; do
  k=$((k + 1))
  run_suite "pr-$k-$level" "$(awk "BEGIN { print $level / 100 }")"
done

dotnet run -c Release --no-build --project benchmarks -- --calibrate-analyse "$out" | tee "$out/calibration.md"
