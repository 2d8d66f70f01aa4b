// The HTTP filters of CUSTOM AuthorizationPolicies (pilot/pkg/security/authz/builder: buildHTTP, getExtAuthz;
// extauthz.go processExtensionProvider). A provider istiod can resolve gets an rbac filter (shadow rules deciding
// when to call it) and ext_authz. One it cannot resolve gets a DENY rbac filter built from the policies' own rules
// ("deny due to bad CUSTOM action") and no ext_authz: fail closed.
import { isObject, asArray } from '../util/values';
import type { Workspace } from '../workspace/workspace';
import type { RenderedFilter } from './types';
import { atLeast, VERSION_FACTS } from '../versions/versionFacts';
import { ISTIO_HTTP_FILTERS, istioTypeUrl } from '../envoy/istioFilterTable';

const RBAC = istioTypeUrl(ISTIO_HTTP_FILTERS, 'envoy.filters.http.rbac');
const EXT_AUTHZ = istioTypeUrl(ISTIO_HTTP_FILTERS, 'envoy.filters.http.ext_authz');

/** Services istiod's registry would know: Kubernetes Services (name.ns.svc.<domain>) and ServiceEntry hosts. */
function serviceNamespaces(ws: Workspace, host: string): string[] {
  const found = new Set<string>();
  for (const o of ws.others) {
    if (
      o.kind === 'Service' &&
      (host === `${o.name}.${o.namespace}.svc.cluster.local` || host === `${o.name}.${o.namespace}.svc`)
    )
      found.add(o.namespace);
    if (o.kind === 'ServiceEntry' && isObject(o.value.spec) && asArray(o.value.spec.hosts).includes(host))
      found.add(o.namespace);
  }
  return [...found];
}

/** Why istiod cannot build ext_authz for the provider, or undefined when it can. */
function providerProblem(ws: Workspace, provider: string): string | undefined {
  const mesh = ws.meshConfig;
  const entry = mesh.extAuthz.get(provider);
  if (!entry) {
    const known = [...mesh.extAuthz.keys()];
    return `provider "${provider}" is not an envoyExtAuthzHttp/envoyExtAuthzGrpc provider of the mesh config (${mesh.explicit ? mesh.source : "Istio's defaults, which have none"}${known.length ? `; it has ${known.join(', ')}` : ''})`;
  }
  if (entry.port === undefined || entry.port < 1 || entry.port > 65535)
    return `provider "${provider}": port number ${entry.port ?? 0} must be in the range 1..65535`;
  const slash = entry.service.indexOf('/');
  const [ns, host] =
    slash >= 0 ? [entry.service.slice(0, slash), entry.service.slice(slash + 1)] : [undefined, entry.service];
  const namespaces = serviceNamespaces(ws, host);
  if (ns !== undefined ? !namespaces.includes(ns) : namespaces.length === 0)
    return `provider "${provider}": could not find service ${entry.service} among the workspace's Services and ServiceEntries`;
  if (ns === undefined && namespaces.length > 1)
    return `provider "${provider}": found ${host} in multiple namespaces [${namespaces.sort().join(', ')}]; the service must be written <Namespace>/<Hostname>`;
  return undefined;
}

const deny = (reason: string): RenderedFilter => ({
  name: 'envoy.filters.http.rbac',
  typeUrl: RBAC,
  origin: null,
  phase: null,
  reason: `deny due to bad CUSTOM action: ${reason}; requests matching the CUSTOM policies' rules are denied`,
});

/** The CUSTOM filters for a workload whose CUSTOM policies name these providers (sorted, distinct). */
export function customAuthzFilters(
  ws: Workspace,
  providers: string[],
  istioVersion: string,
): { filters: RenderedFilter[]; assumptions: string[] } {
  if (!providers.length) return { filters: [], assumptions: [] };
  const assumptions = [
    "CUSTOM providers are resolved against the mesh config and the workspace's Services and ServiceEntries; a service that lives only in the cluster would get ext_authz instead of the deny filter shown.",
  ];
  const perProvider = atLeast(istioVersion, VERSION_FACTS.customAuthzPerProvider);
  if (providers.length > 1) {
    const reason = `more than one CUSTOM provider (${providers.join(', ')}) selects this workload, which needs PILOT_ENABLE_MULTIPLE_CUSTOM_AUTHZ_PROVIDERS (off by default)`;
    assumptions.push('PILOT_ENABLE_MULTIPLE_CUSTOM_AUTHZ_PROVIDERS is off (its default).');
    return {
      filters: perProvider ? providers.map((p) => deny(`${reason}; provider ${p}`)) : [deny(reason)],
      assumptions,
    };
  }
  const provider = providers[0];
  const problem = providerProblem(ws, provider);
  if (problem) return { filters: [deny(problem)], assumptions };
  return {
    filters: [
      {
        name: 'envoy.filters.http.rbac',
        typeUrl: RBAC,
        origin: null,
        phase: null,
        reason: `CUSTOM AuthorizationPolicy with provider ${provider}: shadow rules that decide when to call it`,
      },
      {
        name: 'envoy.filters.http.ext_authz',
        typeUrl: EXT_AUTHZ,
        origin: null,
        phase: null,
        reason: `CUSTOM AuthorizationPolicy: calls provider ${provider}`,
      },
    ],
    assumptions,
  };
}
