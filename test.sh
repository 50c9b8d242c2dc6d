#!/usr/bin/env bash
# The README's test command: sets up what the tests need on this machine (each .ci/setup/*.sh is idempotent:
# PostgreSQL on loopback for the run-store tests, Debian's Chromium for the browser tests), then runs every test.
set -euo pipefail
cd "$(dirname "$0")"
for setup in .ci/setup/*.sh; do
    [ -e "$setup" ] || continue
    echo "== $setup"
    bash "$setup"
done
exec dotnet test Convergent.slnx -c Release "$@"
