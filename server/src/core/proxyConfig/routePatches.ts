// EnvoyFilter ROUTE_CONFIGURATION, VIRTUAL_HOST and HTTP_ROUTE patches (envoyfilter/rc_patch.go
// ApplyRouteConfigurationPatches): route configuration MERGEs; per virtual host REMOVE/MERGE/REPLACE, then its routes'
// REMOVE/MERGE and ADD/INSERT_*; then VIRTUAL_HOST ADD (those hosts get no route patches).
import { isObject } from '../util/values';
import type { Patch } from '../chain/patchMatch';
import { proxyMismatch } from '../chain/patchMatch';
import { PatchLedger, effectiveOperation, patchValue, refOf, stageOfReason } from './patchLedger';
import { protoMerge } from '../envoy/protoMerge';
import { RouteConfigurationModel, RouteModel, VirtualHostModel, vhost, route } from './model';

type Obj = Record<string, unknown>;

function rcMatchOf(p: Patch): Obj | undefined {
  const match = isObject(p.cp.match) ? p.cp.match : {};
  return isObject(match.routeConfiguration) ? match.routeConfiguration : undefined;
}

/** The port a sidecar route configuration stands for, from its name (getListenerPortFromName). */
function sidecarRoutePort(name: string): number {
  if (name.startsWith('inbound')) return Number(name.split('|')[1]) || 0;
  return /^\d+$/.test(name) ? Number(name) : 0;
}

/** A gateway route name's parts (model.ParseGatewayRDSRouteName): http.PORT, or https.PORT.PORTNAME.GATEWAY.NAMESPACE. */
function parseGatewayRoute(name: string): { port: number; portName: string; gateway: string } {
  const parts = name.split('.');
  if (parts[0] === 'http') return { port: Number(parts[1]) || 0, portName: '', gateway: '' };
  if (parts[0] === 'https' && parts.length >= 5)
    return { port: Number(parts[1]) || 0, portName: parts[2], gateway: `${parts[4]}/${parts[3]}` };
  return { port: 0, portName: '', gateway: '' };
}

function routeConfigMismatch(p: Patch, rc: RouteConfigurationModel): string | undefined {
  const match = isObject(p.cp.match) ? p.cp.match : {};
  if (match.listener !== undefined || match.cluster !== undefined)
    return 'the match is not a route configuration match';
  const m = rcMatchOf(p);
  if (!m) return undefined;
  const port = typeof m.portNumber === 'number' ? m.portNumber : 0;
  if (rc.context !== 'GATEWAY') {
    if (port && port !== sidecarRoutePort(rc.name))
      return `routeConfiguration portNumber ${port} matches no route configuration (names stand for ports: ${rc.name} is ${sidecarRoutePort(rc.name) || 'none'})`;
  } else {
    const parsed = parseGatewayRoute(rc.name);
    const servicePorts = rc.portMap?.get(parsed.port);
    if (port && !(servicePorts ? servicePorts.includes(port) : parsed.port === port))
      return `routeConfiguration portNumber ${port} does not match ${rc.name}`;
    if (typeof m.portName === 'string' && m.portName && m.portName !== parsed.portName)
      return `routeConfiguration portName ${m.portName} does not match ${rc.name}`;
    if (typeof m.gateway === 'string' && m.gateway && m.gateway !== parsed.gateway)
      return `routeConfiguration gateway ${m.gateway} does not match ${rc.name}${parsed.gateway ? ` (gateway ${parsed.gateway})` : ''}`;
  }
  if (typeof m.name === 'string' && m.name && m.name !== rc.name)
    return `routeConfiguration name ${m.name} does not match ${rc.name}`;
  return undefined;
}

function vhostMismatch(p: Patch, vh: VirtualHostModel): string | undefined {
  const v = rcMatchOf(p)?.vhost;
  if (!isObject(v)) return undefined;
  if (typeof v.name === 'string' && v.name && v.name !== vh.name) return `vhost name ${v.name} matches no virtual host`;
  if (typeof v.domainName === 'string' && v.domainName && !vh.domains.includes(v.domainName))
    return `vhost domainName ${v.domainName} is not a domain of any virtual host`;
  return undefined;
}

function routeMatchOf(p: Patch): Obj | undefined {
  const v = rcMatchOf(p)?.vhost;
  return isObject(v) && isObject(v.route) ? v.route : undefined;
}

function routeMismatch(p: Patch, r: RouteModel): string | undefined {
  const m = routeMatchOf(p);
  if (!m) return undefined;
  if (typeof m.name === 'string' && m.name && m.name !== r.name) return `route name ${m.name} matches no route`;
  if (typeof m.action === 'string' && m.action !== 'ANY' && m.action !== r.action)
    return `route action ${m.action} matches no route`;
  return undefined;
}

export function applyRoutePatches(rcs: RouteConfigurationModel[], ledger: PatchLedger, proxyVersion: string): void {
  const failed = (p: Patch, rc: RouteConfigurationModel): boolean => {
    const why = proxyMismatch(p, rc.context, proxyVersion) ?? routeConfigMismatch(p, rc);
    if (why) ledger.miss(p, why, stageOfReason(why));
    return !!why;
  };
  for (const rc of rcs) {
    for (const p of ledger.of('ROUTE_CONFIGURATION')) {
      if (failed(p, rc)) continue;
      const op = effectiveOperation(p);
      if (op === 'MERGE' || op === 'MERGE_AND_REPLACE_LIST') {
        rc.patches.push(refOf(p));
        ledger.hit(p, rc.name, `merged into route configuration ${rc.name}`);
      } else ledger.miss(p, `operation ${p.op} is ignored for ROUTE_CONFIGURATION (only MERGE applies)`, 3);
    }
    const removed = new Set<string>();
    rc.virtualHosts = rc.virtualHosts.map((vh) => patchVirtualHost(rc, vh, ledger, failed, removed));
    for (const p of ledger.of('VIRTUAL_HOST')) {
      if (effectiveOperation(p) !== 'ADD' || failed(p, rc)) continue;
      const value = patchValue(p);
      const name = typeof value.name === 'string' ? value.name : '';
      const domains = Array.isArray(value.domains) ? value.domains.map(String) : [];
      const added = vhost(name, domains, []);
      added.addedBy = refOf(p);
      added.config = structuredClone(value);
      rc.virtualHosts.push(added);
      ledger.hit(p, `${rc.name}/${name}`, `added virtual host ${name || '(unnamed)'} to ${rc.name}`);
    }
    // Removal is by name, after everything else.
    rc.virtualHosts = rc.virtualHosts.filter((vh) => !removed.has(vh.name));
  }
}

function patchVirtualHost(
  rc: RouteConfigurationModel,
  original: VirtualHostModel,
  ledger: PatchLedger,
  failed: (p: Patch, rc: RouteConfigurationModel) => boolean,
  removed: Set<string>,
): VirtualHostModel {
  let vh = original;
  for (const p of ledger.of('VIRTUAL_HOST')) {
    const op = effectiveOperation(p);
    if (op === 'ADD' || failed(p, rc)) continue;
    const why = vhostMismatch(p, vh);
    if (why) {
      ledger.miss(p, why, 3);
      continue;
    }
    const target = `${rc.name}/${vh.name}`;
    if (op === 'REMOVE') {
      removed.add(vh.name);
      ledger.hit(p, target, `removed virtual host ${vh.name} from ${rc.name}`);
      return vh;
    }
    if (op === 'MERGE' || op === 'MERGE_AND_REPLACE_LIST') {
      const config = protoMerge(vh.config, patchValue(p), op === 'MERGE_AND_REPLACE_LIST');
      vh = {
        ...vh,
        config,
        domains: Array.isArray(config.domains) ? config.domains.map(String) : vh.domains,
        patches: [...vh.patches, refOf(p)],
      };
      ledger.hit(p, target, `merged into virtual host ${vh.name} of ${rc.name}`);
    } else if (op === 'REPLACE') {
      const value = structuredClone(patchValue(p));
      const name = typeof value.name === 'string' ? value.name : '';
      vh = {
        ...vhost(name, Array.isArray(value.domains) ? value.domains.map(String) : [], []),
        config: value,
        patches: [refOf(p)],
      };
      ledger.hit(p, target, `replaced virtual host ${original.name} of ${rc.name}`);
    } else ledger.miss(p, `operation ${p.op} is ignored for VIRTUAL_HOST`, 4);
  }
  return { ...vh, routes: patchRoutes(rc, vh, ledger, failed) };
}

function patchRoutes(
  rc: RouteConfigurationModel,
  vh: VirtualHostModel,
  ledger: PatchLedger,
  failed: (p: Patch, rc: RouteConfigurationModel) => boolean,
): RouteModel[] {
  const patches = ledger.of('HTTP_ROUTE').filter((p) => {
    if (failed(p, rc)) return false;
    const why = vhostMismatch(p, vh);
    if (why) ledger.miss(p, why, 3);
    return !why;
  });
  const where = (r: string) => `${rc.name}/${vh.name}/${r}`;
  let routes: RouteModel[] = [];
  for (const r0 of vh.routes) {
    let r: RouteModel | undefined = r0;
    for (const p of patches) {
      if (p.op !== 'REMOVE' && p.op !== 'MERGE' && p.op !== 'MERGE_AND_REPLACE_LIST') continue;
      const why = routeMismatch(p, r);
      if (why) {
        ledger.miss(p, why, 4);
        continue;
      }
      if (p.op === 'REMOVE') {
        ledger.hit(p, where(r.name), `removed route ${r.name || '(unnamed)'} of ${vh.name}`);
        r = undefined;
        break;
      }
      r = {
        ...r,
        config: protoMerge(r.config, patchValue(p), p.op === 'MERGE_AND_REPLACE_LIST'),
        patches: [...r.patches, refOf(p)],
      };
      ledger.hit(p, where(r.name), `merged into route ${r.name || '(unnamed)'} of ${vh.name}`);
    }
    if (r) routes.push(r);
  }
  for (const p of patches) {
    if (!['ADD', 'INSERT_BEFORE', 'INSERT_AFTER', 'INSERT_FIRST'].includes(p.op)) {
      if (p.op !== 'REMOVE' && !p.op.startsWith('MERGE'))
        ledger.miss(p, `operation ${p.op} is not supported for HTTP_ROUTE`, 4);
      continue;
    }
    const value = patchValue(p);
    const added = route(typeof value.name === 'string' ? value.name : '', 'ROUTE', structuredClone(value));
    added.patches.push(refOf(p));
    const hasRouteMatch = !!routeMatchOf(p);
    const at = hasRouteMatch ? routes.findIndex((r) => !routeMismatch(p, r)) : -1;
    let index: number | undefined;
    if (p.op === 'ADD') index = routes.length;
    else if (p.op === 'INSERT_FIRST') index = !hasRouteMatch || at >= 0 ? 0 : undefined;
    else if (!hasRouteMatch) index = p.op === 'INSERT_BEFORE' ? 0 : routes.length;
    else if (at >= 0) index = p.op === 'INSERT_BEFORE' ? at : at + 1;
    if (index === undefined) {
      ledger.miss(p, `no route of ${vh.name} matches, so ${p.op} inserts nothing`, 4);
      continue;
    }
    routes = [...routes.slice(0, index), added, ...routes.slice(index)];
    ledger.hit(
      p,
      where(added.name),
      `${p.op === 'ADD' ? 'added' : 'inserted'} route ${added.name || '(unnamed)'} in ${vh.name}`,
    );
  }
  return routes;
}
