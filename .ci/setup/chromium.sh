#!/usr/bin/env bash
# Installs Debian's chromium (if missing) for the dashboard's browser test (Playwright drives /usr/bin/chromium; no
# browser download). Idempotent.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
if [ ! -x /usr/bin/chromium ]; then
  apt-get update -qq
  apt-get install -y -qq chromium >/dev/null
fi
echo "chromium: $(/usr/bin/chromium --version 2>/dev/null || echo 'installed')"
