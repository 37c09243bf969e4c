#!/usr/bin/env bash
# Sourced by scripts/publish-native.sh and scripts/pack-native-tool.sh (first argument: the caller's name for messages):
# makes sure Native AOT can link here, and sets $rid to this machine's runtime identifier (PERFGATE_RID overrides it).
#
# Native AOT links with a C toolchain (clang, else gcc) and needs zlib's development files. When one is missing this
# installs Debian's clang and zlib1g-dev (root with apt-get, as ensure-chromium.sh does); otherwise it says what to
# install and exits non-zero.
caller="${1:-native}"
missing=()
if ! command -v clang >/dev/null 2>&1 && ! command -v gcc >/dev/null 2>&1; then
  missing+=(clang)
fi
if [ ! -e /usr/include/zlib.h ]; then
  missing+=(zlib1g-dev)
fi

if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "$caller: Native AOT needs ${missing[*]} (a C compiler and linker, zlib's headers); install them" >&2
    echo "$caller: (Debian/Ubuntu: sudo apt-get install clang zlib1g-dev) and rerun." >&2
    exit 1
  fi
  echo "$caller: installing Debian's ${missing[*]} for the native link..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
    || { apt-get update -qq && apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; }
fi

rid="${PERFGATE_RID:-$(dotnet --info | sed -n 's/^ *RID: *//p' | head -n 1)}"
if [ -z "$rid" ]; then
  echo "$caller: cannot tell this machine's runtime identifier from 'dotnet --info'; set PERFGATE_RID (e.g. linux-x64)." >&2
  exit 1
fi
