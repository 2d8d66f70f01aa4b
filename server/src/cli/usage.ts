// The `meshlens --help` text.
import { KNOWN_VERSIONS, NEWEST_VERSION } from '../core';

export const USAGE = `Usage: meshlens <command> [options]

Commands:
  check [paths...]     Check Istio Telemetry, WasmPlugin, EnvoyFilter and TrafficExtension YAML.
                       Paths are files, folders (searched recursively for .yaml/.yml) or - for stdin.
  chain [paths...] --workload NAMESPACE/NAME --direction inbound|outbound|gateway --port N
                       The Envoy filter chain istiod would build for that workload, with the origin of
                       each filter and the outcome of every EnvoyFilter patch. --format text|json.
  config [paths...] --workload NAMESPACE/NAME
                       The workload's whole proxy config: listeners with every filter chain, clusters, route
                       configurations, and what each EnvoyFilter patch touched. --format text|json.
  telemetry [paths...] --workload NAMESPACE/NAME
                       The effective metrics, tracing and access logging of that workload.
  upgrade-check [paths...] --from V1 --to V2
                       What changes between two Istio versions for every workload: patches that stop (or start)
                       applying, filters that move, and what the target version lacks. --format text|json|sarif,
                       --fail-on and --mesh-config as for check.
  codes [--format text|markdown]
                       List every diagnostic code with its severity and title.
  config-schema        Print the JSON Schema of .meshlens.yaml.

Options for check:
  --format text|json|sarif|codeclimate
                               Output format (default: text); codeclimate is GitLab Code Quality JSON
  --istio-version V            Target Istio version, one of ${KNOWN_VERSIONS.join(', ')} (default: ${NEWEST_VERSION})
  --fail-on error|warning      Lowest severity that makes the exit code 1 (default: error)
  --mesh-config FILE           Mesh config for provider checks: a MeshConfig, the istio ConfigMap or an
                               IstioOperator (default: the one among the paths, else Istio's defaults)

Project configuration: the nearest .meshlens.yaml above each file sets its Istio version, rule severities
and ignored files, and the run's mesh config; --istio-version and --mesh-config win over it.

Exit codes: 0 no findings at or above --fail-on, 1 findings, 2 usage or input error.
`;
