import type { TargetLabel } from './metrics.js';
import type { Counter, Histogram, Summary, AnyMetric } from './metrics.js';
import type { Matchers } from './selector.js';

/**
 * Small PromQL builders over catalogue objects. They only write strings: the metric name comes
 * from the catalogue object, so renaming a metric renames it in every rule and panel.
 */

/** Tagged template: `promql\`rate(${errors}[5m])\`` interpolates catalogue metrics by name. */
export function promql(strings: TemplateStringsArray, ...values: Array<AnyMetric | string | number>): string {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += String(value) + (strings[i + 1] ?? '');
  });
  return out;
}

type CounterLike = Counter<string> | Histogram<string> | Summary<string>;

function overRange<L extends string>(fn: string, metric: Counter<L>, range: string, matchers?: Matchers<L | TargetLabel>): string {
  return `${fn}(${metric.select(matchers)}[${range}])`;
}

/** Per-second rate of a counter: `rate(name{…}[range])`. Default range `5m`. */
export function rate<L extends string>(metric: Counter<L>, range = '5m', matchers?: Matchers<L | TargetLabel>): string {
  return overRange('rate', metric, range, matchers);
}

/** Increase of a counter over the range. Default range `1h`. */
export function increase<L extends string>(metric: Counter<L>, range = '1h', matchers?: Matchers<L | TargetLabel>): string {
  return overRange('increase', metric, range, matchers);
}

/** `sum by (labels) (expr)`; without labels, `sum(expr)`. */
export function sumBy(labels: readonly string[], expr: string): string {
  return labels.length > 0 ? `sum by (${labels.join(', ')}) (${expr})` : `sum(${expr})`;
}

/** A ratio of two sums, e.g. errors / requests; both sides keep the same `by` labels so they match. */
export function ratio(numerator: string, denominator: string, by: readonly string[] = []): string {
  return `${sumBy(by, numerator)} / ${sumBy(by, denominator)}`;
}

export interface QuantileOptions<L extends string> {
  /** Range of the rate over buckets (default `5m`). */
  range?: string;
  /** Labels kept besides `le` (default none). */
  by?: readonly L[];
  matchers?: Matchers<L | TargetLabel>;
}

/** `histogram_quantile(q, sum by (le, …) (rate(name_bucket{…}[range])))`. */
export function histogramQuantile<L extends string>(q: number, metric: Histogram<L>, options: QuantileOptions<L> = {}): string {
  const range = options.range ?? '5m';
  const by = ['le', ...(options.by ?? [])];
  return `histogram_quantile(${q}, ${sumBy(by, `rate(${metric.bucket(options.matchers as Matchers<L | 'le' | TargetLabel> | undefined)}[${range}])`)})`;
}

export type { CounterLike };
