import type { Histogram, Series, TargetLabel } from './metrics.js';
import type { Matchers } from './selector.js';
import { typedExpr, type Expr, type ExprInput } from './expr.js';

/**
 * Small PromQL builders over catalogue objects and recorded series. They only write strings: the
 * name comes from the object, so renaming a metric or a recording rule renames it in every rule and
 * panel. Each returns an `Expr` typed by the labels its result keeps, so the `by` lists of the next
 * builder are checked against them (a label the expression lost is a type error).
 */

/** Tagged template: `promql\`rate(${errors}[5m])\`` interpolates catalogue metrics and recorded series by name. */
export function promql(strings: TemplateStringsArray, ...values: Array<Series | string | number>): string {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += String(value) + (strings[i + 1] ?? '');
  });
  return out;
}

function overRange<L extends string>(fn: string, series: Series<L, 'counter'>, range: string, matchers?: Matchers<L>): Expr<L> {
  return typedExpr(`${fn}(${series.select(matchers)}[${range}])`);
}

/**
 * Per-second rate of a counter, or of a recorded series declared `type: 'counter'`:
 * `rate(name{…}[range])`. Default range `5m`. A gauge (or a recorded gauge) is a type error.
 */
export function rate<L extends string>(series: Series<L, 'counter'>, range = '5m', matchers?: Matchers<NoInfer<L>>): Expr<L> {
  return overRange('rate', series, range, matchers);
}

/** Increase of a counter (or a recorded counter) over the range. Default range `1h`. */
export function increase<L extends string>(series: Series<L, 'counter'>, range = '1h', matchers?: Matchers<NoInfer<L>>): Expr<L> {
  return overRange('increase', series, range, matchers);
}

/**
 * `sum by (labels) (expr)`; without labels, `sum(expr)`. The labels must be ones `expr` keeps
 * (any label when `expr` is a hand-written string); the result keeps only them.
 */
export function sumBy<const K extends L, L extends string = string>(labels: readonly K[], expr: ExprInput<L>): Expr<K> {
  return typedExpr(labels.length > 0 ? `sum by (${labels.join(', ')}) (${expr})` : `sum(${expr})`);
}

/**
 * A ratio of two sums, e.g. errors / requests; both sides keep the same `by` labels so they match,
 * so `by` may only name labels both sides keep.
 */
export function ratio<const K extends N & D, N extends string = string, D extends string = string>(
  numerator: ExprInput<N>,
  denominator: ExprInput<D>,
  by: readonly K[] = [],
): Expr<K> {
  return typedExpr(`${sumBy(by, numerator)} / ${sumBy(by, denominator)}`);
}

/** The options of `histogramQuantile`: `by` and `matchers` are typed by the histogram's labels. */
export interface QuantileOptions<L extends string, K extends L | TargetLabel = L | TargetLabel> {
  /** Range of the rate over buckets (default `5m`). */
  range?: string;
  /** Labels kept besides `le` (default none). */
  by?: readonly K[];
  matchers?: Matchers<L | TargetLabel>;
}

/** `histogram_quantile(q, sum by (le, …) (rate(name_bucket{…}[range])))`; the result keeps the `by` labels. */
export function histogramQuantile<L extends string, const K extends L | TargetLabel = never>(
  q: number,
  metric: Histogram<L>,
  options: QuantileOptions<NoInfer<L>, K> = {},
): Expr<K> {
  const range = options.range ?? '5m';
  const by = ['le' as const, ...(options.by ?? [])];
  return typedExpr(`histogram_quantile(${q}, ${sumBy(by, `rate(${metric.bucket(options.matchers as Matchers<L | TargetLabel | 'le'> | undefined)}[${range}])`)})`);
}
