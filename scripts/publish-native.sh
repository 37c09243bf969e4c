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

missing=()
if ! command -v clang >/dev/null 2>&1 && ! command -v gcc >/dev/null 2>&1; then
  missing+=(clang)
fi
if [ ! -e /usr/include/zlib.h ]; then
  missing+=(zlib1g-dev)
fi

if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "publish-native: Native AOT needs ${missing[*]} (a C compiler and linker, zlib's headers); install them" >&2
    echo "publish-native: (Debian/Ubuntu: sudo apt-get install clang zlib1g-dev) and rerun." >&2
    exit 1
  fi
  echo "publish-native: installing Debian's ${missing[*]} for the native link..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
    || { apt-get update -qq && apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; }
fi

rid="${PERFGATE_RID:-$(dotnet --info | sed -n 's/^ *RID: *//p' | head -n 1)}"
if [ -z "$rid" ]; then
  echo "publish-native: cannot tell this machine's runtime identifier from 'dotnet --info'; set PERFGATE_RID (e.g. linux-x64)." >&2
  exit 1
fi

echo "publish-native: dotnet publish src/PerfGate.Cli -c Release -r $rid -p:PublishAot=true -o $output (a few minutes)..."
dotnet publish "$root/src/PerfGate.Cli" -c Release -r "$rid" -p:PublishAot=true -o "$output" "$@"

binary="$output/perfgate"
[ -x "$binary" ] || binary="$output/perfgate.exe"
"$binary" --version >/dev/null
echo "publish-native: $binary ($(du -h "$binary" | cut -f1)); keep the libraries beside it (libe_sqlite3)."
