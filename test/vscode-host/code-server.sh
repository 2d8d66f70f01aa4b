# Sourced by run-ext-tests.sh and run-ui-check.sh: a fresh code-server on a free port with its own user data,
# extensions and XDG folders under $RUN, serving the workspace copy $RUN/ws. Sets CS_PID and PORT; stops on exit.
start_code_server() {
  local extra_settings="${1:-}"
  mkdir -p "$RUN/ud/User" "$RUN/ext" "$RUN/xdg-config" "$RUN/xdg-data"
  cat > "$RUN/ud/User/settings.json" <<JSON
{ "security.workspace.trust.enabled": false, "workbench.startupEditor": "none", "telemetry.telemetryLevel": "off",
  "extensions.autoCheckUpdates": false, "extensions.autoUpdate": false, "update.mode": "none"$extra_settings }
JSON
  PORT="${CS_PORT:-$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')}"
  XDG_CONFIG_HOME="$RUN/xdg-config" XDG_DATA_HOME="$RUN/xdg-data" "$HERE/node_modules/.bin/code-server" \
    --bind-addr "127.0.0.1:$PORT" --auth none --disable-telemetry --disable-update-check --disable-workspace-trust \
    --user-data-dir "$RUN/ud" --extensions-dir "$RUN/ext" "$RUN/ws" > "$RUN/code-server.log" 2>&1 &
  CS_PID=$!
  trap 'kill $CS_PID 2>/dev/null || true; wait $CS_PID 2>/dev/null || true; rm -rf "$RUN"' EXIT
  for _ in $(seq 1 150); do
    node -e 'require("http").get(process.argv[1],r=>process.exit(r.statusCode===200?0:1)).on("error",()=>process.exit(1))' "http://127.0.0.1:$PORT/healthz" && return 0
    sleep 0.2
  done
  echo "code-server did not start; its log:" >&2
  cat "$RUN/code-server.log" >&2
  return 1
}
