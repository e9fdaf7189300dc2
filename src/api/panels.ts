import type { TargetLabel } from './metrics.js';
import type { SourceRef } from '../diagnostic.js';
import type { Histogram, Series } from './metrics.js';
import type { Matchers } from './selector.js';
import { captureSource } from './source.js';
import { seeQueries } from './expressions-seen.js';
import type { Ignore } from './lint.js';
import type { FieldOverride, Link, Repeat, Transformation, ValueMapping } from './panel-options.js';
import type { SdkPlugin } from './sdk-panel.js';
import type { LogsQuery, TracesQuery } from './logs-traces.js';
import { histogramQuantile, rate, sumBy } from './promql.js';

/**
 * Panels of a dashboard. Plain objects with `kind: 'panel'` and a Grafana panel `type`; the
 * Grafana JSON is made from them by the compiler (src/compile/grafana/), never here.
 */

export type PanelType =
  | 'timeseries'
  | 'gauge'
  | 'stat'
  | 'table'
  | 'bargauge'
  | 'heatmap'
  | 'histogram'
  | 'piechart'
  | 'state-timeline'
  | 'status-history'
  | 'text'
  /** Log lines from Loki (`logsPanel`): the LogQL query is in `logs`. */
  | 'logs'
  /** Traces from Tempo or Jaeger (`tracesPanel`): the query is in `traces`. */
  | 'traces'
  /** A panel built with the Grafana SDK (`sdkPanel`): its plugin type is in `plugin.type`. */
  | 'sdk';

/** A data source reference. Leave it out: every panel and target then uses the `${datasource}` variable. */
export interface DatasourceRef {
  type: string;
  uid: string;
}

export interface Target {
  /** PromQL; Grafana variables (`$job`, `$__rate_interval`) are allowed. */
  expr: string;
  /** Series name in the legend, e.g. `{{status}}`. */
  legendFormat?: string;
  /** One value per series at the end of the range (default: table panels instant, others range). */
  instant?: boolean;
  /** Result format (default: `table` for table panels, `heatmap` for heatmaps, else `time_series`). */
  format?: 'time_series' | 'table' | 'heatmap';
  datasource?: DatasourceRef;
  /** Query id for overrides by query (default A, B, C, … in order). */
  refId?: string;
  /**
   * Draw the series' exemplars (trace ids Prometheus keeps with a histogram's buckets) as points
   * that link to their trace (default false; Prometheus needs `--enable-feature=exemplar-storage`).
   */
  exemplar?: boolean;
}

/** A threshold step: the first one (without `value`) is the base colour. */
export interface ThresholdStep {
  value?: number;
  color: string;
}

export interface Legend {
  show?: boolean;
  placement?: 'bottom' | 'right';
  mode?: 'list' | 'table';
  /** Values shown next to each series, e.g. ['mean', 'max', 'lastNotNull']. */
  calcs?: readonly string[];
}

/** Position on Grafana's grid: 24 columns wide, heights in rows of 30px. */
export interface GridPos {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface PanelOptions {
  title: string;
  description?: string;
  /** Grafana unit id: `s`, `bytes`, `percent`, `ops`, `reqps`, `short`, … */
  unit?: string;
  min?: number;
  max?: number;
  decimals?: number;
  thresholds?: readonly ThresholdStep[];
  thresholdsMode?: 'absolute' | 'percentage';
  legend?: Legend;
  targets: readonly Target[];
  /** Explicit position; without it the panel is placed after the previous one. */
  gridPos?: GridPos;
  /** Width in grid columns (1–24) and height in grid rows, for automatic layout. */
  width?: number;
  height?: number;
  datasource?: DatasourceRef;
  /** Timeseries: stack the series. */
  stack?: boolean;
  /** No panel background. */
  transparent?: boolean;
  /** The panel's own time range, relative to now, instead of the dashboard's: `now/d` (today so far), `24h`. */
  timeFrom?: string;
  /** Values shown as texts (and colours), e.g. `upDownMappings()`. */
  mappings?: readonly ValueMapping[];
  /** Settings for some series only, matched by name, regex or query. */
  overrides?: readonly FieldOverride[];
  /** Links in the panel header: URLs, dashboards (`linkTo(d)`), runbooks (`runbookLink(alert)`). */
  links?: readonly Link[];
  /** Links on the values (data links); `${__field.labels.instance}` and the like are filled in by Grafana. */
  dataLinks?: readonly Link[];
  /** Table and other panels: transformations of the query results, in order. */
  transformations?: readonly Transformation[];
  /** One copy of the panel per selected value of a (multi-value) variable. */
  repeat?: Repeat;
  /** Stat, gauge, bar gauge, pie: how a series becomes one value (default the last non-null). */
  reduce?: 'lastNotNull' | 'last' | 'mean' | 'max' | 'min' | 'sum' | 'count';
  /** Stat: colour the value, the background, or nothing (default value). */
  colorMode?: 'value' | 'background' | 'none';
  /** Stat: draw the series behind the value (default area). */
  graphMode?: 'area' | 'none';
  /** Pie chart: pie or donut (default pie). */
  pieType?: 'pie' | 'donut';
  /** Text panel: its Markdown (or HTML) content. */
  content?: string;
  /** Text panel: how `content` is read (default markdown). */
  mode?: 'markdown' | 'html';
  /** SDK panel (`sdkPanel`): the plugin type, options, field config and transformations the SDK built. */
  plugin?: SdkPlugin;
  /** Silences checks on this definition, each with the reason: `{ 'alert/naming': 'why' }` (see the README, Checks). */
  ignore?: Ignore;
}

export interface Panel extends Readonly<PanelOptions> {
  readonly kind: 'panel';
  readonly type: PanelType;
  /** Logs panel: its LogQL query and display options (`logsPanel`). */
  readonly logs?: LogsQuery;
  /** Traces panel: its query (`tracesPanel`). */
  readonly traces?: TracesQuery;
  readonly source?: SourceRef;
}

export interface RowOptions {
  title: string;
  /** Collapsed rows hold their panels until opened (default false). */
  collapsed?: boolean;
  /** One copy of the row (and its panels) per selected value of a variable. */
  repeat?: Pick<Repeat, 'variable'>;
  panels: readonly Panel[];
  /** Silences checks on this definition, each with the reason: `{ 'alert/naming': 'why' }` (see the README, Checks). */
  ignore?: Ignore;
}

export interface Row extends Readonly<RowOptions> {
  readonly kind: 'row';
  readonly source?: SourceRef;
}

function panel(type: PanelType, options: PanelOptions, source: SourceRef | undefined): Panel {
  const made: Panel = { kind: 'panel', type, ...options, source };
  seeQueries(made.targets);
  return made;
}

// One builder per panel type; `graph` is gone from Grafana, use timeseriesPanel.
export const timeseriesPanel = (options: PanelOptions): Panel => panel('timeseries', options, captureSource());
export const gaugePanel = (options: PanelOptions): Panel => panel('gauge', options, captureSource());
export const statPanel = (options: PanelOptions): Panel => panel('stat', options, captureSource());
export const tablePanel = (options: PanelOptions): Panel => panel('table', options, captureSource());
export const barGaugePanel = (options: PanelOptions): Panel => panel('bargauge', options, captureSource());
export const heatmapPanel = (options: PanelOptions): Panel => panel('heatmap', options, captureSource());
export const histogramPanel = (options: PanelOptions): Panel => panel('histogram', options, captureSource());
export const pieChartPanel = (options: PanelOptions): Panel => panel('piechart', options, captureSource());
export const stateTimelinePanel = (options: PanelOptions): Panel => panel('state-timeline', options, captureSource());
export const statusHistoryPanel = (options: PanelOptions): Panel => panel('status-history', options, captureSource());

/** Markdown (or HTML) text: notes, instructions, links. No queries. */
export function textPanel(options: Omit<PanelOptions, 'targets'> & { content: string }): Panel {
  return panel('text', { ...options, targets: [] }, captureSource());
}

export function row(options: RowOptions): Row {
  return { kind: 'row', ...options, source: captureSource() };
}

// ---- One-line panels from catalogue objects: the metric name comes from the object. ----

/** Grafana's unit for a catalogue unit (`seconds` → `s`); other values pass through. */
export function grafanaUnit(unit: string | undefined): string | undefined {
  const map: Record<string, string> = { seconds: 's', milliseconds: 'ms', bytes: 'bytes', percent: 'percent', ratio: 'percentunit' };
  return unit === undefined ? undefined : (map[unit] ?? unit);
}

/** The options of the one-line panels: `by` and `matchers` are typed by the series' labels. */
export interface MetricPanelOptions<L extends string> extends Omit<PanelOptions, 'targets'> {
  /** Labels kept in the result (one series each); default none (one series). */
  by?: readonly L[];
  /** Label matchers, e.g. `{ job: re('$job') }` for a multi-value variable. */
  matchers?: Matchers<L>;
  /** Default: the `by` labels, e.g. `{{status}} {{method}}`, or the panel title. */
  legendFormat?: string;
}

function byLegend(by: readonly string[] | undefined, fallback: string): string {
  return by && by.length > 0 ? by.map((l) => `{{${l}}}`).join(' ') : fallback;
}

function rest<L extends string>(options: MetricPanelOptions<L>): PanelOptions & { targets: [] } {
  const { by: _by, matchers: _matchers, legendFormat: _legend, ...panelOptions } = options;
  return { ...panelOptions, targets: [] };
}

/**
 * Per-second rate of a counter (or a recorded counter), summed by `by`:
 * `sum by (…) (rate(name{…}[$__rate_interval]))`.
 */
export function ratePanel<L extends string>(
  metric: Series<L, 'counter'>,
  options: MetricPanelOptions<NoInfer<L>> & { type?: 'timeseries' | 'stat' | 'bargauge' },
): Panel {
  const { type = 'timeseries', ...o } = options;
  const expr = sumBy(o.by ?? [], rate(metric, '$__rate_interval', o.matchers));
  const unit = metric.unit === 'bytes' ? 'Bps' : 'ops';
  return panel(type, { unit, ...rest(o), targets: [{ expr, legendFormat: o.legendFormat ?? byLegend(o.by, o.title) }] }, captureSource());
}

/**
 * Quantiles of a histogram over time (default p50, p95, p99), from its `_bucket` series keeping `le`;
 * `exemplars: true` draws the trace ids kept with its buckets.
 */
export function quantilesPanel<L extends string>(
  metric: Histogram<L>,
  options: MetricPanelOptions<NoInfer<L> | TargetLabel> & { quantiles?: readonly number[]; exemplars?: boolean },
): Panel {
  const { quantiles = [0.5, 0.95, 0.99], exemplars, ...o } = options;
  const targets = quantiles.map((q) => {
    const p = `p${Math.round(q * 1000) / 10}`;
    return {
      expr: histogramQuantile(q, metric, { range: '$__rate_interval', ...(o.by ? { by: o.by } : {}), ...(o.matchers ? { matchers: o.matchers } : {}) }),
      legendFormat: o.legendFormat ? `${p} ${o.legendFormat}` : o.by?.length ? `${p} ${byLegend(o.by, '')}` : p,
      ...(exemplars ? { exemplar: true } : {}),
    };
  });
  const unit = grafanaUnit(metric.unit);
  return panel('timeseries', { ...(unit ? { unit } : {}), ...rest(o), targets }, captureSource());
}

/** Heatmap of a histogram's buckets over time: `sum by (le) (rate(name_bucket{…}[$__rate_interval]))`. */
export function histogramHeatmapPanel<L extends string>(
  metric: Histogram<L>,
  options: Omit<MetricPanelOptions<NoInfer<L> | TargetLabel>, 'by' | 'legendFormat'> & { exemplars?: boolean },
): Panel {
  const { exemplars, ...o } = options;
  const expr = sumBy(['le'], `rate(${metric.bucket(o.matchers as Matchers<L | TargetLabel | 'le'> | undefined)}[$__rate_interval])`);
  const unit = grafanaUnit(metric.unit);
  return panel(
    'heatmap',
    { ...(unit ? { unit } : {}), ...rest(o), targets: [{ expr, legendFormat: '{{le}}', format: 'heatmap', ...(exemplars ? { exemplar: true } : {}) }] },
    captureSource(),
  );
}

/** Current value of a gauge (or a recorded gauge), aggregated by `by` (default `sum`), as a stat (or gauge, timeseries, bar gauge). */
export function currentValuePanel<L extends string>(
  metric: Series<L, 'gauge'>,
  options: MetricPanelOptions<NoInfer<L>> & { type?: 'stat' | 'gauge' | 'timeseries' | 'bargauge'; aggregate?: 'sum' | 'avg' | 'max' | 'min' },
): Panel {
  const { type = 'stat', aggregate = 'sum', ...o } = options;
  const selector = metric.select(o.matchers);
  const expr = aggregate === 'sum' ? sumBy(o.by ?? [], selector) : `${aggregate}${o.by?.length ? ` by (${o.by.join(', ')})` : ''} (${selector})`;
  const unit = grafanaUnit(metric.unit);
  return panel(type, { ...(unit ? { unit } : {}), ...rest(o), targets: [{ expr, legendFormat: o.legendFormat ?? byLegend(o.by, o.title) }] }, captureSource());
}
