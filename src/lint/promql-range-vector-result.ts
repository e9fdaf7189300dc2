import type { Check } from './check.js';
import { at, ownerName } from './check.js';
import { firstExpressionOf, flatRoot } from '../promql/parse.js';
import type { FlatTree } from '../promql/flat-tree.js';

/**
 * A rule or a panel query must return an instant vector (or a scalar). A range vector (`x[5m]`, a
 * subquery) parses, and promtool check rules accepts it, but Prometheus fails every evaluation of
 * the rule ("rule result is not a vector or scalar") and Grafana shows an error for the query.
 */
function rangeRoot(tree: FlatTree, root: number): number {
  let node = root;
  for (let name = tree.name(node); name === 'ParenExpr' || name === 'OffsetExpr' || name === 'StepInvariantExpr'; name = tree.name(node)) {
    const inner = firstExpressionOf(tree, node);
    if (name === 'OffsetExpr' && inner >= 0 && tree.name(inner) === 'MatrixSelector') return node;
    if (inner < 0) return -1;
    node = inner;
  }
  const name = tree.name(node);
  return name === 'MatrixSelector' || name === 'SubqueryExpr' ? node : -1;
}

export const promqlRangeVectorResult: Check = {
  id: 'promql/range-vector-result',
  severity: 'error',
  description: 'Rule expressions and panel queries return an instant vector, not a range vector (x[5m]) that Prometheus cannot evaluate as a rule or graph.',
  run({ expressions }, report) {
    for (const e of expressions) {
      if (e.analysis.parsed.errors.length > 0 || e.analysis.typeErrors.length > 0) continue;
      const flat = flatRoot(e.analysis.parsed);
      const node = flat ? rangeRoot(flat.tree, flat.root) : -1;
      if (!flat || node < 0) continue;
      const { tree } = flat;
      // Panels: quote the query as written (the analysed text has Grafana variables substituted).
      const written = e.context === 'panel' && e.variables.length > 0 ? e.expr.trim() : e.text.slice(tree.from(node), tree.to(node));
      const what = e.context === 'record' ? 'recording rule' : e.context === 'alert' ? 'alert' : 'panel';
      report({
        message: `${ownerName(e)} returns a range vector (${written}); ${what === 'panel' ? 'Grafana cannot graph it (the query fails)' : `Prometheus fails every evaluation of the ${what} ("rule result is not a vector or scalar")`}`,
        hint: `wrap it in a function over time: rate(${written}) for a counter, avg_over_time(${written}) or max_over_time(${written}) for a gauge`,
        ...at(e, tree.from(node), tree.to(node)),
      });
    }
  },
};
