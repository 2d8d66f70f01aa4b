// What one EnvoyFilter patch matches on a rendered chain (listener_patch.go listenerMatch, filterChainMatch,
// networkFilterMatch, httpFilterMatch), and the parts of its value the patch operations read.
import { isObject } from '../util/values';
import type { ResourceRecord } from '../workspace/workspace';
import type { ProxyContext } from '../proxy/proxyContext';
import type { PatchOutcome } from './types';

export type Obj = Record<string, unknown>;

export interface Patch {
  ef: ResourceRecord;
  index: number;
  cp: Obj;
  applyTo: string;
  op: string;
  outcome?: PatchOutcome;
  /** The names of the filters an applied patch added, replaced, removed or merged into. */
  touched?: string[];
}

export function where(ctx: ProxyContext): string {
  return ctx.place ?? `${ctx.context} port ${ctx.port}`;
}

/** Why the patch's context and proxy conditions (commonConditionMatch) fail for a proxy, or undefined if they hold. */
export function proxyMismatch(p: Patch, context: string, proxyVersion: string): string | undefined {
  const match = isObject(p.cp.match) ? p.cp.match : {};
  const wanted = typeof match.context === 'string' ? match.context : 'ANY';
  if (wanted !== 'ANY' && wanted !== context) return `context ${wanted} does not match ${context}`;
  const proxy = isObject(match.proxy) ? match.proxy : undefined;
  if (proxy && typeof proxy.proxyVersion === 'string' && proxy.proxyVersion) {
    if (proxy.proxyVersion.length > 1024) return 'proxyVersion is over 1024 characters, which matches no proxy';
    let matches = false;
    try {
      matches = new RegExp(proxy.proxyVersion).test(proxyVersion);
    } catch {
      return `proxyVersion ${proxy.proxyVersion} is not a valid regular expression`;
    }
    if (!matches) return `proxyVersion ${proxy.proxyVersion} does not match ${proxyVersion} (the target Istio version)`;
  }
  if (proxy && isObject(proxy.metadata) && Object.keys(proxy.metadata).length) {
    return "match.proxy.metadata needs the proxy's node metadata, which a preview does not have; assumed not to match";
  }
  return undefined;
}

/** Why the patch's proxy, context, listener and filter chain conditions fail for this chain, or undefined if they hold. */
export function chainMismatch(p: Patch, ctx: ProxyContext): string | undefined {
  const common = proxyMismatch(p, ctx.context, ctx.proxyVersion);
  if (common) return common;
  const match = isObject(p.cp.match) ? p.cp.match : {};
  if (match.routeConfiguration !== undefined || match.cluster !== undefined || match.waypoint !== undefined)
    return 'the match is not a listener match';
  const listener = isObject(match.listener) ? match.listener : undefined;
  if (!listener) return undefined;
  if (typeof listener.name === 'string' && listener.name && listener.name !== ctx.listenerName)
    return `listener name ${listener.name} does not match ${ctx.listenerName}`;
  const portNumber = typeof listener.portNumber === 'number' ? listener.portNumber : 0;
  if (portNumber) {
    // On the virtual listeners istiod compares the port with the chain's destination_port instead (filterChainMatch).
    if (ctx.listenerName === 'virtualInbound' || ctx.listenerName === 'virtualOutbound') {
      if (portNumber !== ctx.destinationPort)
        return ctx.destinationPort === undefined
          ? `listener portNumber ${portNumber}: chain ${ctx.filterChainName || '(unnamed)'} of ${ctx.listenerName} has no destination port`
          : `listener portNumber ${portNumber} does not match the chain's destination port ${ctx.destinationPort} (${ctx.listenerName})`;
    } else if (portNumber !== ctx.listenerPort)
      return `listener portNumber ${portNumber} does not match listener ${ctx.listenerName} (port ${ctx.listenerPort})`;
  }
  const fc = isObject(listener.filterChain) ? listener.filterChain : undefined;
  if (!fc) return undefined;
  if (typeof fc.name === 'string' && fc.name && fc.name !== ctx.filterChainName)
    return `filterChain name ${fc.name} does not match ${ctx.filterChainName ? ctx.filterChainName : 'the unnamed chain'}`;
  if (typeof fc.sni === 'string' && fc.sni && !ctx.serverNames?.includes(fc.sni))
    return ctx.serverNames?.length
      ? `filterChain sni ${fc.sni} is not one of the chain's server names (${ctx.serverNames.join(', ')}); istiod compares exactly`
      : `filterChain sni ${fc.sni}: this chain has no server names`;
  if (
    typeof fc.transportProtocol === 'string' &&
    fc.transportProtocol &&
    !ctx.chainVariants.some((v) => v.transportProtocol === fc.transportProtocol)
  ) {
    return `filterChain transportProtocol ${fc.transportProtocol} matches none of ${ctx.chainVariants.map((v) => v.transportProtocol || '(none)').join(', ')}`;
  }
  if (typeof fc.applicationProtocols === 'string' && fc.applicationProtocols) {
    const wanted = fc.applicationProtocols
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    if (!ctx.chainVariants.some((v) => wanted.every((w) => v.alpn.includes(w))))
      return `filterChain applicationProtocols ${fc.applicationProtocols} are not all offered by the chain`;
  }
  const dp = typeof fc.destinationPort === 'number' ? fc.destinationPort : 0;
  if (dp && dp !== ctx.destinationPort)
    return ctx.destinationPort === undefined
      ? `filterChain destinationPort ${dp}: this chain has no destination port`
      : `filterChain destinationPort ${dp} does not match ${ctx.destinationPort}`;
  return undefined;
}

export function filterMatch(p: Patch): Obj | undefined {
  const match = isObject(p.cp.match) ? p.cp.match : {};
  const listener = isObject(match.listener) ? match.listener : {};
  const fc = isObject(listener.filterChain) ? listener.filterChain : {};
  return isObject(fc.filter) ? fc.filter : undefined;
}

export function subFilterName(p: Patch): string | undefined {
  const f = filterMatch(p);
  return f && isObject(f.subFilter) && typeof f.subFilter.name === 'string' ? f.subFilter.name : undefined;
}

export function filterName(p: Patch): string | undefined {
  const f = filterMatch(p);
  return f && typeof f.name === 'string' ? f.name : undefined;
}

export function valueOf(p: Patch): Obj {
  return isObject(p.cp.patch) && isObject(p.cp.patch.value) ? p.cp.patch.value : {};
}

export function typedConfig(value: Obj): Obj | undefined {
  const t = value.typed_config ?? value.typedConfig;
  return isObject(t) ? t : undefined;
}
