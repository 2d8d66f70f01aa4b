// Who the proxy is and which listener and filter chain a (workload, direction, port) request names, as istiod
// builds them (listener_inbound.go, listener.go and gateway.go name listeners and chains; the listener class fixes
// the Telemetry/extension mode and the EnvoyFilter context).
import type { Workload } from '../workspace/workloads';
import { GATEWAY_NAME_LABEL } from '../workspace/workloads';
import type { Direction } from '../chain/types';

export interface ProxyContext {
  workload: Workload;
  direction: Direction;
  /** The port the request names: inbound target (container) port, outbound service port, gateway target port. */
  port: number;
  isGateway: boolean;
  /** An ambient waypoint (a Gateway of class istio-waypoint): policies attach by targetRefs only. */
  waypoint?: boolean;
  /** A Gateway API gateway's name, from its pods' label. */
  gatewayApiName?: string;
  /** Telemetry/extension workload mode of the chain's listener class. */
  mode: 'SERVER' | 'CLIENT';
  /** EnvoyFilter patch context. */
  context: 'SIDECAR_INBOUND' | 'SIDECAR_OUTBOUND' | 'GATEWAY';
  listenerName: string;
  listenerPort: number;
  filterChainName: string;
  /** filter_chain_match.destination_port, set on inbound chains only. */
  destinationPort?: number;
  /** How messages name the chain in the whole-config preview (`listener/chain`); the chain preview uses context and port. */
  place?: string;
  /** filter_chain_match.server_names of the chain (SNI), where it has some. */
  serverNames?: string[];
  /** The filter chains the HCM is on (inbound PERMISSIVE: an mTLS and a plaintext one). */
  chainVariants: Array<{ transportProtocol: string; alpn: string[] }>;
  rootNamespace: string;
  istioVersion: string;
  /** What the proxy reports as ISTIO_VERSION, for proxyVersion matches. */
  proxyVersion: string;
}

const GATEWAY_LABEL_VALUES = ['ingressgateway', 'egressgateway'];

export function isGatewayWorkload(w: Workload): boolean {
  return (
    w.kind === 'Gateway' ||
    w.labels[GATEWAY_NAME_LABEL] !== undefined ||
    GATEWAY_LABEL_VALUES.includes(w.labels.istio ?? '')
  );
}

export function proxyContext(
  workload: Workload,
  direction: Direction,
  port: number,
  rootNamespace: string,
  istioVersion: string,
): ProxyContext {
  const isGateway = isGatewayWorkload(workload);
  const base = {
    workload,
    direction,
    port,
    isGateway,
    gatewayApiName: workload.labels[GATEWAY_NAME_LABEL],
    rootNamespace,
    istioVersion,
    proxyVersion: `${istioVersion}.0`,
  };
  if (direction === 'inbound') {
    return {
      ...base,
      mode: 'SERVER',
      context: 'SIDECAR_INBOUND',
      listenerName: 'virtualInbound',
      listenerPort: 15006,
      filterChainName: `0.0.0.0_${port}`,
      destinationPort: port,
      chainVariants: [
        { transportProtocol: 'tls', alpn: ['istio-http/1.0', 'istio-http/1.1', 'istio-h2'] },
        { transportProtocol: 'raw_buffer', alpn: [] },
      ],
    };
  }
  if (direction === 'outbound') {
    return {
      ...base,
      mode: 'CLIENT',
      context: 'SIDECAR_OUTBOUND',
      listenerName: `0.0.0.0_${port}`,
      listenerPort: port,
      filterChainName: '',
      chainVariants: [{ transportProtocol: '', alpn: ['http/1.1', 'h2c'] }],
    };
  }
  return {
    ...base,
    mode: 'CLIENT',
    context: 'GATEWAY',
    listenerName: `0.0.0.0_${port}`,
    listenerPort: port,
    filterChainName: '',
    chainVariants: [{ transportProtocol: '', alpn: [] }],
  };
}
