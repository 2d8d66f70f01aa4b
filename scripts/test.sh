#!/usr/bin/env bash
# Sets up everything on a fresh machine (npm packages, a real VS Code and chromium) and runs every test layer.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
bash test/vscode-host/setup.sh
node scripts/test.mjs
