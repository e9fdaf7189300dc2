import type { SyntaxNode } from '@lezer/common';
import type { Check } from './check.js';
import { locatedAt } from '../model/located.js';
import { allPanels } from '../model/dashboard.js';
import { expressionChildren } from '../promql/parse.js';

/** The node that makes the result a range vector (`x[5m]`, a subquery), or undefined. */
function rangeVector(node: SyntaxNode | undefined): SyntaxNode | undefined {
  if (!node) return undefined;
  switch (node.name) {
    case 'MatrixSelector':
    case 'SubqueryExpr':
      return node;
    case 'ParenExpr':
    case 'OffsetExpr':
    case 'StepInvariantExpr':
      return rangeVector(expressionChildren(node)[0]);
    default:
      return undefined;
  }
}

export const dashboardRangeVectorQuery: Check = {
  id: 'dashboard/range-vector-query',
  severity: 'error',
  description: "A panel query returns an instant vector or a scalar, not a range vector (x[5m]) Grafana cannot plot.",
  run({ model, expressions }, report) {
    const byPath = new Map(expressions.map((e) => [e.path.join('\u0000'), e]));
    for (const dashboard of model.dashboards) {
      for (const panel of allPanels(dashboard)) {
        for (const target of panel.targets) {
          const e = byPath.get([...target.path, 'expr'].join('\u0000'));
          if (!e || e.analysis.parsed.errors.length > 0) continue;
          const node = rangeVector(e.analysis.parsed.root);
          if (!node) continue;
          const what = node.name === 'SubqueryExpr' ? 'a subquery' : 'a range selector';
          report({
            message: target.instant
              ? `panel ${panel.title}: ${target.path.at(-1)}.expr is ${what}, a range vector: as an instant query it returns raw samples, not one value per series`
              : `panel ${panel.title}: ${target.path.at(-1)}.expr is ${what}, a range vector: Prometheus refuses it in a range query ("invalid expression type \\"range vector\\" for range query") and the panel shows an error`,
            hint: 'wrap it in a function over time, e.g. rate(…[$__rate_interval]), max_over_time(…[5m]), or drop the [range]',
            ...locatedAt(target, 'expr'),
            excerpt: { text: target.expr, from: 0, to: target.expr.length },
          });
        }
      }
    }
  },
};
