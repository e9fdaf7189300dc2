import type { Check } from './check.js';
import { at, ownerName } from './check.js';
import { callArgument, isRangeVectorNode } from '../promql/analyze.js';

/** Functions whose argument must be a range vector (`x[5m]` or a subquery). */
const RANGE_FUNCTIONS = new Set([
  'rate', 'irate', 'increase', 'delta', 'idelta', 'deriv', 'predict_linear', 'resets', 'changes',
  'avg_over_time', 'min_over_time', 'max_over_time', 'sum_over_time', 'count_over_time',
  'quantile_over_time', 'stddev_over_time', 'stdvar_over_time', 'last_over_time', 'present_over_time',
  'absent_over_time', 'mad_over_time', 'holt_winters', 'double_exponential_smoothing',
]);

export const promqlSyntax: Check = {
  id: 'promql/syntax',
  severity: 'error',
  description: 'The expression parses as PromQL, with the types Prometheus requires (range functions get a range vector, operators instant vectors or scalars).',
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
      // What lezer's grammar lets through and Prometheus's parser refuses (promtool fails the file).
      for (const problem of e.analysis.typeErrors) {
        report({
          message: `PromQL type error in ${ownerName(e)}: ${problem.message}`,
          hint: problem.message.startsWith('comparisons between scalars')
            ? 'write "bool" after the operator (1 > bool 0 returns 0 or 1), or compare a vector'
            : problem.message.startsWith('set operator')
              ? 'and/or/unless work between two vectors; compare with a number instead (x > 1)'
              : 'apply a function over time first (rate(x[5m]), max_over_time(x[5m])), or use a subquery (expr[5m:])',
          ...at(e, problem.from, problem.to),
        });
      }
      for (const call of e.analysis.calls) {
        if (!RANGE_FUNCTIONS.has(call.name)) continue;
        const index = call.name === 'quantile_over_time' || call.name === 'predict_linear' ? (call.name === 'quantile_over_time' ? 1 : 0) : 0;
        // A range vector as written (the usual case) needs no node: a call's argument nodes are found again on every read.
        const kind = call.argKinds[index];
        if (kind === undefined || kind === 'MatrixSelector' || kind === 'SubqueryExpr') continue;
        const arg = callArgument(call, index);
        if (arg && !isRangeVectorNode(arg.tree, arg.node)) {
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
