/**
 * The data sources totem-mon provisions besides Prometheus (Loki, Tempo, Jaeger) and how they link
 * to each other: log line → trace, span → logs, exemplar → trace. Resolved from the layers of
 * `grafana` settings (totem-mon.config.ts first, then the project) field by field, with English
 * defaults. A link left to its default points at a data source that is configured, or is absent;
 * a link the user names keeps the uid given (the `dashboard/unknown-datasource` check verifies it).
 */
import type { SourceRef } from '../diagnostic.js';
import type { GrafanaInput } from './schema/grafana.js';
import { propertyBelow } from '../source-sites.js';

/** One layer of settings and where it was written (the config's or the project's call). */
export interface GrafanaLayer {
  grafana: GrafanaInput;
  source?: SourceRef | undefined;
}

export type DatasourceKind = 'prometheus' | 'loki' | 'tempo' | 'jaeger';

/**
 * Where a data source's name or uid comes from: the property that sets it (`grafana.loki.uid` in
 * totem-mon.config.ts or the project), or, for a default, the settings that configure the data
 * source (`grafana.loki`; Prometheus's, always provisioned: `grafana.datasource`, `grafana`, or
 * the project's definition when nothing configures it).
 */
export interface SettingSite {
  /** Set where it is written; false for a default. */
  explicit: boolean;
  /** The settings' path, e.g. ['grafana', 'loki', 'uid']. */
  path: string[];
  source?: SourceRef;
}

export interface Connection {
  name: string;
  uid: string;
  url: string;
  /** The settings' call that configured it (for findings about its links). */
  source?: SourceRef;
  /** Where its name and uid come from (for findings about data sources that clash). */
  sites?: { name: SettingSite; uid: SettingSite };
}

/** A link to another data source, by uid. */
export interface DatasourceLink {
  uid: string;
  /** Named in the settings (checked), or the default (a configured data source). */
  explicit: boolean;
  /** Where an explicit link is named (`grafana.tempo.traceToLogs.datasource` in the layer that sets it). */
  source?: SourceRef;
}

/** The property at `path` below a layer's call, located (src/source-sites.ts), when the layer has a source. */
function siteAt(layer: GrafanaLayer | undefined, path: string[], explicit: boolean): SettingSite {
  return { explicit, path, ...(layer?.source ? { source: propertyBelow(layer.source, path) } : {}) };
}

/**
 * Where a field of a data source's settings comes from: the first layer that sets it, else the first
 * that configures the data source (`settingsPath` below `grafana`), else `fallback`.
 */
export function fieldSite(layers: readonly GrafanaLayer[], settingsKey: 'datasource' | Kind, field: string, fallback?: () => SettingSite): SettingSite {
  const settings = (l: GrafanaLayer) => l.grafana?.[settingsKey] as Record<string, unknown> | false | undefined;
  const setting = layers.find((l) => { const s = settings(l); return typeof s === 'object' && s !== null && s[field] !== undefined; });
  if (setting) return siteAt(setting, ['grafana', settingsKey, field], true);
  const configuring = layers.find((l) => settings(l) !== undefined);
  if (configuring || !fallback) return siteAt(configuring, ['grafana', settingsKey], false);
  return fallback();
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

/** The connection, and where its name and uid come from in the layers. */
function sited(kind: Kind, layers: readonly GrafanaLayer[], value: Parameters<typeof connection>[1], source: SourceRef | undefined): Connection {
  return { ...connection(kind, value, source), sites: { name: fieldSite(layers, kind, 'name'), uid: fieldSite(layers, kind, 'uid') } };
}

/** Where an explicit link is named: `path` below `grafana` in the first layer that sets it. */
function linkSource(layers: readonly GrafanaLayer[], path: readonly string[]): SourceRef | undefined {
  const at = (l: GrafanaLayer) => path.reduce<unknown>((v, k) => (typeof v === 'object' && v !== null ? (v as Record<string, unknown>)[k] : undefined), l.grafana);
  const layer = layers.find((l) => at(l) !== undefined);
  return layer?.source ? propertyBelow(layer.source, ['grafana', ...path]) : undefined;
}

/** The link, with where it is named when it is named. */
function sitedLink(l: DatasourceLink | undefined, layers: readonly GrafanaLayer[], path: readonly string[]): DatasourceLink | undefined {
  if (!l?.explicit) return l;
  const source = linkSource(layers, path);
  return source ? { ...l, source } : l;
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

function sitedTraceToLogs(t: TraceToLogsSettings | undefined, layers: readonly GrafanaLayer[], kind: 'tempo' | 'jaeger'): TraceToLogsSettings | undefined {
  const datasource = sitedLink(t?.datasource, layers, [kind, 'traceToLogs', 'datasource']);
  return t && datasource ? { ...t, datasource } : t;
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
    const linked = sitedLink(target, layers, ['loki', 'traceLinks', 'datasource']);
    result.loki = {
      ...sited('loki', layers, lokiIn.value, lokiIn.source),
      ...(maxLines !== undefined ? { maxLines } : {}),
      ...(linked && traceLinks !== false ? { traceLinks: { field: traceLinks?.field ?? DEFAULT_TRACE_ID_FIELD, datasource: linked } } : {}),
    };
  }
  if (tempoIn) {
    const logs = sitedTraceToLogs(traceToLogs(tempoIn.value.traceToLogs, lokiUid), layers, 'tempo');
    result.tempo = { ...sited('tempo', layers, tempoIn.value, tempoIn.source), ...(logs ? { traceToLogs: logs } : {}), serviceMap: tempoIn.value.serviceMap ?? false };
  }
  if (jaegerIn) {
    const logs = sitedTraceToLogs(traceToLogs(jaegerIn.value.traceToLogs, lokiUid), layers, 'jaeger');
    result.jaeger = { ...sited('jaeger', layers, jaegerIn.value, jaegerIn.source), ...(logs ? { traceToLogs: logs } : {}) };
  }
  const exemplarsLayer = layers.find((l) => l.grafana?.datasource?.exemplars !== undefined);
  const exemplarsIn = exemplarsLayer?.grafana?.datasource?.exemplars;
  if (exemplarsIn !== false) {
    const target = sitedLink(link(exemplarsIn?.datasource, tracesUid), layers, ['datasource', 'exemplars', 'datasource']);
    const source = exemplarsLayer?.source;
    if (target) result.exemplars = { label: exemplarsIn?.label ?? DEFAULT_TRACE_ID_FIELD, datasource: target, ...(source ? { source } : {}) };
  }
  return result;
}
