#!/usr/bin/env bash
# Installs the packaged .vsix into a fresh code-server and checks, through the UI, what a user sees.
# Usage: run-ui-check.sh <meshlens.vsix> <workspaceFolder to copy>
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
VSIX="$(realpath "$1")"; SRC_WS="$(realpath "$2")"
RUN="$(mktemp -d)"; mkdir -p "$RUN/ud/User" "$RUN/ext" "$RUN/xdg-config" "$RUN/xdg-data" "$RUN/ws"
cp -r "$SRC_WS/." "$RUN/ws/"
cat > "$RUN/ud/User/settings.json" <<'JSON'
{ "security.workspace.trust.enabled": false, "workbench.startupEditor": "none", "telemetry.telemetryLevel": "off",
  "extensions.autoCheckUpdates": false, "extensions.autoUpdate": false, "update.mode": "none",
  "workbench.colorTheme": "Default Dark Modern", "editor.quickSuggestions": { "other": false } }
JSON
CS="$HERE/node_modules/.bin/code-server"
XDG_CONFIG_HOME="$RUN/xdg-config" XDG_DATA_HOME="$RUN/xdg-data" "$CS" --install-extension "$VSIX" --extensions-dir "$RUN/ext" --user-data-dir "$RUN/ud" >/dev/null
PORT="$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
XDG_CONFIG_HOME="$RUN/xdg-config" XDG_DATA_HOME="$RUN/xdg-data" "$CS" \
  --bind-addr "127.0.0.1:$PORT" --auth none --disable-telemetry --disable-update-check --disable-workspace-trust \
  --user-data-dir "$RUN/ud" --extensions-dir "$RUN/ext" "$RUN/ws" > "$RUN/code-server.log" 2>&1 &
CS_PID=$!
trap 'kill $CS_PID 2>/dev/null || true; wait $CS_PID 2>/dev/null || true; rm -rf "$RUN"' EXIT
for i in $(seq 1 150); do node -e 'require("http").get(process.argv[1],r=>process.exit(r.statusCode===200?0:1)).on("error",()=>process.exit(1))' "http://127.0.0.1:$PORT/healthz" && break; sleep 0.2; done
CS_PORT="$PORT" CS_WS="$RUN/ws" node "$HERE/ui-check.js"
