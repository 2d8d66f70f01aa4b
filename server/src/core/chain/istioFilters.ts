// The HTTP and network filters istiod itself puts on a chain, in its fixed order, with the extensions' phases
// inserted where they go (istiod's listener_builder.go buildHTTPConnectionManager and networkfilter.go).
import { istioHttpFilter, istioNetworkFilter } from './istioFilter';
import { isObject, asArray } from '../util/values';
import type { Workspace } from '../workspace/workspace';
import type { ProxyContext } from '../proxy/proxyContext';
import type { RenderedFilter } from './types';
import { shouldAttach, searchedNamespaces } from '../proxy/attachment';
import { extensionFilters, PHASES, Phase } from './extensions';
import { effectiveTelemetry, statsProviders, EffectiveTelemetry } from '../telemetry/effectiveTelemetry';
import { customAuthzFilters } from './customAuthz';
import { atLeast, VERSION_FACTS } from '../versions/versionFacts';

const own = (name: string, typeUrl: string | null, reason: string): RenderedFilter => ({
  name,
  typeUrl,
  origin: null,
  phase: null,
  reason,
});

export interface Policies {
  custom: string[];
  actions: Set<string>;
  jwt: boolean;
}

export function policiesFor(ws: Workspace, ctx: ProxyContext): Policies {
  const namespaces = searchedNamespaces(ctx);
  const result: Policies = { custom: [], actions: new Set(), jwt: false };
  for (const o of namespaces.flatMap((ns) => ws.inNamespace(ns).others)) {
    const spec = isObject(o.value.spec) ? o.value.spec : {};
    const selector = isObject(spec.selector) ? spec.selector.matchLabels : undefined;
    // Root-namespace policies apply mesh-wide; others only in their namespace (searchedNamespaces covers both).
    if (!shouldAttach(o.namespace, spec, selector, ctx)) continue;
    if (o.kind === 'AuthorizationPolicy') {
      const action = typeof spec.action === 'string' ? spec.action : 'ALLOW';
      if (action === 'CUSTOM') {
        const provider = isObject(spec.provider) && typeof spec.provider.name === 'string' ? spec.provider.name : '';
        if (!result.custom.includes(provider)) result.custom.push(provider);
      } else result.actions.add(action);
    } else if (o.kind === 'RequestAuthentication' && asArray(spec.jwtRules).length > 0) result.jwt = true;
  }
  result.custom.sort();
  return result;
}

export interface IstioChain {
  httpFilters: RenderedFilter[];
  networkFilters: RenderedFilter[];
  telemetry: EffectiveTelemetry;
  /** Facts the rendering assumed, for the preview's list. */
  assumptions: string[];
}

export function istioChain(ws: Workspace, ctx: ProxyContext): IstioChain {
  const http: RenderedFilter[] = [];
  const inbound = ctx.direction === 'inbound';
  const authzHere = ctx.direction !== 'outbound';
  const scoped = searchedNamespaces(ctx).flatMap((ns) => ws.inNamespace(ns).resources);
  const ext = extensionFilters(scoped, ctx, false);
  const netExt = extensionFilters(scoped, ctx, true);
  const policies = authzHere ? policiesFor(ws, ctx) : { custom: [], actions: new Set<string>(), jwt: false };
  const telemetry = effectiveTelemetry(ws, ctx);
  const phase = (p: Phase) => http.push(...ext[p]);

  http.push(
    istioHttpFilter(
      'istio.metadata_exchange',
      inbound ? 'peer metadata exchange (downstream discovery)' : 'peer metadata exchange (upstream discovery)',
    ),
  );
  const custom = customAuthzFilters(ws, policies.custom, ctx.istioVersion);
  http.push(...custom.filters);
  phase('AUTHN');
  if (policies.jwt)
    http.push(
      istioHttpFilter('envoy.filters.http.jwt_authn', 'a RequestAuthentication with jwtRules selects the workload'),
    );
  // Through 1.20 istiod followed jwt_authn with its own istio_authn filter (removed by istio/istio#47407).
  if (policies.jwt && !atLeast(ctx.istioVersion, VERSION_FACTS.istioAuthnRemoved))
    http.push(own('istio_authn', null, 'Istio 1.20 and older: the authentication filter that follows jwt_authn'));
  phase('AUTHZ');
  for (const action of ['AUDIT', 'DENY', 'ALLOW']) {
    if (policies.actions.has(action))
      http.push(istioHttpFilter('envoy.filters.http.rbac', `an ${action} AuthorizationPolicy selects the workload`));
  }
  phase('STATS');
  phase('UNSPECIFIED');
  http.push(istioHttpFilter('envoy.filters.http.grpc_stats', 'always present'));
  if (!inbound) http.push(istioHttpFilter('istio.alpn', 'ALPN override for upstream (not on inbound)'));
  http.push(istioHttpFilter('envoy.filters.http.fault', 'always present; configured per route by VirtualService'));
  http.push(istioHttpFilter('envoy.filters.http.cors', 'always present; configured per route by VirtualService'));
  for (const provider of statsProviders(telemetry, ctx.mode)) {
    http.push(
      istioHttpFilter('istio.stats', `metrics provider ${provider} (Prometheus) is in effect for ${ctx.mode} traffic`),
    );
  }
  http.push(istioHttpFilter('envoy.filters.http.router', 'always last'));

  const network: RenderedFilter[] = [];
  if (inbound) network.push(istioNetworkFilter('istio.metadata_exchange', 'TCP metadata exchange on inbound chains'));
  for (const p of PHASES) network.push(...netExt[p]);
  network.push(
    istioNetworkFilter(
      'envoy.filters.network.http_connection_manager',
      'the HTTP connection manager that runs the HTTP filters',
    ),
  );
  return { httpFilters: http, networkFilters: network, telemetry, assumptions: custom.assumptions };
}
