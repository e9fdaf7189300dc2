import type { Check } from './check.js';
import { at, ownerName } from './check.js';
import { callArgument } from '../promql/analyze.js';
import { firstExpressionOf, rangeWritten } from '../promql/parse.js';
import { counterCombination, type CounterCombination } from '../promql/counter-combination.js';

/**
 * rate(), irate() and increase() over counters combined across targets before they are
 * read: a subquery of a sum (`rate(sum by (job) (x_total)[5m:])`) or a recorded series whose rule
 * sums them (`rate(job:x:sum[5m])`). When one target restarts its counters drop to 0, the sum drops
 * by what they held, and the function reads the drop as a reset of the whole sum: it counts the
 * whole sum again, a spike no traffic made (src/promql/counter-combination.ts quotes Prometheus'
 * docs). Sums that keep `instance` combine one target's series, which reset together: quiet. Not
 * resets(): a drop of the sum is one target's reset, which is what it counts.
 */
const COUNTER_FUNCTIONS = new Set(['rate', 'irate', 'increase']);

/** "a sum", "the largest", "the smallest" of counters. */
function combined(op: string): string {
  return op === 'max' ? 'the largest of several counters' : op === 'min' ? 'the smallest of several counters' : 'a sum of counters';
}

/** A sum drops whenever one of its counters does; the largest (smallest) when it was that one. */
function drops(op: string): string {
  return op === 'sum' ? 'drops' : 'may drop';
}

/** The rewrite with the function inside the aggregation, when what was combined is one selector. */
function rewrite(c: CounterCombination, fn: string, range: string): string | undefined {
  if (c.inner === undefined) return undefined;
  return `${c.op}${c.grouping ? ` ${c.grouping}` : ''} (${fn}(${c.inner}[${range}]))`;
}

function hint(c: CounterCombination, fn: string, range: string): string {
  const better = rewrite(c, fn, range);
  const first = `take ${fn}() of each counter first, then aggregate`;
  if (c.record !== undefined) {
    return `${first}: record ${better ?? `the ${fn}() of each counter, aggregated`} and use the recorded series as it is (or keep instance in the recording rule's grouping)`;
  }
  return `${first}${better ? `: ${better}` : ''} (or keep instance in the grouping, so that each ${c.op} is one target's)`;
}

export const promqlRateOverSum: Check = {
  id: 'promql/rate-over-sum',
  severity: 'error',
  description: 'rate/irate/increase over counters summed (max, min) across targets: take rate() first, then aggregate.',
  run({ expressions, catalogue }, report) {
    const kindOf = (name: string) => catalogue.get(name)?.kind ?? 'unknown';
    const combinedOf = (name: string) => catalogue.get(name)?.combination;
    for (const e of expressions) {
      // A recorded series read straight by the function: `rate(job:x:sum[5m])`.
      for (const s of e.analysis.selectors) {
        const fn = s.enclosing[0];
        if (!fn || !COUNTER_FUNCTIONS.has(fn) || s.range === undefined || s.name === undefined) continue;
        const entry = catalogue.get(s.name);
        const c = entry?.combination;
        if (!c || !entry.record) continue;
        const where = c.record !== undefined && c.record !== s.name ? `, which reads "${c.record}", recorded as ${c.text}` : '';
        report({
          message: `${ownerName(e)} applies ${fn}() to "${s.name}", recorded as ${entry.record.expr}${where}: ${combined(c.op)} across targets. When one target restarts its counters drop to 0, the ${c.op} ${drops(c.op)} with them, and ${fn}() reads that drop as a reset of the whole ${c.op}: a spike no traffic made`,
          hint: hint({ ...c, record: c.record ?? s.name }, fn, s.range),
          ...at(e, s.from, s.to),
        });
      }
      // A subquery of a combination: `rate(sum by (job) (x_total)[5m:])`.
      for (const call of e.analysis.calls) {
        if (!COUNTER_FUNCTIONS.has(call.name) || call.argKinds[0] !== 'SubqueryExpr') continue;
        const first = callArgument(call, 0);
        if (!first) continue;
        const { tree, node: subquery } = first;
        const inner = firstExpressionOf(tree, subquery);
        const c = counterCombination(e.text, tree, inner, kindOf, combinedOf);
        // A recorded series read inside the subquery is reported here too: the selector above only sees ranges.
        if (!c) continue;
        const range = rangeWritten(e.text, tree, subquery) ?? '5m';
        const what = c.record !== undefined ? `"${e.text.slice(c.from, c.to)}", recorded as ${c.text}` : c.text;
        report({
          message: `${ownerName(e)} applies ${call.name}() to a subquery of ${what}: ${combined(c.op)} across targets. When one target restarts its counters drop to 0, the ${c.op} ${drops(c.op)} with them, and ${call.name}() reads that drop as a reset of the whole ${c.op}: a spike no traffic made`,
          hint: hint(c, call.name, range),
          ...at(e, c.from, c.to),
        });
      }
    }
  },
};
