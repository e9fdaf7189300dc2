import type { Check } from './check.js';
import { at } from './check.js';
import { alertExpressions } from './rules-select.js';
import { counterWords, readsAsCounter } from './counter-series.js';
import { COMPARED, COMPARED_BOOL, FILTER_ONLY, valueSteps, type ValueStep } from './value-steps.js';

// Wrapping a counter in only these still leaves its raw, ever-growing value.
// (count and group only count series: the counter's value does not matter there.)
// (max/min/avg/quantile_over_time of a counter are its raw values over the range: as raw; the
// label and selection functions change labels or pick series, never values.)
const TRANSPARENT = new Set([
  'sum', 'max', 'min', 'avg', 'quantile', 'topk', 'bottomk', 'limitk', 'limit_ratio', 'abs', 'ceil', 'floor', 'round', 'sort', 'sort_desc',
  'sort_by_label', 'sort_by_label_desc', 'label_replace', 'label_join', 'clamp', 'clamp_max', 'clamp_min',
  'last_over_time', 'first_over_time', 'max_over_time', 'min_over_time', 'avg_over_time', 'quantile_over_time',
]);

/**
 * Whether a selector's raw values reach a comparison: through functions that keep them only, up to
 * the innermost comparison (`count(x_total > 5)` compares them; what `count` makes of it after does
 * not matter), never through the right-hand side of `and`/`unless` (only its series' existence counts).
 */
function comparedRaw(path: readonly ValueStep[]): boolean {
  for (const step of path) {
    if (step === COMPARED || step === COMPARED_BOOL) return true;
    if (step === FILTER_ONLY || !TRANSPARENT.has(step)) return false;
  }
  return false;
}

export const promqlCounterComparedRaw: Check = {
  id: 'promql/counter-compared-raw',
  severity: 'warning',
  description: 'An alert compares a rate or increase of a counter (or of a histogram\'s or summary\'s _count/_sum/_bucket, or of a recorded counter), not its raw value (which only grows and resets on restart).',
  run(context, report) {
    for (const { alert, e } of alertExpressions(context)) {
      if (e.analysis.comparisons.length === 0) continue;
      let steps: Map<number, ValueStep[]> | undefined;
      for (const s of e.analysis.selectors) {
        const entry = s.name !== undefined ? context.catalogue.get(s.name) : undefined;
        // A counter, a histogram's or summary's _count/_sum/_bucket series (they count too), or a recorded counter.
        if (!entry || !readsAsCounter(entry)) continue;
        // A range selector is the argument of its function itself (a comparison between them would
        // compare a range vector: a type error), so a function that makes something else of its
        // values (`rate(x[5m])`: most reads of a counter) ends their way before any comparison.
        if (s.range !== undefined && s.enclosing.length > 0 && !TRANSPARENT.has(s.enclosing[0]!) && e.analysis.typeErrors.length === 0) continue;
        steps ??= valueSteps(e);
        const path = steps.get(s.from);
        if (path ? !comparedRaw(path) : !s.enclosing.every((fn) => TRANSPARENT.has(fn))) continue;
        report({
          message: `alert ${alert.name} compares the raw value of ${counterWords(entry, false)}, which only grows (and drops to 0 on restart)`,
          hint: `compare rate(${s.name}[5m]) or increase(${s.name}[1h]) instead`,
          ...at(e, s.from, s.to),
        });
      }
    }
  },
};
