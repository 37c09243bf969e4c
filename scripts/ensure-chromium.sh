#!/usr/bin/env bash
# Makes sure headless Chromium is at /usr/bin/chromium for the dashboard's real-browser tests.
# Idempotent. Installs Debian's package when we can (root with apt); Playwright never downloads a browser.
# Exits non-zero with a reason when it cannot, so the test run fails loudly rather than skipping.
set -euo pipefail

chromium=/usr/bin/chromium
if [ -x "$chromium" ]; then
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "ensure-chromium: $chromium is missing and we are not root, so apt-get cannot install it." >&2
  echo "ensure-chromium: install Debian's 'chromium' package (sudo apt-get install chromium) and rerun." >&2
  exit 1
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-chromium: $chromium is missing and there is no apt-get on this machine to install it." >&2
  exit 1
fi

echo "ensure-chromium: installing Debian's chromium package for the dashboard browser tests..."
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends chromium >/dev/null
if [ ! -x "$chromium" ]; then
  echo "ensure-chromium: apt-get finished but $chromium is still missing." >&2
  exit 1
fi
"$chromium" --version || true
