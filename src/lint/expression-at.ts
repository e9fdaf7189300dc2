import type { AnalyzedExpression, CheckContext } from './check.js';
import { allPanels, type TargetModel } from '../model/dashboard.js';

const SEPARATOR = '\u0000';

// Several checks look expressions up by the path of their definition: the index is built once per
// context (lazily, on the first lookup), not once per check.
const indexByContext = new WeakMap<CheckContext, Map<string, AnalyzedExpression>>();

/**
 * The analysed expression written at `[...path, field]` (a rule's `expr`, a panel target's `expr`),
 * if the context has one; with several at one path (duplicate definitions), the last one.
 */
export function expressionAt(context: CheckContext, path: readonly string[], field = 'expr'): AnalyzedExpression | undefined {
  let index = indexByContext.get(context);
  if (!index) {
    index = new Map(context.expressions.map((e) => [e.path.join(SEPARATOR), e]));
    indexByContext.set(context, index);
  }
  return index.get([...path, field].join(SEPARATOR));
}

const targetsByContext = new WeakMap<CheckContext, Map<TargetModel, AnalyzedExpression>>();

/**
 * The analysed expression of a panel's query. Panels of one title in a dashboard have paths of
 * their own (`Memory Usage (2)`: pathSteps), but two dashboards of one title (an error of its own,
 * reported with the rest) still share theirs: the queries at one path are paired in order, the
 * k-th target with a path getting the k-th expression written there (collectExpressions keeps the
 * dashboards' order), so no check judges one panel by another's query.
 */
export function targetExpressionOf(context: CheckContext, target: TargetModel): AnalyzedExpression | undefined {
  let map = targetsByContext.get(context);
  if (!map) {
    const atPath = new Map<string, AnalyzedExpression[]>();
    for (const e of context.expressions) {
      if (e.context !== 'panel') continue;
      const key = e.path.join(SEPARATOR);
      const list = atPath.get(key);
      if (list) list.push(e);
      else atPath.set(key, [e]);
    }
    map = new Map();
    const taken = new Map<string, number>();
    for (const dashboard of context.model.dashboards) {
      for (const panel of allPanels(dashboard)) {
        for (const target of panel.targets) {
          const key = [...target.path, 'expr'].join(SEPARATOR);
          const k = taken.get(key) ?? 0;
          taken.set(key, k + 1);
          const e = atPath.get(key)?.[k];
          if (e && e.expr === target.expr) map.set(target, e);
        }
      }
    }
    targetsByContext.set(context, map);
  }
  return map.get(target);
}
