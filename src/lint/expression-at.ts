import type { AnalyzedExpression, CheckContext } from './check.js';

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
