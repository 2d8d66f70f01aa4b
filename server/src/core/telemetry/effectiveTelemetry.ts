// The telemetry a workload gets: which Telemetry resources apply (mesh, namespace, workload level) and how their
// metrics, tracing and access logging merge (istiod's pilot/pkg/model/telemetry.go and telemetry_logging.go, core/accesslog.go and core/tracing.go). Every value says which resource set it.
import { isObject, asArray } from '../util/values';
import type { Workspace, ResourceRecord } from '../workspace/workspace';
import type { Origin } from '../chain/types';
import type { ProxyContext } from '../proxy/proxyContext';
import { shouldAttach, byAge } from '../proxy/attachment';
import { selectorLabels } from '../resources/selectors';
import { compareText } from '../util/compareText';

type Mode = 'CLIENT' | 'SERVER';
const MODES: Mode[] = ['CLIENT', 'SERVER'];
const ALL_METRICS = [
  'REQUEST_COUNT',
  'REQUEST_DURATION',
  'REQUEST_SIZE',
  'RESPONSE_SIZE',
  'TCP_OPENED_CONNECTIONS',
  'TCP_CLOSED_CONNECTIONS',
  'TCP_SENT_BYTES',
  'TCP_RECEIVED_BYTES',
  'GRPC_REQUEST_MESSAGES',
  'GRPC_RESPONSE_MESSAGES',
];

export interface Sourced<T> {
  value: T;
  /** The Telemetry that set it, or null for the mesh config's default. */
  source: Origin | null;
}

export interface MetricOverride {
  metric: string;
  disabled?: Sourced<boolean>;
  tags: Record<string, Sourced<{ operation: 'UPSERT' | 'REMOVE'; value?: string }>>;
}

export interface ProviderMetrics {
  provider: string;
  providerType: string;
  source: Origin | null;
  reportingInterval?: Sourced<string>;
  modes: Record<Mode, { disabled: Sourced<boolean> | null; overrides: MetricOverride[] }>;
}

export interface TracingMode {
  provider: Sourced<string> | null;
  disabled: boolean;
  randomSamplingPercentage?: Sourced<number>;
  customTags?: Sourced<Record<string, unknown>>;
}

export interface AccessLogEntry {
  provider: string;
  disabled: boolean;
  filter?: string;
  source: Origin | null;
}

export interface EffectiveTelemetry {
  workload: string;
  istioVersion: string;
  meshConfig: string;
  /** The Telemetry resources that apply, in the order they stack. */
  applied: Array<{ level: 'mesh' | 'namespace' | 'workload'; origin: Origin }>;
  /** Telemetry resources in scope that istiod ignores (more than one namespace-wide one). */
  ignored: Array<{ origin: Origin; reason: string }>;
  metrics: ProviderMetrics[];
  tracing: Record<Mode, TracingMode> & { legacy: boolean };
  accessLogging: Record<Mode, AccessLogEntry[]> & { legacy: boolean };
  assumptions: string[];
}

function origin(r: ResourceRecord): Origin {
  return { kind: r.kind, namespace: r.namespace, name: r.name, uri: r.uri, docIndex: r.docIndex };
}

function hasSelector(spec: Record<string, unknown>): boolean {
  const sel = isObject(spec.selector) ? spec.selector.matchLabels : undefined;
  return (
    (isObject(sel) && Object.keys(sel).length > 0) ||
    spec.targetRef !== undefined ||
    asArray(spec.targetRefs).length > 0
  );
}

/** The Telemetry resources applying to a proxy, mesh level (root namespace) first, then namespace, then workload. */
export function applicableTelemetries(
  ws: Workspace,
  ctx: ProxyContext,
): Pick<EffectiveTelemetry, 'applied' | 'ignored'> & { records: ResourceRecord[] } {
  const telemetries = [ctx.rootNamespace, ctx.workload.namespace]
    .flatMap((ns, i, all) => (all.indexOf(ns) === i ? ws.inNamespace(ns).resources : []))
    .filter((r) => r.kind === 'Telemetry');
  const applied: EffectiveTelemetry['applied'] = [];
  const ignored: EffectiveTelemetry['ignored'] = [];
  const records: ResourceRecord[] = [];
  const pickNamespaceWide = (ns: string, level: 'mesh' | 'namespace') => {
    const wide = telemetries.filter((r) => r.namespace === ns && !hasSelector(r.spec)).sort(byAge);
    if (!wide.length) return;
    applied.push({ level, origin: origin(wide[0]) });
    records.push(wide[0]);
    for (const r of wide.slice(1))
      ignored.push({
        origin: origin(r),
        reason: `${wide[0].name} is older and also has no selector: istiod uses only the oldest`,
      });
  };
  pickNamespaceWide(ctx.rootNamespace, 'mesh');
  if (ctx.workload.namespace !== ctx.rootNamespace) pickNamespaceWide(ctx.workload.namespace, 'namespace');
  for (const r of telemetries
    .filter((t) => t.namespace === ctx.workload.namespace && hasSelector(t.spec))
    .sort(byAge)) {
    if (shouldAttach(r.namespace, r.spec, selectorLabels(r.kind, r.spec), ctx)) {
      applied.push({ level: 'workload', origin: origin(r) });
      records.push(r);
    }
  }
  return { applied, ignored, records };
}

function modesOf(entry: Record<string, unknown>): Mode[] {
  const mode = isObject(entry.match) ? entry.match.mode : undefined;
  return mode === 'CLIENT' ? ['CLIENT'] : mode === 'SERVER' ? ['SERVER'] : MODES;
}

function providerNames(entry: Record<string, unknown>): string[] {
  return asArray(entry.providers)
    .filter(isObject)
    .map((p) => String(p.name ?? ''))
    .filter(Boolean);
}

export function effectiveTelemetry(ws: Workspace, ctx: ProxyContext): EffectiveTelemetry {
  const mesh = ws.meshConfig;
  const assumptions: string[] = [];
  let defaultMetrics = mesh.defaultProviders.metrics;
  if (!mesh.explicit) {
    defaultMetrics = ['prometheus'];
    assumptions.push(
      'No mesh config in the workspace: assuming a default Helm install (defaultProviders.metrics: [prometheus], no default tracing or access logging providers).',
    );
  }
  const { applied, ignored, records } = applicableTelemetries(ws, ctx);
  const blocks = records.flatMap((r) =>
    asArray(r.spec.metrics)
      .filter(isObject)
      .map((m) => ({ r, m })),
  );

  // Metrics: the last block naming providers decides the provider set; overrides then apply in order.
  let inScope = defaultMetrics.map((name) => ({ name, source: null as Origin | null }));
  for (const { r, m } of blocks) {
    const names = providerNames(m);
    if (names.length) inScope = names.map((name) => ({ name, source: origin(r) }));
  }
  const metrics: ProviderMetrics[] = inScope.map(({ name, source }) => ({
    provider: name,
    providerType: mesh.providers.get(name.toLowerCase()) ?? 'unknown',
    source,
    modes: { CLIENT: { disabled: null, overrides: [] }, SERVER: { disabled: null, overrides: [] } },
  }));
  let previous = defaultMetrics;
  for (const { r, m } of blocks) {
    const names = providerNames(m);
    const targets = names.length ? names : previous;
    previous = targets;
    for (const pm of metrics.filter((x) => targets.includes(x.provider))) {
      if (typeof m.reportingInterval === 'string')
        pm.reportingInterval = { value: m.reportingInterval, source: origin(r) };
      for (const o of asArray(m.overrides).filter(isObject)) {
        const match = isObject(o.match) ? o.match : {};
        const allMetrics =
          !isObject(o.match) || (!match.metric && !match.customMetric) || match.metric === 'ALL_METRICS';
        for (const mode of modesOf(o)) {
          const state = pm.modes[mode];
          if (allMetrics && o.disabled === true) {
            state.disabled = { value: true, source: origin(r) };
            continue;
          }
          state.disabled = null;
          const list = allMetrics
            ? ALL_METRICS
            : match.customMetric
              ? [String(match.customMetric)]
              : [String(match.metric)];
          for (const metric of list) {
            let entry = state.overrides.find((x) => x.metric === metric);
            if (!entry) state.overrides.push((entry = { metric, tags: {} }));
            if (typeof o.disabled === 'boolean') entry.disabled = { value: o.disabled, source: origin(r) };
            if (isObject(o.tagOverrides)) {
              for (const [tag, spec] of Object.entries(o.tagOverrides)) {
                if (!isObject(spec)) continue;
                entry.tags[tag] = {
                  value: {
                    operation: spec.operation === 'REMOVE' ? 'REMOVE' : 'UPSERT',
                    value: typeof spec.value === 'string' ? spec.value : undefined,
                  },
                  source: origin(r),
                };
              }
            }
          }
        }
      }
    }
  }
  for (const pm of metrics)
    for (const mode of MODES) pm.modes[mode].overrides.sort((a, b) => compareText(a.metric, b.metric));

  // Tracing (core/tracing.go configureTracingFromTelemetry): the first provider per mode, later levels override.
  const tracingEntries = records.flatMap((r) =>
    asArray(r.spec.tracing)
      .filter(isObject)
      .map((t) => ({ r, t })),
  );
  const legacyTracing = tracingEntries.length === 0 && mesh.defaultProviders.tracing.length === 0;
  const tracing = { legacy: legacyTracing } as EffectiveTelemetry['tracing'];
  for (const mode of MODES) {
    const first = mesh.defaultProviders.tracing[0];
    const t: TracingMode = { provider: first ? { value: first, source: null } : null, disabled: false };
    for (const { r, t: entry } of tracingEntries) {
      if (!modesOf(entry).includes(mode)) continue;
      const names = providerNames(entry);
      if (names.length) t.provider = { value: names[0], source: origin(r) };
      if (typeof entry.disableSpanReporting === 'boolean') t.disabled = entry.disableSpanReporting;
      if (isObject(entry.customTags)) t.customTags = { value: entry.customTags, source: origin(r) };
      if (typeof entry.randomSamplingPercentage === 'number')
        t.randomSamplingPercentage = { value: entry.randomSamplingPercentage, source: origin(r) };
    }
    if (!legacyTracing && !t.provider) t.disabled = true;
    tracing[mode] = t;
  }
  if (legacyTracing)
    assumptions.push(
      'No Telemetry tracing and no default tracing provider: istiod uses the legacy tracing settings of the mesh config (enableTracing, sampling 1%).',
    );

  // Access logging (model/telemetry_logging.go mergeLogs): providers per mode, filters per provider.
  const groups = records
    .map((r) => ({ r, entries: asArray(r.spec.accessLogging).filter(isObject) }))
    .filter((g) => g.entries.length);
  const legacyLogs = groups.length === 0 && mesh.defaultProviders.accessLogging.length === 0;
  const accessLogging = { legacy: legacyLogs } as EffectiveTelemetry['accessLogging'];
  for (const mode of MODES) {
    let providers = mesh.defaultProviders.accessLogging.map((name) => ({
      name,
      disabled: false,
      filter: undefined as string | undefined,
      source: null as Origin | null,
    }));
    for (const { r, entries } of groups) {
      const named = [...new Set(entries.filter((e) => modesOf(e).includes(mode)).flatMap(providerNames))];
      if (named.length)
        providers = named.map((name) => ({ name, disabled: false, filter: undefined, source: origin(r) }));
      let last = providers.map((p) => p.name);
      for (const e of entries) {
        if (!modesOf(e).includes(mode)) continue;
        const names = providerNames(e);
        const targets = names.length ? names : last;
        last = targets;
        for (const p of providers.filter((x) => targets.includes(x.name))) {
          p.disabled = e.disabled === true;
          p.source = origin(r);
          if (names.length && isObject(e.filter) && typeof e.filter.expression === 'string')
            p.filter = e.filter.expression;
        }
      }
    }
    accessLogging[mode] = providers
      .sort((a, b) => compareText(a.name, b.name))
      .map((p) => ({ provider: p.name, disabled: p.disabled, filter: p.filter, source: p.source }));
  }
  if (legacyLogs)
    assumptions.push(
      "No Telemetry access logging and no default access log provider: istiod falls back to the mesh config's accessLogFile (empty in a default install, so no access log).",
    );

  return {
    workload: `${ctx.workload.namespace}/${ctx.workload.name}`,
    istioVersion: ctx.istioVersion,
    meshConfig: mesh.source,
    applied,
    ignored,
    metrics,
    tracing,
    accessLogging,
    assumptions,
  };
}

/** The Prometheus-type providers whose istio.stats filter a listener class gets (model/telemetry.go telemetryFilters). */
export function statsProviders(t: EffectiveTelemetry, mode: Mode): string[] {
  return t.metrics
    .filter((m) => m.providerType === 'prometheus' && !m.modes[mode].disabled)
    .map((m) => m.provider)
    .sort();
}
