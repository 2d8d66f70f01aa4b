// The filter chains istiod builds for one inbound port, by protocol and mTLS mode (filterchain_options.go
// getFilterChainMatchOptions; the ALPN lists of listener.go), in its order.
import type { MtlsMode } from './mtlsMode';

export interface ChainVariant {
  protocol: 'http' | 'tcp';
  transportProtocol: string;
  applicationProtocols: string[];
  /** The chain terminates Istio mTLS (a DownstreamTlsContext transport socket). */
  mtls: boolean;
}

const MTLS_HTTP = ['istio-http/1.0', 'istio-http/1.1', 'istio-h2'];
const ALL_ISTIO_MTLS = ['istio', 'istio-peer-exchange', 'istio-http/1.0', 'istio-http/1.1', 'istio-h2'];
const MTLS_TCP_WITH_MX = ['istio-peer-exchange', 'istio'];
export const PLAINTEXT_HTTP = ['http/1.1', 'h2c'];

const v = (protocol: 'http' | 'tcp', transportProtocol: string, alpn: string[], mtls: boolean): ChainVariant => ({
  protocol,
  transportProtocol,
  applicationProtocols: alpn,
  mtls,
});

/** `auto`: the port's protocol is detected (and the passthrough chains). */
export function inboundVariants(protocol: 'http' | 'tcp' | 'auto', mode: MtlsMode): ChainVariant[] {
  if (protocol === 'auto') {
    if (mode === 'STRICT') return [v('http', 'tls', MTLS_HTTP, true), v('tcp', 'tls', [], true)];
    if (mode === 'DISABLE') return [v('http', 'raw_buffer', PLAINTEXT_HTTP, false), v('tcp', 'raw_buffer', [], false)];
    return [
      v('http', 'tls', MTLS_HTTP, true),
      v('http', 'raw_buffer', PLAINTEXT_HTTP, false),
      v('tcp', 'tls', MTLS_TCP_WITH_MX, true),
      v('tcp', 'raw_buffer', [], false),
      v('tcp', 'tls', [], false),
    ];
  }
  if (mode === 'STRICT') return [v(protocol, 'tls', [], true)];
  if (mode === 'DISABLE') return [v(protocol, 'raw_buffer', [], false)];
  return protocol === 'http'
    ? [v('http', 'tls', ALL_ISTIO_MTLS, true), v('http', 'raw_buffer', [], false)]
    : [v('tcp', 'tls', ALL_ISTIO_MTLS, true), v('tcp', 'tls', [], false), v('tcp', 'raw_buffer', [], false)];
}
