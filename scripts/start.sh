#!/usr/bin/env bash
# The main job: a real VS Code in your browser with Meshlens installed, opened on the bundled examples/ workspace.
# Sets everything up on a fresh machine (npm packages, code-server, chromium's dependencies) on the first run.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$(pwd)"
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
bash test/vscode-host/setup.sh
npm run --silent package
STATE="$ROOT/.tmp/code-server"
mkdir -p "$STATE/ud/User" "$STATE/ext" "$STATE/xdg"
# This profile exists only to show Meshlens on the bundled examples, which are this repository's own files: it trusts
# them without asking, so the first thing a new user sees is Meshlens at work, not the workspace-trust prompt.
cat > "$STATE/ud/User/settings.json" <<'JSON'
{ "workbench.startupEditor": "none", "telemetry.telemetryLevel": "off", "extensions.autoCheckUpdates": false,
  "extensions.autoUpdate": false, "update.mode": "none", "workbench.colorTheme": "Default Dark Modern",
  "security.workspace.trust.enabled": false }
JSON
CS="$ROOT/test/vscode-host/node_modules/.bin/code-server"
XDG_CONFIG_HOME="$STATE/xdg" XDG_DATA_HOME="$STATE/xdg" "$CS" --install-extension "$ROOT/meshlens.vsix" --force \
  --extensions-dir "$STATE/ext" --user-data-dir "$STATE/ud" >/dev/null
PORT="${PORT:-8080}"
echo
echo "Meshlens in VS Code: http://127.0.0.1:$PORT/?folder=$ROOT/examples"
echo "(Ctrl+C stops it)"
echo
exec env XDG_CONFIG_HOME="$STATE/xdg" XDG_DATA_HOME="$STATE/xdg" "$CS" --bind-addr "127.0.0.1:$PORT" --auth none \
  --disable-telemetry --disable-update-check --user-data-dir "$STATE/ud" --extensions-dir "$STATE/ext" "$ROOT/examples"
