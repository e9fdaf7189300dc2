import type { Check } from './check.js';
import { at, ownerName } from './check.js';
import { callArgument } from '../promql/analyze.js';
import { expressionsOf, firstExpressionOf } from '../promql/parse.js';
import type { FlatTree } from '../promql/flat-tree.js';
import { numberLiteral } from '../promql/literal.js';

/**
 * absent(x) returns 1 when x returns nothing. Around a comparison it returns 1 whenever no series
 * passes the comparison: absent(errors > 0.05) fires while the error ratio is fine. The one
 * comparison that means "none is healthy" is a test for being up or non-zero (`== 1`, `> 0`,
 * `>= 1`, as in absent(up{job="x"} == 1)); those stay quiet. Around an aggregation, absent() can
 * only say that every input is missing, and its alert carries no label naming what is missing.
 */

const HEALTHY_TESTS = new Set(['== 1', '> 0', '>= 1']);

/** The expression inside any parentheses around `node` (-1 for none). */
function unwrap(tree: FlatTree, node: number): number {
  while (node >= 0 && tree.name(node) === 'ParenExpr') node = firstExpressionOf(tree, node);
  return node;
}

export const promqlAbsentArgument: Check = {
  id: 'promql/absent-argument',
  severity: 'warning',
  description: 'absent() gets a selector: around a threshold comparison it fires while everything is healthy, around an aggregation it loses every label.',
  run({ expressions }, report) {
    for (const e of expressions) {
      for (const call of e.analysis.calls) {
        if (call.name !== 'absent' && call.name !== 'absent_over_time') continue;
        // The call's first argument, in its parse walked as numbers (flat-tree.ts).
        const first = callArgument(call, 0);
        if (!first) continue;
        const { tree, node: arg } = first;
        const argFrom = tree.from(arg);
        const argTo = tree.to(arg);
        const comparison = e.analysis.comparisons.find((c) => !c.bool && c.from >= argFrom && c.to <= argTo);
        if (comparison) {
          const node = unwrap(tree, arg);
          const rhs = node >= 0 && tree.name(node) === 'BinaryExpr' ? (expressionsOf(tree, node)[1] ?? -1) : -1;
          const threshold = numberLiteral(e.text, tree, rhs);
          if (threshold !== undefined && HEALTHY_TESTS.has(`${comparison.op} ${threshold}`)) continue;
          const condition = e.text.slice(comparison.from, comparison.to);
          report({
            message: `${ownerName(e)}: ${call.name}() fires whenever no series satisfies ${condition} (for a problem condition: while everything is healthy), not when the series is missing`,
            hint: `to alert on a missing series write ${call.name}(<selector>) without the comparison; to alert on the threshold, alert on ${condition} itself`,
            ...at(e, comparison.from, comparison.to),
          });
          continue;
        }
        const node = unwrap(tree, arg);
        if (node >= 0 && tree.name(node) === 'AggregateExpr') {
          report({
            message: `${ownerName(e)}: ${call.name}() over an aggregation fires only when every input series is gone, and its result carries no labels to say which`,
            hint: `put the selector itself in ${call.name}(), with = matchers for the labels the alert should carry: absent(x{job="a"})`,
            ...at(e, tree.from(node), tree.to(node)),
          });
        }
      }
    }
  },
};
