import type { Check } from './check.js';
import { at, ownerName } from './check.js';
import type { Catalogue, SeriesEntry } from '../model/catalogue.js';
import type { SelectorRef } from '../promql/analyze.js';

const COUNTER_FUNCTIONS = new Set(['rate', 'irate', 'increase', 'resets']);

/**
 * The mistake this check owns: a catalogue metric that is no counter (nor a histogram's or
 * summary's counter series) read by rate()-like `fn` as the nearest function or aggregation above
 * it, over a range (`rate(x[5m])`) or a subquery whose expression passes its values on
 * (`rate(x[5m:1m])`, `rate((x * 2)[5m:])`). promql/rate-on-recorded-gauge owns recorded series
 * and subqueries whose expression makes a gauge of something else (`rate(sum(x)[5m:])`), and
 * leaves these alone: one finding per mistake.
 */
export function nonCounterRead(s: SelectorRef, catalogue: Catalogue): { fn: string; entry: SeriesEntry } | undefined {
  const fn = s.enclosing[0];
  if (!fn || !COUNTER_FUNCTIONS.has(fn) || s.name === undefined) return undefined;
  const entry = catalogue.get(s.name);
  if (!entry || entry.counterLike || entry.record) return undefined;
  return { fn, entry };
}

export const promqlRateOnNonCounter: Check = {
  id: 'promql/rate-on-non-counter',
  severity: 'error',
  description: 'rate/irate/increase/resets only over counters (and histogram/summary _bucket, _sum, _count).',
  run({ expressions, catalogue }, report) {
    for (const e of expressions) {
      for (const s of e.analysis.selectors) {
        const read = nonCounterRead(s, catalogue);
        if (!read) continue;
        const { fn, entry } = read;
        const type = entry.metric?.type ?? 'series';
        report({
          message: `${ownerName(e)} applies ${fn}() to ${type} "${s.name}"; ${fn}() assumes a counter and reads every drop as a reset`,
          hint: type === 'gauge' ? 'for a gauge use deriv(), delta(), or avg_over_time()/max_over_time(); or declare the metric as a counter if it only goes up' : 'use the _bucket, _sum or _count series of the metric',
          ...at(e, s.from, s.to),
        });
      }
    }
  },
};
