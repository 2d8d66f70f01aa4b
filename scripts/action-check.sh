#!/usr/bin/env bash
# The check step of action.yml: the findings as text in the log and as SARIF in a file; the exit code as an output,
# so that the SARIF is uploaded before the step fails. Inputs come as MESHLENS_* environment variables.
set -uo pipefail
CLI="${GITHUB_ACTION_PATH:-$(cd "$(dirname "$0")/.." && pwd)}/dist/cli.js"
read -r -a paths <<< "${MESHLENS_PATHS:-.}"
args=(--fail-on "${MESHLENS_FAIL_ON:-error}")
[ -n "${MESHLENS_ISTIO_VERSION:-}" ] && args+=(--istio-version "$MESHLENS_ISTIO_VERSION")
[ -n "${MESHLENS_MESH_CONFIG:-}" ] && args+=(--mesh-config "$MESHLENS_MESH_CONFIG")
node "$CLI" check "${args[@]}" "${paths[@]}"
code=$?
sarif="${MESHLENS_SARIF:-meshlens.sarif}"
node "$CLI" check "${args[@]}" --format sarif "${paths[@]}" > "$sarif"
written=false
[ -s "$sarif" ] && written=true
out="${GITHUB_OUTPUT:-/dev/null}"
{ echo "exit-code=$code"; echo "sarif-written=$written"; } >> "$out"
echo "meshlens: exit code $code; SARIF report: $sarif"
exit 0
