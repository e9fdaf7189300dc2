/**
 * The data sources totem-mon provisions besides Prometheus (Loki, Tempo, Jaeger) and how they link
 * to each other: log line → trace, span → logs, exemplar → trace. Resolved from the layers of
 * `grafana` settings (totem-mon.config.ts first, then the project) field by field, with English
 * defaults. A link left to its default points at a data source that is configured, or is absent;
 * a link the user names keeps the uid given (the `dashboard/unknown-datasource` check verifies it).
 */
import type { SourceRef } from '../diagnostic.js';
import type { GrafanaInput } from './schema/grafana.js';

/** One layer of settings and where it was written (the config's or the project's call). */
export interface GrafanaLayer {
  grafana: GrafanaInput;
  source?: SourceRef | undefined;
}

export type DatasourceKind = 'prometheus' | 'loki' | 'tempo' | 'jaeger';

interface Connection {
  name: string;
  uid: string;
  url: string;
  /** The settings' call that configured it (for findings about its links). */
  source?: SourceRef;
}

/** A link to another data source, by uid. */
export interface DatasourceLink {
  uid: string;
  /** Named in the settings (checked), or the default (a configured data source). */
  explicit: boolean;
}

export interface TraceToLogsSettings {
  datasource: DatasourceLink;
  /** Span attribute → log label. */
  tags: ReadonlyArray<{ key: string; value: string }>;
  filterByTraceId: boolean;
  filterBySpanId: boolean;
  spanStartTimeShift: string;
  spanEndTimeShift: string;
}

export interface LokiSettings extends Connection {
  maxLines?: number;
  /** The derived field: the JSON field holding the trace id, linked to a traces data source. */
  traceLinks?: { field: string; datasource: DatasourceLink };
}
export interface TempoSettings extends Connection {
  traceToLogs?: TraceToLogsSettings;
  serviceMap: boolean;
}
export interface JaegerSettings extends Connection {
  traceToLogs?: TraceToLogsSettings;
}
export interface ExemplarSettings {
  label: string;
  datasource: DatasourceLink;
  /** The settings' call that set `exemplars` (for findings about the link). */
  source?: SourceRef;
}

export const DEFAULT_CONNECTIONS: Record<Exclude<DatasourceKind, 'prometheus'>, Omit<Connection, 'source'>> = {
  loki: { name: 'Loki', uid: 'loki', url: 'http://loki:3100' },
  tempo: { name: 'Tempo', uid: 'tempo', url: 'http://tempo:3200' },
  jaeger: { name: 'Jaeger', uid: 'jaeger', url: 'http://jaeger:16686' },
};

/** What OpenTelemetry clients and the Python logging of the Totem document write the trace id as. */
export const DEFAULT_TRACE_ID_FIELD = 'trace_id';
/** A span's `service.name` is the `service` label of its logs. */
export const DEFAULT_TRACE_TO_LOGS_TAGS = { 'service.name': 'service' } as const;
/** The logs of a span: from a minute before it starts to a minute after it ends. */
export const DEFAULT_SPAN_SHIFT = { start: '-1m', end: '1m' } as const;

type Kind = keyof typeof DEFAULT_CONNECTIONS;
type Input<K extends Kind> = NonNullable<NonNullable<GrafanaInput>[K]>;

/** The first layer that sets a field of the data source wins; undefined when no layer configures it. */
function layered<K extends Kind>(layers: readonly GrafanaLayer[], kind: K): { value: Input<K>; source?: SourceRef } | undefined {
  const present = layers.filter((l) => l.grafana?.[kind] !== undefined);
  if (present.length === 0) return undefined;
  const value = {} as Record<string, unknown>;
  for (const layer of [...present].reverse()) {
    for (const [key, v] of Object.entries(layer.grafana![kind]!)) if (v !== undefined) value[key] = v;
  }
  const source = present[0]!.source;
  return { value: value as Input<K>, ...(source ? { source } : {}) };
}

function connection(kind: Kind, value: { name?: string | undefined; uid?: string | undefined; url?: string | undefined }, source: SourceRef | undefined): Connection {
  const d = DEFAULT_CONNECTIONS[kind];
  return { name: value.name ?? d.name, uid: value.uid ?? d.uid, url: value.url ?? d.url, ...(source ? { source } : {}) };
}

/** A link: the uid named, or the default target when there is one. */
function link(named: string | undefined, fallback: string | undefined): DatasourceLink | undefined {
  if (named !== undefined) return { uid: named, explicit: true };
  return fallback === undefined ? undefined : { uid: fallback, explicit: false };
}

function traceToLogs(input: Input<'tempo'>['traceToLogs'], loki: string | undefined): TraceToLogsSettings | undefined {
  if (input === false) return undefined;
  const datasource = link(input?.datasource, loki);
  if (!datasource) return undefined;
  const tags = input?.tags ?? DEFAULT_TRACE_TO_LOGS_TAGS;
  return {
    datasource,
    tags: Object.entries(tags).map(([key, value]) => ({ key, value })),
    filterByTraceId: input?.filterByTraceId ?? true,
    filterBySpanId: input?.filterBySpanId ?? false,
    spanStartTimeShift: input?.spanStartTimeShift ?? DEFAULT_SPAN_SHIFT.start,
    spanEndTimeShift: input?.spanEndTimeShift ?? DEFAULT_SPAN_SHIFT.end,
  };
}

export interface ResolvedDatasources {
  loki?: LokiSettings;
  tempo?: TempoSettings;
  jaeger?: JaegerSettings;
  /** Prometheus exemplars → traces. */
  exemplars?: ExemplarSettings;
}

/** Loki, Tempo and Jaeger from the layers, linked to each other as their settings and defaults say. */
export function resolveDatasources(layers: readonly GrafanaLayer[]): ResolvedDatasources {
  const lokiIn = layered(layers, 'loki');
  const tempoIn = layered(layers, 'tempo');
  const jaegerIn = layered(layers, 'jaeger');
  const lokiUid = lokiIn ? connection('loki', lokiIn.value, undefined).uid : undefined;
  // Traces go to Tempo when there is one, else to Jaeger.
  const tracesUid = tempoIn ? connection('tempo', tempoIn.value, undefined).uid : jaegerIn ? connection('jaeger', jaegerIn.value, undefined).uid : undefined;
  const result: ResolvedDatasources = {};
  if (lokiIn) {
    const { maxLines, traceLinks } = lokiIn.value;
    const target = traceLinks === false ? undefined : link(traceLinks?.datasource, tracesUid);
    result.loki = {
      ...connection('loki', lokiIn.value, lokiIn.source),
      ...(maxLines !== undefined ? { maxLines } : {}),
      ...(target && traceLinks !== false ? { traceLinks: { field: traceLinks?.field ?? DEFAULT_TRACE_ID_FIELD, datasource: target } } : {}),
    };
  }
  if (tempoIn) {
    const logs = traceToLogs(tempoIn.value.traceToLogs, lokiUid);
    result.tempo = { ...connection('tempo', tempoIn.value, tempoIn.source), ...(logs ? { traceToLogs: logs } : {}), serviceMap: tempoIn.value.serviceMap ?? false };
  }
  if (jaegerIn) {
    const logs = traceToLogs(jaegerIn.value.traceToLogs, lokiUid);
    result.jaeger = { ...connection('jaeger', jaegerIn.value, jaegerIn.source), ...(logs ? { traceToLogs: logs } : {}) };
  }
  const exemplarsLayer = layers.find((l) => l.grafana?.datasource?.exemplars !== undefined);
  const exemplarsIn = exemplarsLayer?.grafana?.datasource?.exemplars;
  if (exemplarsIn !== false) {
    const target = link(exemplarsIn?.datasource, tracesUid);
    const source = exemplarsLayer?.source;
    if (target) result.exemplars = { label: exemplarsIn?.label ?? DEFAULT_TRACE_ID_FIELD, datasource: target, ...(source ? { source } : {}) };
  }
  return result;
}
