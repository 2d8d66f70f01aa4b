// Whether a policy-like resource (WasmPlugin, TrafficExtension, EnvoyFilter, Telemetry, AuthorizationPolicy, ...)
// attaches to a workload: istiod's WorkloadPolicyMatcher.ShouldAttachPolicy (pilot/pkg/model/policyattachment.go).
import { isObject, asArray } from '../util/values';
import { compareText } from '../util/compareText';
import { asLabels, selects } from '../workspace/labels';
import type { ProxyContext } from './proxyContext';

export function targetRefsOf(spec: Record<string, unknown>): Array<Record<string, unknown>> {
  const refs = asArray(spec.targetRefs).filter(isObject);
  if (refs.length) return refs;
  return isObject(spec.targetRef) ? [spec.targetRef] : [];
}

/** `selectorLabels` is the policy's label selector (undefined: none, which selects everything in scope). */
export function shouldAttach(
  policyNamespace: string,
  spec: Record<string, unknown>,
  selectorLabels: unknown,
  ctx: ProxyContext,
): boolean {
  const refs = targetRefsOf(spec);
  const labels = asLabels(selectorLabels);
  if (!ctx.gatewayApiName) {
    if (refs.length) return false;
    return selects(labels, ctx.workload.labels);
  }
  // Gateway API gateways: selectors still work by default (ENABLE_SELECTOR_BASED_K8S_GATEWAY_POLICY), targetRefs by
  // name; waypoints never take selectors, and take the istio-waypoint GatewayClass from the root namespace.
  if (!refs.length) return !ctx.waypoint && selects(labels, ctx.workload.labels);
  return refs.some(
    (ref) =>
      (policyNamespace === ctx.workload.namespace &&
        (!ref.namespace || ref.namespace === ctx.workload.namespace) &&
        ref.group === 'gateway.networking.k8s.io' &&
        ref.kind === 'Gateway' &&
        ref.name === ctx.gatewayApiName) ||
      (!!ctx.waypoint &&
        policyNamespace === ctx.rootNamespace &&
        ref.group === 'gateway.networking.k8s.io' &&
        ref.kind === 'GatewayClass' &&
        ref.name === 'istio-waypoint'),
  );
}

/** Namespaces istiod searches for a proxy's policies: its own, then the root namespace. */
export function searchedNamespaces(ctx: ProxyContext): string[] {
  return ctx.workload.namespace === ctx.rootNamespace
    ? [ctx.rootNamespace]
    : [ctx.workload.namespace, ctx.rootNamespace];
}

export function creationTime(value: Record<string, unknown>): string {
  const metadata = isObject(value.metadata) ? value.metadata : {};
  return typeof metadata.creationTimestamp === 'string' ? metadata.creationTimestamp : '';
}

/** Oldest first, then by name. */
export function byAge(a: { value: Record<string, unknown>; name: string }, b: typeof a): number {
  return compareText(creationTime(a.value), creationTime(b.value)) || compareText(a.name, b.name);
}
