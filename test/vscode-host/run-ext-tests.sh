#!/usr/bin/env bash
# Runs the extension's mocha suite inside code-server's real extension host.
# Usage: run-ext-tests.sh <extensionDevelopmentPath> <extensionTestsPath> <workspaceFolder to copy>
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
DEV="$(realpath "$1")"; TESTS="$(realpath "$2")"; SRC_WS="$(realpath "$3")"
RUN="$(mktemp -d)"; mkdir -p "$RUN/ws"
# A copy: tests and UI keystrokes must never change the fixtures.
cp -r "$SRC_WS/." "$RUN/ws/"
source "$HERE/code-server.sh"
start_code_server
CS_PORT="$PORT" CS_WS="$RUN/ws" EXT_DEV="$DEV" EXT_TESTS="$TESTS" node "$HERE/run-ext-tests.js"
