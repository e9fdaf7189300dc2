import type { SourceRef } from '../diagnostic.js';
import { captureSource } from './source.js';
import type { Ignore } from './lint.js';
import { renderSelector, type Matchers } from './selector.js';
import { typedExpr, type Expr } from './expr.js';
import { seriesName } from './metric-series.js';
import type { LabelsOfJob, ScrapeJob } from './scrape.js';

/** Any scrape job, whatever labels it adds. */
type AnyScrapeJob = ScrapeJob<string, string, string>;

export type MetricType = 'counter' | 'gauge' | 'histogram' | 'summary';

/**
 * Labels the scrape adds to every series, known to the types of every selector. Prometheus always
 * adds `job` and `instance`; the labels your scrape jobs attach (`scrapeJob({ labels: { cluster } })`)
 * are declared once for the project by augmenting this interface, in any file of the definitions:
 *
 * ```ts
 * declare module 'totem-mon' {
 *   interface TargetLabels { cluster: true }
 * }
 * ```
 *
 * Then `requests.select({ cluster: 'sp1' })` type-checks everywhere. The lint checks the same thing
 * at run time from the scrape jobs themselves (`promql/unknown-label`), so the type cannot promise a
 * label no scrape job attaches without `validate` saying so.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface TargetLabels {}

/** `job`, `instance` and the scrape labels declared in `TargetLabels`. */
export type TargetLabel = 'job' | 'instance' | (keyof TargetLabels & string);

/**
 * What PromQL selects by name, typed by the labels its series carry: a catalogue metric (its labels
 * and the target labels) or a recorded series (`record()`: the labels its expression keeps).
 * `rate()`, `increase()` and the metric panels take one of the right `type`.
 */
export interface Series<L extends string = string, T extends MetricType = MetricType> {
  readonly name: string;
  readonly type: T;
  /** Unit, used for Grafana panel units: `seconds`, `bytes`, `percent`, … */
  readonly unit?: string;
  /** PromQL selector on this series, e.g. `s.select({ status: 'ok' })`. */
  select(matchers?: Matchers<L>): Expr<L>;
  /** The series name, so `${series}` in a template string writes the name. */
  toString(): string;
}

/** The options of `counter`, `gauge`, `histogram` and `summary`. */
export interface MetricOptions<L extends string> {
  /** Full metric name as exposed, e.g. `http_requests_total`. */
  name: string;
  /** HELP text (kept as the application declares it). */
  help: string;
  /** Label names the application sets (target labels `job` and `instance` are always there). */
  labels?: readonly L[];
  /** Unit, used for Grafana panel units: `seconds`, `bytes`, `percent`, … (default none). */
  unit?: string;
  /** Name of the exporter that owns the metric (e.g. `node_exporter`). Default: ours. */
  exporter?: string;
  /**
   * The scrape jobs that scrape it. The labels they add (static labels, relabelings' target labels)
   * are then the metric's for the types (`select({ namespace })`, `sumBy(['namespace'], …)`) and, for
   * the lint, only theirs (without `jobs`, a label any job adds counts for every metric).
   */
  jobs?: readonly AnyScrapeJob[];
  /** Silences checks on this definition, each with the reason: `{ 'alert/naming': 'why' }` (see the README, Checks). */
  ignore?: Ignore;
}

export interface Metric<L extends string = string, T extends MetricType = MetricType> extends Series<L | TargetLabel, T> {
  readonly kind: 'metric';
  readonly help: string;
  readonly labels: readonly L[];
  readonly exporter?: string;
  readonly jobs?: readonly AnyScrapeJob[];
  readonly ignore?: Ignore;
  readonly source?: SourceRef;
}

export interface Counter<L extends string = string> extends Metric<L, 'counter'> {}
export interface Gauge<L extends string = string> extends Metric<L, 'gauge'> {}

export interface Histogram<L extends string = string> extends Metric<L, 'histogram'> {
  /** Upper bounds of the buckets, ascending (`+Inf` is implicit). */
  readonly buckets: readonly number[];
  /** Selector on the `_bucket` series (label `le` allowed). */
  bucket(matchers?: Matchers<L | 'le' | TargetLabel>): Expr<L | 'le' | TargetLabel>;
  sum(matchers?: Matchers<L | TargetLabel>): Expr<L | TargetLabel>;
  count(matchers?: Matchers<L | TargetLabel>): Expr<L | TargetLabel>;
}

export interface Summary<L extends string = string> extends Metric<L, 'summary'> {
  readonly quantiles: readonly number[];
  sum(matchers?: Matchers<L | TargetLabel>): Expr<L | TargetLabel>;
  count(matchers?: Matchers<L | TargetLabel>): Expr<L | TargetLabel>;
}

export type AnyMetric = Metric<string, MetricType>;

function base<L extends string, T extends MetricType>(type: T, options: MetricOptions<L>) {
  const { name } = options;
  return {
    kind: 'metric' as const,
    type,
    name,
    help: options.help,
    labels: options.labels ?? ([] as readonly L[]),
    ...(options.unit !== undefined ? { unit: options.unit } : {}),
    ...(options.exporter !== undefined ? { exporter: options.exporter } : {}),
    ...(options.jobs !== undefined ? { jobs: options.jobs } : {}),
    ...(options.ignore !== undefined ? { ignore: options.ignore } : {}),
    source: captureSource(),
    select: (matchers?: Matchers<L | TargetLabel>) => typedExpr<L | TargetLabel>(renderSelector(name, matchers)),
    toString: () => name,
  };
}

/** A monotonically increasing count. Its name must end in `_total`. */
export function counter<const L extends string = never, J extends AnyScrapeJob = never>(options: MetricOptions<L> & { jobs?: readonly J[] }): Counter<L | LabelsOfJob<J>> {
  return base<L | LabelsOfJob<J>, 'counter'>('counter', options);
}

/** A value that goes up and down (queue length, temperature). */
export function gauge<const L extends string = never, J extends AnyScrapeJob = never>(options: MetricOptions<L> & { jobs?: readonly J[] }): Gauge<L | LabelsOfJob<J>> {
  return base<L | LabelsOfJob<J>, 'gauge'>('gauge', options);
}

/** A distribution in buckets; its series are `<name>_bucket{le}`, `<name>_sum` and `<name>_count`. */
export function histogram<const L extends string = never, J extends AnyScrapeJob = never>(
  options: MetricOptions<L> & { buckets: readonly number[]; jobs?: readonly J[] },
): Histogram<L | LabelsOfJob<J>> {
  const m = base<L | LabelsOfJob<J>, 'histogram'>('histogram', options);
  const { name } = options;
  return {
    ...m,
    buckets: options.buckets,
    bucket: (matchers) => typedExpr(renderSelector(seriesName(name, '_bucket'), matchers)),
    sum: (matchers) => typedExpr(renderSelector(seriesName(name, '_sum'), matchers)),
    count: (matchers) => typedExpr(renderSelector(seriesName(name, '_count'), matchers)),
  };
}

/** Client-side quantiles; its series are `<name>{quantile}`, `<name>_sum` and `<name>_count`. */
export function summary<const L extends string = never, J extends AnyScrapeJob = never>(
  options: MetricOptions<L> & { quantiles?: readonly number[]; jobs?: readonly J[] },
): Summary<L | LabelsOfJob<J>> {
  const m = base<L | LabelsOfJob<J>, 'summary'>('summary', options);
  const { name } = options;
  return {
    ...m,
    quantiles: options.quantiles ?? [],
    sum: (matchers) => typedExpr(renderSelector(seriesName(name, '_sum'), matchers)),
    count: (matchers) => typedExpr(renderSelector(seriesName(name, '_count'), matchers)),
  };
}
