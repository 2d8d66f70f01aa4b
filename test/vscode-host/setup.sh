#!/usr/bin/env bash
# Installs a real VS Code for the extension tests: code-server 4.100.3 from npm and Debian's chromium, driven by
# playwright-core. Idempotent: a second run only checks. Works around three install steps that download from GitHub.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
if [ -x "$HERE/node_modules/.bin/code-server" ] && [ -x /usr/bin/chromium ] && [ -f "$HERE/node_modules/playwright-core/package.json" ]; then
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
# libkrb5-dev: code-server's kerberos module builds from source; ripgrep: stands in for @vscode/ripgrep's GitHub
# download; chromium: the browser that hosts the workbench.
if ! dpkg -s libkrb5-dev pkg-config ripgrep chromium >/dev/null 2>&1; then
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq libkrb5-dev pkg-config ripgrep chromium >/dev/null
fi
# @vscode/ripgrep looks for its release archive in os.tmpdir() before downloading it.
export TMPDIR="$HERE/.tmp"
mkdir -p "$TMPDIR/vscode-ripgrep-cache-1.15.11" "$HERE/.tmp/rg"
cp /usr/bin/rg "$HERE/.tmp/rg/rg"
tar czf "$TMPDIR/vscode-ripgrep-cache-1.15.11/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" -C "$HERE/.tmp/rg" rg
cd "$HERE"
# npm_config_yes: node-pty's postinstall runs npx node-gyp; --unsafe-perm: code-server's postinstall as root.
if [ -f package-lock.json ]; then
  npm_config_yes=true npm ci --unsafe-perm --no-audit --no-fund
else
  npm_config_yes=true npm install --unsafe-perm --no-audit --no-fund
fi
XDG_CONFIG_HOME="$HERE/.tmp/xdg" XDG_DATA_HOME="$HERE/.tmp/xdg" ./node_modules/.bin/code-server --version
