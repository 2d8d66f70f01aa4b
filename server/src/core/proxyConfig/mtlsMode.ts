// The mTLS mode a workload's inbound port runs in (pilot/pkg/security/authn: the workload PeerAuthentication's
// port-level mode, then its own mode, then the namespace's, then the mesh's; UNSET inherits; PERMISSIVE by default).
import { isObject } from '../util/values';
import type { Workspace, OtherObject } from '../workspace/workspace';
import type { Workload } from '../workspace/workloads';
import { selects, asLabels } from '../workspace/labels';

export type MtlsMode = 'PERMISSIVE' | 'STRICT' | 'DISABLE';

function modeOf(v: unknown): MtlsMode | undefined {
  const mode = isObject(v) ? v.mode : undefined;
  return mode === 'PERMISSIVE' || mode === 'STRICT' || mode === 'DISABLE' ? mode : undefined;
}

function selectorOf(o: OtherObject): Record<string, string> | undefined {
  const spec = isObject(o.value.spec) ? o.value.spec : {};
  return isObject(spec.selector) ? asLabels(spec.selector.matchLabels) : undefined;
}

/** The mode of one target port, and where it comes from. */
export function mtlsModeFor(
  ws: Workspace,
  w: Workload,
  targetPort: number | undefined,
): { mode: MtlsMode; source: string } {
  const root = ws.meshConfig.rootNamespace;
  const pas = (ns: string) => ws.inNamespace(ns).others.filter((o) => o.kind === 'PeerAuthentication');
  const workloadLevel = pas(w.namespace).filter((o) => {
    const sel = selectorOf(o);
    return sel && Object.keys(sel).length > 0 && selects(sel, w.labels);
  });
  for (const pa of workloadLevel) {
    const spec = isObject(pa.value.spec) ? pa.value.spec : {};
    const portLevel =
      isObject(spec.portLevelMtls) && targetPort !== undefined ? spec.portLevelMtls[String(targetPort)] : undefined;
    const mode = modeOf(portLevel) ?? modeOf(spec.mtls);
    if (mode) return { mode, source: `PeerAuthentication ${pa.namespace}/${pa.name}` };
  }
  const wide = (ns: string) => pas(ns).find((o) => !selectorOf(o) || Object.keys(selectorOf(o)!).length === 0);
  for (const pa of [wide(w.namespace), w.namespace === root ? undefined : wide(root)]) {
    const mode = pa && modeOf(isObject(pa.value.spec) ? pa.value.spec.mtls : undefined);
    if (pa && mode) return { mode, source: `PeerAuthentication ${pa.namespace}/${pa.name}` };
  }
  return { mode: 'PERMISSIVE', source: "Istio's default (no PeerAuthentication sets a mode)" };
}
