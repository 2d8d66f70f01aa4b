// The whole config while it is built and patched: the public views plus what the engine needs on the way (each
// chain's ProxyContext, each route's action), stripped before the result leaves the core.
import type { ProxyContext } from '../proxy/proxyContext';
import type {
  ClusterView,
  FilterChainView,
  ListenerView,
  RouteConfigurationView,
  RouteView,
  VirtualHostView,
} from './types';

export interface ChainModel extends FilterChainView {
  ctx: ProxyContext;
  /** The chain has a DownstreamTlsContext that is not Istio mTLS (gateway TLS termination: tls_inspector). */
  terminatesTls?: boolean;
}

export interface ListenerModel extends Omit<ListenerView, 'filterChains'> {
  filterChains: ChainModel[];
}

export type RouteAction = 'ROUTE' | 'REDIRECT' | 'DIRECT_RESPONSE';

export interface RouteModel extends RouteView {
  action: RouteAction;
}

export interface VirtualHostModel extends Omit<VirtualHostView, 'routes'> {
  routes: RouteModel[];
}

export interface RouteConfigurationModel extends Omit<RouteConfigurationView, 'virtualHosts'> {
  virtualHosts: VirtualHostModel[];
  /** Gateway route configurations: listener (target) port -> the server ports behind it (GatewayPortMap). */
  portMap?: Map<number, number[]>;
}

export interface ProxyModel {
  listeners: ListenerModel[];
  clusters: ClusterView[];
  routeConfigurations: RouteConfigurationModel[];
  assumptions: string[];
  warnings: string[];
}

export function vhost(name: string, domains: string[], routes: RouteModel[]): VirtualHostModel {
  return { name, domains, routes, patches: [], config: { name, domains } };
}

export function route(name: string, action: RouteAction, config: Record<string, unknown>): RouteModel {
  return { name, action, patches: [], config: { ...(name ? { name } : {}), ...config } };
}
