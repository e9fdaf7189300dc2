import type { Check } from './check.js';
import { at, ownerName } from './check.js';

/**
 * Functions for gauges over a counter (or a histogram's or summary's _count/_sum/_bucket): they read
 * the raw, ever-growing value and see every restart as a drop. `delta`/`idelta`/`deriv` are
 * `increase`/`irate`/`rate` without the reset handling; `predict_linear` and the smoothing
 * functions extrapolate the raw total; `sum_over_time` adds up running totals.
 */
const GAUGE_FUNCTIONS: Record<string, string> = {
  delta: 'increase',
  idelta: 'irate',
  deriv: 'rate',
  predict_linear: 'rate',
  holt_winters: 'rate',
  double_exponential_smoothing: 'rate',
  sum_over_time: 'increase',
};

export const promqlGaugeFunctionOnCounter: Check = {
  id: 'promql/gauge-function-on-counter',
  severity: 'warning',
  description: 'delta, idelta, deriv, predict_linear, holt_winters and sum_over_time read gauges; over a counter they see each restart as a drop (use rate/increase).',
  run({ expressions, catalogue }, report) {
    for (const e of expressions) {
      for (const s of e.analysis.selectors) {
        const fn = s.enclosing[0];
        const instead = fn !== undefined ? GAUGE_FUNCTIONS[fn] : undefined;
        if (!instead || s.name === undefined || !catalogue.get(s.name)?.counterLike) continue;
        report({
          message: `${ownerName(e)} applies ${fn}() to counter "${s.name}": ${fn} is for gauges, and reads every restart of the counter as a drop`,
          hint: fn === 'predict_linear' || fn === 'holt_winters' || fn === 'double_exponential_smoothing' || fn === 'deriv'
            ? `work on its rate: ${fn === 'deriv' ? `rate(${s.name}[…])` : `${fn}(rate(${s.name}[5m])[1h:1m], …)`}`
            : `use ${instead}(${s.name}[…]), which handles counter resets`,
          ...at(e, s.from, s.to),
        });
      }
    }
  },
};
