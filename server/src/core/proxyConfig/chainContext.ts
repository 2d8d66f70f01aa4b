// The ProxyContext of one filter chain of the whole config: what the chain engine (filters, extensions, telemetry,
// EnvoyFilter matches) needs to know about the listener and chain it works on.
import type { Workload } from '../workspace/workloads';
import { GATEWAY_NAME_LABEL } from '../workspace/workloads';
import type { ProxyContext } from '../proxy/proxyContext';
import { isGatewayWorkload } from '../proxy/proxyContext';
import type { Direction } from '../chain/types';

export interface ChainPlace {
  direction: Direction;
  /** The port extensions' match.ports and telemetry see (target port inbound, service port outbound). */
  port: number;
  context: ProxyContext['context'];
  listenerName: string;
  listenerPort: number;
  chainName: string;
  destinationPort?: number;
  transportProtocol: string;
  applicationProtocols: string[];
  serverNames: string[];
}

export function chainContext(
  w: Workload,
  place: ChainPlace,
  rootNamespace: string,
  istioVersion: string,
): ProxyContext {
  return {
    workload: w,
    direction: place.direction,
    port: place.port,
    isGateway: isGatewayWorkload(w),
    gatewayApiName: w.labels[GATEWAY_NAME_LABEL],
    mode: place.context === 'SIDECAR_INBOUND' ? 'SERVER' : 'CLIENT',
    context: place.context,
    listenerName: place.listenerName,
    listenerPort: place.listenerPort,
    filterChainName: place.chainName,
    destinationPort: place.destinationPort,
    serverNames: place.serverNames,
    chainVariants: [{ transportProtocol: place.transportProtocol, alpn: place.applicationProtocols }],
    rootNamespace,
    istioVersion,
    proxyVersion: `${istioVersion}.0`,
  };
}
