#!/usr/bin/env bash
# Publishes the perfgate CLI as a Native AOT executable: one native file that starts without the .NET runtime, with
# SQLite's libe_sqlite3.so beside it (keep the two together). docs/performance.md has the figures.
# Usage: scripts/publish-native.sh [output folder, default artifacts/perfgate-native] [extra dotnet publish arguments]
# Environment: PERFGATE_RID=<rid> to publish for another runtime identifier (default: this machine's).
#
# Native AOT links with a C toolchain (clang, else gcc) and needs zlib's development files. When one is missing this
# installs Debian's clang and zlib1g-dev (root with apt-get, as ensure-chromium.sh does); otherwise it says what to
# install and exits non-zero. The ILCompiler package comes from the NuGet feed like any other package.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
output="${1:-$root/artifacts/perfgate-native}"
shift || true

# The C toolchain (installed from Debian when missing) and this machine's runtime identifier ($rid).
source "$root/scripts/native-toolchain.sh" publish-native

echo "publish-native: dotnet publish src/PerfGate.Cli -c Release -r $rid -p:PublishAot=true -o $output (a few minutes)..."
dotnet publish "$root/src/PerfGate.Cli" -c Release -r "$rid" -p:PublishAot=true -o "$output" "$@"

binary="$output/perfgate"
[ -x "$binary" ] || binary="$output/perfgate.exe"
"$binary" --version >/dev/null
echo "publish-native: $binary ($(du -h "$binary" | cut -f1)); keep the libraries beside it (libe_sqlite3)."
