#!/usr/bin/env bash
# Installs Debian's Chromium for the browser tests (test/bundler/browser.test.ts,
# test/threads/browser.test.ts: the JSPI path and module workers in a real
# browser). Best effort: without root, apt or the mirror, it says so and the
# browser tests skip with their reason; it never fails the caller.
set -uo pipefail
if [[ -x /usr/bin/chromium ]]; then
  echo "chromium: $(/usr/bin/chromium --version 2>/dev/null) already installed"
  exit 0
fi
if [[ $(id -u) -ne 0 ]] || ! command -v apt-get >/dev/null; then
  echo "chromium: not installed (needs root and apt-get); browser tests will skip"
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
if timeout 120 apt-get update -qq && timeout 180 apt-get install -y -qq chromium >/dev/null; then
  echo "chromium: $(/usr/bin/chromium --version 2>/dev/null) installed"
else
  echo "chromium: install failed; browser tests will skip"
fi
exit 0
