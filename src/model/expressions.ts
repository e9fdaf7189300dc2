import type { ExpressionRef, Model } from './types.js';
import { dashboardExpressions } from './dashboard.js';
import { locatedAt } from './located.js';

/** Every PromQL expression in the definitions: rule expressions first, then panel queries. */
export function collectExpressions(model: Model): ExpressionRef[] {
  const out: ExpressionRef[] = [];
  for (const group of model.ruleGroups) {
    for (const rule of group.rules) {
      out.push({
        expr: rule.expr,
        context: rule.kind,
        owner: rule.name,
        ...locatedAt(rule, 'expr'),
      });
    }
  }
  out.push(...dashboardExpressions(model.dashboards));
  return out;
}
