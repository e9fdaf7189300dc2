import type { DatasourceRef, Panel, PanelOptions } from './panels.js';
import { captureSource } from './source.js';

/**
 * Logs and traces panels: a LogQL query on a Loki data source, a TraceQL search or a trace id on
 * Tempo (or a trace id or search on Jaeger). Without `datasource` they use the dashboard's `${loki}`,
 * `${tempo}` or `${jaeger}` variable, which is added to the dashboard and defaults to the data source
 * the project configures (`grafana.loki`, `grafana.tempo`, `grafana.jaeger`).
 */

/** A logs panel's query and how it shows the lines. */
export interface LogsQuery {
  /** LogQL log query: a stream selector and a pipeline, e.g. `{service="api"} | json | level="ERROR"`. */
  readonly expr: string;
  /** Most lines fetched (default: the data source's `maxLines`). */
  readonly maxLines?: number;
  /** Hide repeated lines: exact, ignoring numbers, or by signature (default none). */
  readonly dedup?: 'none' | 'exact' | 'numbers' | 'signature';
  /** Wrap long lines (default false). */
  readonly wrap?: boolean;
  /** Newest first (default) or oldest first. */
  readonly order?: 'newest' | 'oldest';
  /** Show each line's time (default true). */
  readonly showTime?: boolean;
  /** Show each line's unique labels (default false). */
  readonly showLabels?: boolean;
  /** Pretty-print JSON lines (default false). */
  readonly prettify?: boolean;
}

/** A traces panel's query: a TraceQL search (Tempo), a Jaeger search, or one trace by id (either). */
export type TracesQuery =
  | {
      /** TraceQL, e.g. `{ name = "checkout" && duration > 2s }`: the matching traces, as a table. */
      readonly traceql: string;
      /** Most traces listed (default 20, Grafana's). */
      readonly limit?: number;
    }
  | {
      /** One trace (a hex id, or a variable such as `$traceId`), drawn as Grafana's trace view. */
      readonly traceId: string;
    }
  | {
      /** Jaeger search: the service's traces, as a table. */
      readonly service: string;
      readonly operation?: string;
      /** Only traces at least (at most) this long, e.g. `1s`, `500ms`. */
      readonly minDuration?: string;
      readonly maxDuration?: string;
      readonly limit?: number;
    };

/** What every panel takes, less the PromQL targets and what only metric panels read. */
type QueryPanelOptions = Omit<
  PanelOptions,
  'targets' | 'unit' | 'min' | 'max' | 'decimals' | 'thresholds' | 'thresholdsMode' | 'legend' | 'stack' | 'mappings' | 'overrides' | 'reduce' | 'colorMode' | 'graphMode' | 'pieType' | 'content' | 'mode' | 'plugin'
>;

export interface LogsPanelOptions extends QueryPanelOptions, LogsQuery {
  /** Default: the `${loki}` variable (the configured Loki data source). */
  datasource?: DatasourceRef;
}

export type TracesPanelOptions = QueryPanelOptions & {
  /** What to show: `{ traceql }`, `{ traceId }` or a Jaeger `{ service, … }` search. */
  query: TracesQuery;
  /** Default: the `${tempo}` variable, or `${jaeger}` for a Jaeger search (the configured data source). */
  datasource?: DatasourceRef;
};

/** Log lines of a LogQL query, from Loki: `logsPanel({ title, expr: '{service="api"} | json | level="ERROR"' })`. */
export function logsPanel(options: LogsPanelOptions): Panel {
  const { expr, maxLines, dedup, wrap, order, showTime, showLabels, prettify, ...rest } = options;
  const logs: LogsQuery = {
    expr,
    ...(maxLines !== undefined ? { maxLines } : {}),
    ...(dedup !== undefined ? { dedup } : {}),
    ...(wrap !== undefined ? { wrap } : {}),
    ...(order !== undefined ? { order } : {}),
    ...(showTime !== undefined ? { showTime } : {}),
    ...(showLabels !== undefined ? { showLabels } : {}),
    ...(prettify !== undefined ? { prettify } : {}),
  };
  return { kind: 'panel', type: 'logs', ...rest, targets: [], logs, source: captureSource() };
}

/** Traces from Tempo or Jaeger: a TraceQL search or a Jaeger search as a table, one trace by id as the trace view. */
export function tracesPanel(options: TracesPanelOptions): Panel {
  const { query, ...rest } = options;
  return { kind: 'panel', type: 'traces', ...rest, targets: [], traces: query, source: captureSource() };
}
