import type { Check } from './check.js';
import { at } from './check.js';
import { counterWords, readsAsCounter } from './counter-series.js';
import { COMPARED_BOOL, FILTER_ONLY, valueSteps, type ValueStep } from './value-steps.js';

// Functions that turn a counter's ever-growing total into something worth plotting, or only look
// at whether series exist. Anything else (sum, topk, histogram_quantile, …) keeps the raw total.
const COUNTER_AWARE = new Set([
  'rate', 'irate', 'increase', 'resets', 'changes', 'count', 'group', 'absent', 'absent_over_time',
  'present_over_time', 'count_over_time', 'timestamp',
]);

/**
 * Whether a selector's raw values reach what the panel shows: not through a counter-aware function,
 * nor as the right-hand side of `and`/`unless` (only its series' existence counts), nor through a
 * `bool` comparison (0 or 1).
 */
function shownRaw(path: readonly ValueStep[]): boolean {
  return !path.some((step) => COUNTER_AWARE.has(step) || step === FILTER_ONLY || step === COMPARED_BOOL);
}

export const dashboardCounterWithoutRate: Check = {
  id: 'dashboard/counter-without-rate',
  severity: 'warning',
  description: 'A panel shows a counter (or a histogram\'s _bucket/_sum/_count) through rate() or increase(), not as its raw total.',
  run({ expressions, catalogue }, report) {
    for (const e of expressions) {
      // A variable's label_values(counter, label) lists label values: no value of the counter is shown.
      if (e.context !== 'panel' || e.path[2] === 'variables') continue;
      let steps: Map<number, ValueStep[]> | undefined;
      for (const s of e.analysis.selectors) {
        const entry = s.name !== undefined ? catalogue.get(s.name) : undefined;
        // A counter, a histogram's _bucket/_sum/_count, or a recorded counter (a sum of counters).
        if (!entry || !readsAsCounter(entry)) continue;
        steps ??= valueSteps(e);
        const path = steps.get(s.from);
        if (path ? !shownRaw(path) : s.enclosing.some((fn) => COUNTER_AWARE.has(fn))) continue;
        report({
          message: `panel ${e.owner} (${e.path[1]}) shows the raw value of ${entry.metric ? `counter "${s.name}"` : counterWords(entry, false)}, a total since the process started that drops to 0 on restart`,
          hint: `plot rate(${s.name}[$__rate_interval]) (per second) or increase(${s.name}[$__range]) (in the time range)`,
          ...at(e, s.from, s.to),
        });
      }
    }
  },
};
