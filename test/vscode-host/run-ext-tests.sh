#!/usr/bin/env bash
# Runs the extension's mocha suite inside code-server's real extension host.
# Usage: run-ext-tests.sh <extensionDevelopmentPath> <extensionTestsPath> <workspaceFolder to copy>
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
DEV="$(realpath "$1")"; TESTS="$(realpath "$2")"; SRC_WS="$(realpath "$3")"
RUN="$(mktemp -d)"; mkdir -p "$RUN/ud/User" "$RUN/ext" "$RUN/xdg-config" "$RUN/xdg-data" "$RUN/ws"
# A copy: tests and UI keystrokes must never change the fixtures.
cp -r "$SRC_WS/." "$RUN/ws/"
cat > "$RUN/ud/User/settings.json" <<'JSON'
{ "security.workspace.trust.enabled": false, "workbench.startupEditor": "none", "telemetry.telemetryLevel": "off",
  "extensions.autoCheckUpdates": false, "extensions.autoUpdate": false, "update.mode": "none" }
JSON
PORT="${CS_PORT:-$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')}"
XDG_CONFIG_HOME="$RUN/xdg-config" XDG_DATA_HOME="$RUN/xdg-data" "$HERE/node_modules/.bin/code-server" \
  --bind-addr "127.0.0.1:$PORT" --auth none --disable-telemetry --disable-update-check --disable-workspace-trust \
  --user-data-dir "$RUN/ud" --extensions-dir "$RUN/ext" "$RUN/ws" > "$RUN/code-server.log" 2>&1 &
CS_PID=$!
trap 'kill $CS_PID 2>/dev/null || true; wait $CS_PID 2>/dev/null || true; rm -rf "$RUN"' EXIT
for i in $(seq 1 150); do node -e 'require("http").get(process.argv[1],r=>process.exit(r.statusCode===200?0:1)).on("error",()=>process.exit(1))' "http://127.0.0.1:$PORT/healthz" && break; sleep 0.2; done
CS_PORT="$PORT" CS_WS="$RUN/ws" EXT_DEV="$DEV" EXT_TESTS="$TESTS" node "$HERE/run-ext-tests.js"
