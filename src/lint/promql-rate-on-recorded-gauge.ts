import type { Check } from './check.js';
import { at, ownerName } from './check.js';
import { callArgument } from '../promql/analyze.js';
import { firstExpressionOf } from '../promql/parse.js';
import { nodeValueKind, type ValueKind } from '../promql/value-kind.js';
import { nonCounterRead } from './promql-rate-on-non-counter.js';
import { selectorsReadDirectly } from './read-directly.js';

/**
 * rate()/increase() over a series a recording rule writes, when that rule records a rate, a ratio
 * or another gauge (its kind is inferred from the recording expression: rate(), a sum or ratio of
 * rates, avg, histogram_quantile, … are not counters). Also over a subquery of such an expression:
 * rate(rate(x[5m])[10m:]). A recorded sum of raw counters is still a counter and stays quiet here:
 * promql/rate-over-sum judges it (a sum across targets drops when one of them restarts).
 * A subquery that reads a catalogue gauge straight through (`rate(x[5m:1m])`, `rate((x * 2)[5m:])`)
 * is promql/rate-on-non-counter's (nonCounterRead), not reported again here.
 */

const COUNTER_FUNCTIONS = new Set(['rate', 'irate', 'increase', 'resets']);

function what(kind: ValueKind): string {
  return kind === 'rate' ? 'a per-second rate already' : 'a gauge (it goes up and down)';
}

export const promqlRateOnRecordedGauge: Check = {
  id: 'promql/rate-on-recorded-gauge',
  severity: 'error',
  description: 'rate()/increase() only over recorded series that are counters: not over a recorded rate, ratio or gauge.',
  run({ expressions, catalogue }, report) {
    const kindOf = (name: string) => catalogue.get(name)?.kind ?? 'unknown';
    for (const e of expressions) {
      for (const s of e.analysis.selectors) {
        const fn = s.enclosing[0];
        const entry = s.name !== undefined ? catalogue.get(s.name) : undefined;
        if (!fn || !COUNTER_FUNCTIONS.has(fn) || s.range === undefined || !entry?.record) continue;
        if (entry.kind !== 'rate' && entry.kind !== 'gauge') continue;
        report({
          message: `${ownerName(e)} applies ${fn}() to "${s.name}", which is recorded as ${what(entry.kind)} (record: ${entry.record.expr}); ${fn}() reads every drop as a counter reset`,
          hint:
            entry.kind === 'rate'
              ? `use "${s.name}" as it is (it is per second already), or avg_over_time(${s.name}[${s.range}]) to smooth it`
              : `use deriv(), delta() or avg_over_time() on a gauge, or take rate() of the counters it is computed from (then aggregate)`,
          ...at(e, s.from, s.to),
        });
      }
      // rate(<expression>[10m:1m]): the subquery's expression must be a counter too.
      for (const call of e.analysis.calls) {
        // Its name and its argument's kind first: a call's argument nodes are found again on every read.
        if (!COUNTER_FUNCTIONS.has(call.name) || call.argKinds[0] !== 'SubqueryExpr') continue;
        const first = callArgument(call, 0);
        if (!first) continue;
        const { tree, node: arg } = first;
        const inner = firstExpressionOf(tree, arg);
        const kind = nodeValueKind(e.text, tree, inner, kindOf);
        if (inner < 0 || (kind !== 'rate' && kind !== 'gauge')) continue;
        const [from, to] = [tree.from(inner), tree.to(inner)];
        if (selectorsReadDirectly(e, call, from, to).some((s) => nonCounterRead(s, catalogue))) continue;
        const innerText = e.text.slice(from, to);
        report({
          message: `${ownerName(e)} applies ${call.name}() to the subquery ${innerText}, which is ${what(kind)}; ${call.name}() reads every drop as a counter reset`,
          hint: kind === 'rate' ? `${innerText} is per second already: use it as it is, or avg_over_time((${innerText})[…:])` : 'use deriv() or delta() on a gauge',
          ...at(e, tree.from(inner), tree.to(inner)),
        });
      }
    }
  },
};
