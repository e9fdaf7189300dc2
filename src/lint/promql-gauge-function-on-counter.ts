import type { Check } from './check.js';
import { at, ownerName } from './check.js';
import { callArgument } from '../promql/analyze.js';
import { firstExpressionOf } from '../promql/parse.js';
import { nodeValueKind } from '../promql/value-kind.js';
import { counterWords, readsAsCounter } from './counter-series.js';
import { selectorsReadDirectly } from './read-directly.js';
import type { Catalogue } from '../model/catalogue.js';
import type { SelectorRef } from '../promql/analyze.js';

/**
 * Functions for gauges over a counter (or a histogram's or summary's _count/_sum/_bucket, or a
 * recorded series whose expression is a counter): they read the raw, ever-growing value and see
 * every restart as a drop. `delta`/`idelta`/`deriv` are `increase`/`irate`/`rate` without the reset
 * handling; `predict_linear` and the smoothing functions extrapolate the raw total; `sum_over_time`
 * adds up running totals. Over a subquery, its expression's kind decides (`deriv(sum(x_total)[1h:1m])`).
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

const EXTRAPOLATING = new Set(['predict_linear', 'holt_winters', 'double_exponential_smoothing', 'deriv']);

function hintFor(fn: string, instead: string, series: string): string {
  return EXTRAPOLATING.has(fn)
    ? `work on its rate: ${fn === 'deriv' ? `rate(${series}[…])` : `${fn}(rate(${series}[5m])[1h:1m], …)`}`
    : `use ${instead}(${series}[…]), which handles counter resets`;
}

/** The function this check reports on a selector (a counter read by a gauge function as the nearest step above it), or undefined. */
export function gaugeFunctionOnCounter(s: SelectorRef, catalogue: Catalogue): string | undefined {
  const fn = s.enclosing[0];
  const entry = s.name !== undefined ? catalogue.get(s.name) : undefined;
  return fn !== undefined && GAUGE_FUNCTIONS[fn] !== undefined && entry && readsAsCounter(entry) ? fn : undefined;
}

/** Whether a gauge function of GAUGE_FUNCTIONS is named `fn`. */
export const isGaugeFunction = (fn: string): boolean => GAUGE_FUNCTIONS[fn] !== undefined;

export const promqlGaugeFunctionOnCounter: Check = {
  id: 'promql/gauge-function-on-counter',
  severity: 'warning',
  description: 'delta, idelta, deriv, predict_linear, holt_winters and sum_over_time read gauges; over a counter (also a recorded one, or a subquery of one) they see each restart as a drop (use rate/increase).',
  run({ expressions, catalogue }, report) {
    const kindOf = (name: string) => catalogue.get(name)?.kind ?? 'unknown';
    for (const e of expressions) {
      for (const s of e.analysis.selectors) {
        const fn = gaugeFunctionOnCounter(s, catalogue);
        const instead = fn !== undefined ? GAUGE_FUNCTIONS[fn] : undefined;
        const entry = s.name !== undefined ? catalogue.get(s.name) : undefined;
        if (!instead || !entry) continue;
        report({
          message: `${ownerName(e)} applies ${fn}() to ${entry.metric ? `counter "${s.name}"` : counterWords(entry)}: ${fn} is for gauges, and reads every restart of the counter as a drop`,
          hint: hintFor(fn!, instead, s.name!),
          ...at(e, s.from, s.to),
        });
      }
      // deriv(<expression>[1h:1m]): the subquery's expression is a counter (a sum of counters, …).
      for (const call of e.analysis.calls) {
        const instead = GAUGE_FUNCTIONS[call.name];
        if (!instead || !call.argKinds.includes('SubqueryExpr')) continue;
        const index = call.argKinds.indexOf('SubqueryExpr');
        const argument = callArgument(call, index);
        if (!argument) continue;
        const { tree, node } = argument;
        const inner = firstExpressionOf(tree, node);
        if (inner < 0) continue;
        // A counter the call reads straight through (`deriv(x_total[1h:1m])`, `deriv((2 * x_total)[1h:1m])`) is the selector's finding above.
        if (selectorsReadDirectly(e, call, tree.from(inner), tree.to(inner)).some((s) => gaugeFunctionOnCounter(s, catalogue))) continue;
        if (nodeValueKind(e.text, tree, inner, kindOf) !== 'counter') continue;
        const innerText = e.text.slice(tree.from(inner), tree.to(inner));
        report({
          message: `${ownerName(e)} applies ${call.name}() to the subquery ${innerText}, which is a counter: ${call.name} is for gauges, and reads every restart of the counter as a drop`,
          hint: hintFor(call.name, instead, `(${innerText})`),
          ...at(e, tree.from(inner), tree.to(inner)),
        });
      }
    }
  },
};
