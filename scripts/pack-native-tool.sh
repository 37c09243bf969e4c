#!/usr/bin/env bash
# Packs the perfgate .NET tool as .NET 10 RID-specific packages (docs/performance.md, "What users get"):
#   PerfGate.Cli.<version>.nupkg          the package users install: it names the packages below
#   PerfGate.Cli.<rid>.<version>.nupkg    Native AOT for this machine's platform (libe_sqlite3 beside the binary)
#   PerfGate.Cli.any.<version>.nupkg      framework-dependent, for every platform without a native package
# `dotnet tool install PerfGate.Cli --add-source OUT` then installs the native binary on this platform and the
# framework-dependent tool elsewhere.
# Usage: scripts/pack-native-tool.sh OUT
# Environment: PERFGATE_TOOL_RIDS="linux-x64;osx-arm64" lists every platform a native package is published for (default:
# this machine's); each of them must be packed on its own platform (Native AOT does not cross-compile between operating
# systems) with the same list, and all the packages go to the same feed. PERFGATE_PACK_ARTIFACTS names the folder the
# builds go to (default artifacts/pack-native-tool): never the projects' own bin and obj, which the ordinary build and
# the tests use.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:?usage: scripts/pack-native-tool.sh OUT}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"

# The C toolchain (installed from Debian when missing) and this machine's runtime identifier ($rid).
source "$root/scripts/native-toolchain.sh" pack-native-tool
rids="${PERFGATE_TOOL_RIDS:-$rid}"
case ";$rids;" in
  *";$rid;"*) ;;
  *) echo "pack-native-tool: PERFGATE_TOOL_RIDS ($rids) does not list this machine's $rid" >&2; exit 1 ;;
esac

project="$root/src/PerfGate.Cli"
artifacts="${PERFGATE_PACK_ARTIFACTS:-$root/artifacts/pack-native-tool}"
common=(-c Release -p:PerfGateNativeTool=true "-p:PerfGateToolRids=\"$rids\"" --artifacts-path "$artifacts" -o "$out" -nologo -v q)
echo "pack-native-tool: the package that names the platform packages ($rids; any)..."
dotnet pack "$project" "${common[@]}"
echo "pack-native-tool: the framework-dependent package (any)..."
dotnet pack "$project" "${common[@]}" -r any
echo "pack-native-tool: the Native AOT package for $rid (a few minutes)..."
dotnet pack "$project" "${common[@]}" -r "$rid"
ls -1 "$out"/*.nupkg
