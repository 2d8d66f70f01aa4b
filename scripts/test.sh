#!/usr/bin/env bash
# Sets up everything on a fresh machine (npm packages, a real VS Code and chromium) and runs every test layer.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
bash test/vscode-host/setup.sh
# Debian's luajit is the oracle the Lua parser is compared with.
if ! command -v luajit >/dev/null; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get install -y -qq luajit >/dev/null || { $SUDO apt-get update -qq && $SUDO apt-get install -y -qq luajit >/dev/null; }
fi
node scripts/test.mjs
