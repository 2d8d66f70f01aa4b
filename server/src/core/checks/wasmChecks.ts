// WasmPlugin and TrafficExtension `wasm` rules: module URL scheme and VM environment (CRD CEL rules + webhook).
import { Check, Report } from './check';
import { isObject, asArray } from '../util/values';
import type { PathSegment } from '../yaml/parseSlice';

const SCHEMES = ['', 'http', 'https', 'oci', 'file'];

export const wasmModule: Check = {
  codes: ['ML0307', 'ML0313'],
  kinds: ['WasmPlugin', 'TrafficExtension'],
  run(res, report) {
    const base: PathSegment[] = res.kind === 'WasmPlugin' ? ['spec'] : ['spec', 'wasm'];
    const wasm = res.kind === 'WasmPlugin' ? res.spec : res.spec.wasm;
    if (!isObject(wasm)) return;
    if (typeof wasm.url === 'string' && wasm.url !== '') checkUrl(wasm.url, [...base, 'url'], report);
    const vm = wasm.vmConfig;
    if (isObject(vm)) checkEnv(vm.env, [...base, 'vmConfig', 'env'], report);
  },
};

function checkUrl(url: string, path: PathSegment[], report: Report): void {
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\//.exec(url)?.[1];
  if (scheme !== undefined && !SCHEMES.includes(scheme.toLowerCase())) {
    report('ML0307', path, { scheme }, { variant: 'scheme' });
    return;
  }
  if (!parsesAsUrl(url)) report('ML0307', path, { url }, { variant: 'unparsable' });
}

/** What Go's url.ParseRequestURI (tried as-is, then with http:// in front) rejects: bad %-escapes, spaces, controls. */
function parsesAsUrl(url: string): boolean {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what Go rejects here
  if (/[\s\x00-\x1f\x7f]/.test(url)) return false;
  if (/%(?![0-9a-fA-F]{2})/.test(url)) return false;
  const withScheme = /^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(url) ? url : `http://${url}`;
  const host = /^[^:]+:\/\/([^/?#]*)/.exec(withScheme)?.[1];
  return host === undefined || !/[^\w.\-:@[\]%!$&'()*+,;=~]/.test(host);
}

function checkEnv(env: unknown, path: PathSegment[], report: Report): void {
  const seen = new Set<string>();
  asArray(env).forEach((entry, i) => {
    if (!isObject(entry)) return;
    if (typeof entry.name === 'string' && entry.name !== '') {
      if (seen.has(entry.name)) report('ML0313', [...path, i, 'name'], { name: entry.name }, { variant: 'duplicate' });
      seen.add(entry.name);
    }
    if (entry.valueFrom === 'HOST' && entry.value !== undefined) {
      report('ML0313', [...path, i, 'value'], {}, { on: 'key', variant: 'valueWithHost' });
    }
  });
}

export const trafficExtensionShape: Check = {
  codes: ['ML0312', 'ML0318'],
  kinds: ['TrafficExtension'],
  run(res, report) {
    const hasWasm = res.spec.wasm !== undefined && res.spec.wasm !== null;
    const hasLua = res.spec.lua !== undefined && res.spec.lua !== null;
    if (hasWasm === hasLua) {
      report('ML0312', hasWasm ? ['spec', 'lua'] : ['spec'], { which: hasWasm ? 'both' : 'neither' }, { on: 'key' });
    }
    if (isObject(res.spec.lua) && typeof res.spec.lua.inlineCode === 'string') {
      const bytes = Buffer.byteLength(res.spec.lua.inlineCode, 'utf8');
      if (bytes === 0) report('ML0318', ['spec', 'lua', 'inlineCode'], {}, { on: 'key', variant: 'empty' });
      else if (bytes > 65536)
        report('ML0318', ['spec', 'lua', 'inlineCode'], { bytes }, { on: 'key', variant: 'tooLarge' });
    }
  },
};
