import type { MetricType } from './metrics.js';

/**
 * The series a catalogue metric is exposed as: a counter or gauge is one series of its name; a
 * histogram is `_bucket{le}`, `_sum` and `_count`; a summary is `{quantile}`, `_sum` and `_count`.
 * The only place that says so: selectors, the lint catalogue and its clash check read it here.
 */
export type SeriesSuffix = '' | '_bucket' | '_sum' | '_count';

export interface SeriesPart {
  suffix: SeriesSuffix;
  /** Only goes up (safe for rate/increase): counters, and the buckets, sums and counts of distributions. */
  counterLike: boolean;
  /** The label this series has beyond the metric's own: `le` on buckets, `quantile` on a summary. */
  extraLabel?: 'le' | 'quantile';
}

const PARTS: Record<MetricType, readonly SeriesPart[]> = {
  counter: [{ suffix: '', counterLike: true }],
  gauge: [{ suffix: '', counterLike: false }],
  histogram: [
    { suffix: '_bucket', counterLike: true, extraLabel: 'le' },
    { suffix: '_sum', counterLike: true },
    { suffix: '_count', counterLike: true },
  ],
  summary: [
    { suffix: '', counterLike: false, extraLabel: 'quantile' },
    { suffix: '_sum', counterLike: true },
    { suffix: '_count', counterLike: true },
  ],
};

export function seriesName(metricName: string, suffix: SeriesSuffix): string {
  return `${metricName}${suffix}`;
}

/** Every series of a metric, in exposition order, with its name. */
export function metricSeries(metric: { type: MetricType; name: string }): Array<SeriesPart & { name: string }> {
  return PARTS[metric.type].map((part) => ({ ...part, name: seriesName(metric.name, part.suffix) }));
}

/** One series per label set of the metric, without an extra label (histograms and summaries: `_count`). */
export function labelSetSeries(metric: { type: MetricType; name: string }): string {
  const parts = metricSeries(metric).filter((p) => p.extraLabel === undefined);
  return parts[parts.length - 1]!.name;
}
