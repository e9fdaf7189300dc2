import type { Check } from './check.js';
import { at, ownerName } from './check.js';

const COUNTER_FUNCTIONS = new Set(['rate', 'irate', 'increase', 'resets']);

export const promqlRateOnNonCounter: Check = {
  id: 'promql/rate-on-non-counter',
  severity: 'error',
  description: 'rate/irate/increase/resets only over counters (and histogram/summary _bucket, _sum, _count).',
  run({ expressions, catalogue }, report) {
    for (const e of expressions) {
      for (const s of e.analysis.selectors) {
        const fn = s.enclosing[0];
        if (!fn || !COUNTER_FUNCTIONS.has(fn) || s.name === undefined) continue;
        const entry = catalogue.get(s.name);
        if (!entry || entry.counterLike || entry.record) continue;
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
