// The HTTP routes VirtualServices give a virtual host (route.translateRoute: one Envoy route per match, named
// `<route name>.<match name>` when the match is named), or istiod's `default` route when none binds to the host.
import { isObject, asArray } from '../util/values';
import type { Workspace } from '../workspace/workspace';
import { fullHost } from './meshServices';
import { route, RouteModel, RouteAction } from './model';

/** Whether a VirtualService host (possibly a wildcard such as *.example.com) covers a host name. */
export function hostCovers(pattern: string, host: string): boolean {
  if (pattern === '*') return true;
  if (pattern.startsWith('*.')) return host.endsWith(pattern.slice(1)) || host === pattern;
  return pattern === host;
}

/** The Envoy routes of a VirtualService's http section: one per match, named `<route>.<match>` where both are named. */
export function virtualServiceHttpRoutes(spec: Record<string, unknown>): RouteModel[] {
  return asArray(spec.http)
    .filter(isObject)
    .flatMap((r) => {
      const base = typeof r.name === 'string' ? r.name : '';
      const action: RouteAction = isObject(r.redirect)
        ? 'REDIRECT'
        : isObject(r.directResponse)
          ? 'DIRECT_RESPONSE'
          : 'ROUTE';
      const matches = asArray(r.match).filter(isObject);
      const names = matches.length
        ? matches.map((m) => (typeof m.name === 'string' && m.name ? `${base}.${m.name}` : base))
        : [base];
      return names.map((n) => route(n, action, { match: { prefix: '/' } }));
    });
}

/** `gateways` of a VirtualService: the sidecars (`mesh`, the default) or gateways as `namespace/name`. */
function boundTo(spec: Record<string, unknown>, namespace: string): string[] {
  const list = asArray(spec.gateways).filter((g): g is string => typeof g === 'string');
  if (!list.length) return ['mesh'];
  return list.map((g) => (g === 'mesh' || g.includes('/') ? g : `${namespace}/${g}`));
}

/**
 * Routes for a virtual host: from the VirtualServices bound to `gateway` ('mesh' for sidecars, or `ns/name`) whose
 * hosts cover the host, in workspace order; undefined when none does.
 */
export function virtualServiceRoutes(
  ws: Workspace,
  host: string,
  gateway: string,
  defaultCluster: string,
): { routes: RouteModel[]; source: string } | undefined {
  for (const o of ws.othersOfKind('VirtualService')) {
    if (!isObject(o.value.spec)) continue;
    const spec = o.value.spec;
    if (!boundTo(spec, o.namespace).includes(gateway)) continue;
    const hosts = asArray(spec.hosts).filter((h): h is string => typeof h === 'string');
    if (!hosts.some((h) => hostCovers(fullHost(h, o.namespace), host))) continue;
    const routes = virtualServiceHttpRoutes(spec);
    if (!routes.length)
      routes.push(route('default', 'ROUTE', { match: { prefix: '/' }, route: { cluster: defaultCluster } }));
    return { routes, source: `VirtualService ${o.namespace}/${o.name}` };
  }
  return undefined;
}
