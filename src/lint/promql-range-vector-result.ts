import type { SyntaxNode } from '@lezer/common';
import type { Check } from './check.js';
import { at, ownerName } from './check.js';
import { expressionChildren } from '../promql/parse.js';

/**
 * A rule or a panel query must return an instant vector (or a scalar). A range vector (`x[5m]`, a
 * subquery) parses, and promtool check rules accepts it, but Prometheus fails every evaluation of
 * the rule ("rule result is not a vector or scalar") and Grafana shows an error for the query.
 */
function rangeRoot(node: SyntaxNode | undefined): SyntaxNode | undefined {
  while (node && (node.name === 'ParenExpr' || node.name === 'OffsetExpr' || node.name === 'StepInvariantExpr')) {
    if (node.name === 'OffsetExpr' && expressionChildren(node)[0]?.name === 'MatrixSelector') return node;
    node = expressionChildren(node)[0];
  }
  return node && (node.name === 'MatrixSelector' || node.name === 'SubqueryExpr') ? node : undefined;
}

export const promqlRangeVectorResult: Check = {
  id: 'promql/range-vector-result',
  severity: 'error',
  description: 'Rule expressions and panel queries return an instant vector, not a range vector (x[5m]) that Prometheus cannot evaluate as a rule or graph.',
  run({ expressions }, report) {
    for (const e of expressions) {
      if (e.analysis.parsed.errors.length > 0) continue;
      const node = rangeRoot(e.analysis.parsed.root);
      if (!node) continue;
      // Panels: quote the query as written (the analysed text has Grafana variables substituted).
      const written = e.context === 'panel' && e.variables.length > 0 ? e.expr.trim() : e.text.slice(node.from, node.to);
      const what = e.context === 'record' ? 'recording rule' : e.context === 'alert' ? 'alert' : 'panel';
      report({
        message: `${ownerName(e)} returns a range vector (${written}); ${what === 'panel' ? 'Grafana cannot graph it (the query fails)' : `Prometheus fails every evaluation of the ${what} ("rule result is not a vector or scalar")`}`,
        hint: `wrap it in a function over time: rate(${written}) for a counter, avg_over_time(${written}) or max_over_time(${written}) for a gauge`,
        ...at(e, node.from, node.to),
      });
    }
  },
};
