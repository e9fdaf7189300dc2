import type { SeriesEntry } from '../model/catalogue.js';

/**
 * Whether a series' raw value is a counter's: a catalogue counter, a histogram's or summary's
 * `_count`/`_sum`/`_bucket`, or a recorded series whose expression is a counter (a sum of counters,
 * a counter relabelled or scaled: its kind, inferred by src/promql/value-kind.ts). Recorded rates,
 * ratios and gauges are not.
 */
export function readsAsCounter(entry: SeriesEntry): boolean {
  return entry.metric ? entry.counterLike : entry.record !== undefined && entry.kind === 'counter';
}

/** `counter "x_total"`, `histogram series "x_count"`, `recorded counter "x:sum" (record: …)`, for messages. */
export function counterWords(entry: SeriesEntry, withRecord = true): string {
  if (entry.metric) return `${entry.metric.type === 'counter' ? 'counter' : `${entry.metric.type} series`} "${entry.name}"`;
  return `recorded counter "${entry.name}"${withRecord && entry.record ? ` (record: ${entry.record.expr})` : ''}`;
}
