#!/usr/bin/env bash
# Runs one Playwright script of this folder in headless Chromium (Debian's chromium, or the one CHROMIUM names) and
# prints what it printed. playwright-core, the scripts' one dependency, is installed with npm ci on first use.
# Exit code 77: Node.js or Chromium is missing (the calling test skips, saying which); CI installs both.
# Usage: run.sh <script.mjs> [arguments...]
set -uo pipefail
cd "$(dirname "$0")"
chromium="${CHROMIUM:-/usr/bin/chromium}"
if [ ! -x "$chromium" ]; then
    echo "no Chromium at $chromium (apt-get install chromium, or set CHROMIUM)"
    exit 77
fi
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    echo "no node and npm on the PATH"
    exit 77
fi
if [ ! -d node_modules/playwright-core ]; then
    npm ci --no-audit --no-fund --loglevel=error || exit 1
fi
CHROMIUM="$chromium" exec node "$@"
