#!/usr/bin/env bash
# Installs the packaged .vsix into a fresh code-server and checks, through the UI, what a user sees.
# Usage: run-ui-check.sh <meshlens.vsix> <workspaceFolder to copy>
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
VSIX="$(realpath "$1")"; SRC_WS="$(realpath "$2")"
RUN="$(mktemp -d)"; mkdir -p "$RUN/ws" "$RUN/ud" "$RUN/ext" "$RUN/xdg-config" "$RUN/xdg-data"
cp -r "$SRC_WS/." "$RUN/ws/"
XDG_CONFIG_HOME="$RUN/xdg-config" XDG_DATA_HOME="$RUN/xdg-data" "$HERE/node_modules/.bin/code-server" --install-extension "$VSIX" --extensions-dir "$RUN/ext" --user-data-dir "$RUN/ud" >/dev/null
source "$HERE/code-server.sh"
start_code_server ', "workbench.colorTheme": "Default Dark Modern", "editor.quickSuggestions": { "other": false }'
CS_PORT="$PORT" CS_WS="$RUN/ws" node "$HERE/ui-check.js"
