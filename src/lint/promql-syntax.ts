import type { Check } from './check.js';
import { at, ownerName } from './check.js';
import { callArgument } from '../promql/analyze.js';
import { firstExpressionOf } from '../promql/parse.js';
import type { FlatTree } from '../promql/flat-tree.js';

/** Functions whose argument must be a range vector (`x[5m]` or a subquery). */
const RANGE_FUNCTIONS = new Set([
  'rate', 'irate', 'increase', 'delta', 'idelta', 'deriv', 'predict_linear', 'resets', 'changes',
  'avg_over_time', 'min_over_time', 'max_over_time', 'sum_over_time', 'count_over_time',
  'quantile_over_time', 'stddev_over_time', 'stdvar_over_time', 'last_over_time', 'present_over_time',
  'absent_over_time', 'mad_over_time', 'holt_winters', 'double_exponential_smoothing',
]);

/** A range vector, also with `offset`, `@` or parentheses around it: `x[5m] offset 1h`, `(x[5m])`. */
function isRangeVector(tree: FlatTree, node: number): boolean {
  if (node < 0) return false;
  const name = tree.name(node);
  if (name === 'MatrixSelector' || name === 'SubqueryExpr') return true;
  if (name === 'ParenExpr' || name === 'OffsetExpr' || name === 'StepInvariantExpr') return isRangeVector(tree, firstExpressionOf(tree, node));
  return false;
}

export const promqlSyntax: Check = {
  id: 'promql/syntax',
  severity: 'error',
  description: 'The expression parses as PromQL, and range functions get a range vector.',
  run({ expressions }, report) {
    for (const e of expressions) {
      for (const problem of e.analysis.parsed.errors) {
        report({
          message: `PromQL syntax error in ${ownerName(e)}: ${problem.message}`,
          hint: 'check brackets, quotes and durations (5m, not 5 m); the Prometheus docs list the grammar',
          ...at(e, problem.from, problem.to),
        });
      }
      for (const limit of e.analysis.parsed.limits ?? []) {
        report({
          severity: 'warning',
          message: `${ownerName(e)}: ${limit.message}`,
          hint: 'split it (e.g. into recording rules), or accept that only promtool checks it',
          ...at(e, limit.from, limit.to),
        });
      }
      if (e.analysis.parsed.errors.length > 0) continue;
      for (const call of e.analysis.calls) {
        if (!RANGE_FUNCTIONS.has(call.name)) continue;
        const index = call.name === 'quantile_over_time' || call.name === 'predict_linear' ? (call.name === 'quantile_over_time' ? 1 : 0) : 0;
        // A range vector as written (the usual case) needs no node: a call's argument nodes are found again on every read.
        const kind = call.argKinds[index];
        if (kind === undefined || kind === 'MatrixSelector' || kind === 'SubqueryExpr') continue;
        const arg = callArgument(call, index);
        if (arg && !isRangeVector(arg.tree, arg.node)) {
          const { tree, node } = arg;
          const written = e.text.slice(tree.from(node), tree.to(node));
          report({
            message: `${call.name}() in ${ownerName(e)} needs a range vector, got ${written}`,
            hint: `add a range: ${call.name}(${written}[5m])`,
            ...at(e, tree.from(node), tree.to(node)),
          });
        }
      }
    }
  },
};
