#!/usr/bin/env bash
# Calibrates the gate on real runs of the sample benchmarks (docs/calibration.md): records with
# scripts/calibrate-record.sh (main runs, then shuffled A/B rounds of cpu-N and alloc-N injected slowdowns; see its
# header for ROUNDS, LEVELS, MAIN_RUNS, LOAD), then judges them with PerfGate's gate and the simple rules and writes
# the tables to OUT/calibration.md. Resumable: rerunning it measures only what is missing.
# Usage: scripts/calibrate.sh [OUT_DIR]    (default artifacts/calibration; keep real data outside the repository)
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-artifacts/calibration}
scripts/calibrate-record.sh "$out"
dotnet run -c Release --project benchmarks -- --calibrate-analyse "$out" | tee "$out/calibration.md"
