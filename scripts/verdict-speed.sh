#!/usr/bin/env bash
# Verdict speed, side by side in one run (whole processes, medians of N alternated runs):
#   perfgate --version                      (process start: the floor)
#   perfgate check --ab DIR                 (an A/B folder, e.g. 5 rounds of the sample suite)
#   perfgate check of 1,000 benchmarks against a 1,000,000-row history (the --gate-speed data)
# Usage: scripts/verdict-speed.sh AB_DIR [N]   (run `dotnet run -c Release --project benchmarks -- --gate-speed` once first)
set -euo pipefail
cd "$(dirname "$0")/.."
ab=${1:?usage: scripts/verdict-speed.sh AB_DIR [N]}
n=${2:-11}
dotnet build src/PerfGate.Cli -c Release -v q -nologo >/dev/null
cli=src/PerfGate.Cli/bin/Release/net10.0/perfgate.dll
speed=BenchmarkDotNet.Artifacts/gate-speed/1000x1000
[ -f "$speed/history.db" ] || { echo "no $speed/history.db: run dotnet run -c Release --project benchmarks -- --gate-speed first" >&2; exit 2; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
ms() { local s e; s=$(date +%s%N); "$@" >/dev/null 2>&1 || true; e=$(date +%s%N); echo $(( (e - s) / 1000000 )); }
for i in $(seq 1 "$n"); do
  echo "version $(ms dotnet "$cli" --version)" >> "$tmp/t"
  echo "ab $(ms dotnet "$cli" check --ab "$ab" --json "$tmp/ab.json")" >> "$tmp/t"
  echo "big $(ms dotnet "$cli" check --results "$speed/results-report-full.json" --baseline "$speed/baselines" --history "$speed/history.db" --json "$tmp/big.json")" >> "$tmp/t"
done
median() { grep "^$1 " "$tmp/t" | awk '{print $2}' | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
v=$(median version); a=$(median ab); b=$(median big)
echo "medians of $n alternated runs (ms): perfgate --version $v | check --ab ($(ls -d "$ab"/round-* | wc -l) rounds) $a (+$((a - v)) beyond process start) | check 1,000 benchmarks vs 1M-row history $b"
