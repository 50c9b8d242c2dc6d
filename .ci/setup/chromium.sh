#!/usr/bin/env bash
# Headless Chromium for the browser tests (tests/Convergent.Browser.Tests drive /usr/bin/chromium through Playwright;
# Playwright's own browser download is never used). Idempotent: does nothing when /usr/bin/chromium exists.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
sudo_cmd=""
if [ "$(id -u)" -ne 0 ]; then sudo_cmd="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$sudo_cmd apt-get update -qq
$sudo_cmd apt-get install -y -qq chromium
test -x /usr/bin/chromium
