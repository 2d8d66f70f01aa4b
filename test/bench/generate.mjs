// Generated inputs for the benchmark: files of N resources mixing our kinds (with Lua) with Deployments and
// Services, a workspace of many files, one 10 MB document, and a 100,000-line Lua script.
import { mkdirSync, writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export function resource(i, ns = `ns${i % 20}`) {
  switch (i % 5) {
    case 0:
      return `apiVersion: networking.istio.io/v1alpha3
kind: EnvoyFilter
metadata:
  name: lua-${i}
  namespace: ${ns}
spec:
  priority: ${i % 7}
  workloadSelector:
    labels:
      app: app-${i % 50}
  configPatches:
  - applyTo: HTTP_FILTER
    match:
      context: SIDECAR_INBOUND
      listener:
        filterChain:
          filter:
            name: envoy.filters.network.http_connection_manager
            subFilter:
              name: envoy.filters.http.router
    patch:
      operation: INSERT_BEFORE
      value:
        name: envoy.filters.http.lua
        typed_config:
          "@type": type.googleapis.com/envoy.extensions.filters.http.lua.v3.Lua
          default_source_code:
            inline_string: |
              function envoy_on_request(request_handle)
                local headers = request_handle:headers()
                headers:add("x-bench-${i}", "1")
                request_handle:logInfo("request " .. tostring(headers:get(":path")))
              end
`;
    case 1:
      return `apiVersion: telemetry.istio.io/v1
kind: Telemetry
metadata:
  name: tel-${i}
  namespace: ${ns}
spec:
  selector:
    matchLabels:
      app: app-${i % 50}
  metrics:
  - providers:
    - name: prometheus
    overrides:
    - match:
        metric: REQUEST_COUNT
        mode: SERVER
      tagOverrides:
        request_host:
          value: request.host
`;
    case 2:
      return `apiVersion: extensions.istio.io/v1alpha1
kind: WasmPlugin
metadata:
  name: wasm-${i}
  namespace: ${ns}
spec:
  selector:
    matchLabels:
      app: app-${i % 50}
  url: oci://ghcr.io/example/plugin-${i}:1.0.0
  phase: AUTHN
  priority: ${i % 11}
  pluginConfig:
    header: x-key-${i}
`;
    case 3:
      return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: app-${i % 50}-${i}
  namespace: ${ns}
spec:
  selector:
    matchLabels:
      app: app-${i % 50}
  template:
    metadata:
      labels:
        app: app-${i % 50}
    spec:
      containers:
      - name: app
        image: example/app:${i}
        ports:
        - containerPort: 8080
`;
    default:
      return `apiVersion: v1
kind: Service
metadata:
  name: svc-${i}
  namespace: ${ns}
spec:
  selector:
    app: app-${i % 50}
  ports:
  - name: http
    port: 80
    targetPort: 8080
`;
  }
}

export function generate(dir) {
  mkdirSync(dir, { recursive: true });
  const files = {};
  for (const n of [10, 100, 1000, 5000]) {
    const text = Array.from({ length: n }, (_, i) => resource(i)).join('---\n');
    files[`resources-${n}`] = join(dir, `resources-${n}.yaml`);
    writeFileSync(files[`resources-${n}`], text);
  }
  const ws = join(dir, 'workspace');
  mkdirSync(ws, { recursive: true });
  for (let i = 0; i < 5000; i++) writeFileSync(join(ws, `r${i}.yaml`), resource(i));
  files.workspace = ws;
  // One 10 MB document: a WasmPlugin whose pluginConfig is large.
  const big = [
    'apiVersion: extensions.istio.io/v1alpha1',
    'kind: WasmPlugin',
    'metadata:',
    '  name: big',
    '  namespace: ns0',
    'spec:',
    '  url: oci://example/big:1',
    '  pluginConfig:',
  ];
  let size = 0;
  for (let i = 0; size < 10_000_000; i++) {
    const line = `    key${i}: ${'v'.repeat(60)}`;
    big.push(line);
    size += line.length + 1;
  }
  big.push('  phase: AUTHN', '  ');
  files.big = join(dir, 'big-10mb.yaml');
  writeFileSync(files.big, big.join('\n'));
  // A 100,000-line Lua script in a TrafficExtension.
  const lua = [
    'apiVersion: extensions.istio.io/v1alpha1',
    'kind: TrafficExtension',
    'metadata:',
    '  name: long-lua',
    '  namespace: ns0',
    'spec:',
    '  lua:',
    '    inlineCode: |',
    '      function envoy_on_request(h)',
  ];
  for (let i = 0; i < 100_000; i++) lua.push(`        h:headers():add("x-${i % 100}", "${i}")`);
  lua.push('      end');
  files.lua = join(dir, 'lua-100k.yaml');
  writeFileSync(files.lua, lua.join('\n') + '\n');
  // 5,000 levels of nesting inside a Telemetry.
  const deep = [
    'apiVersion: telemetry.istio.io/v1',
    'kind: Telemetry',
    'metadata:',
    '  name: deep',
    '  namespace: ns0',
    'spec:',
    `  x: ${'['.repeat(5000)}1${']'.repeat(5000)}`,
  ];
  files.deep = join(dir, 'deep-5000.yaml');
  writeFileSync(files.deep, deep.join('\n') + '\n');
  // Two workspaces around the 1,000-resource file: the file alone, and the file beside the heavy documents.
  for (const [name, extra] of [
    ['light', []],
    ['heavy', ['big', 'lua', 'deep']],
  ]) {
    const folder = join(dir, `ws-${name}`);
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'resources-1000.yaml'), readFileSync(files['resources-1000']));
    for (const key of extra) writeFileSync(join(folder, `${key}.yaml`), readFileSync(files[key]));
    files[`ws-${name}`] = folder;
  }
  return files;
}
