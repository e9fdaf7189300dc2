import type { AnalyzedExpression } from './check.js';
import { argumentsOf, expressionsOf, firstExpressionOf, flatRoot, operatorAfter } from '../promql/parse.js';
import type { FlatTree } from '../promql/flat-tree.js';

/**
 * What happens to a selector's values on their way to the expression's result, innermost first:
 * - a function or an aggregation (its name), which may keep them or make something else of them;
 * - `compared`: they are an operand of a comparison without `bool` (`x > 5`), which filters them;
 * - `compared-bool`: an operand of a comparison with `bool` (`x > bool 5`), which makes them 0 or 1;
 * - `filter-only`: they are the right-hand side of `and`/`unless`, which reads only which series
 *   exist there and never their values (`rate(x[5m]) > 1 and on (job) errors_total`).
 * Arithmetic between vectors and with numbers, `or`, offsets, parentheses and subqueries pass them on.
 */
export type ValueStep = string;
export const COMPARED = 'compared';
export const COMPARED_BOOL = 'compared-bool';
export const FILTER_ONLY = 'filter-only';

const COMPARISONS = new Set(['Eql', 'Neq', 'Gtr', 'Lss', 'Gte', 'Lte']);

/**
 * The steps of every selector of an expression, by the selector's start offset in the analysed
 * text (a SelectorRef's `from`). Empty when the expression has no parse.
 */
export function valueSteps(e: AnalyzedExpression): Map<number, ValueStep[]> {
  const steps = new Map<number, ValueStep[]>();
  const flat = flatRoot(e.analysis.parsed);
  if (!flat) return steps;
  const { tree } = flat;
  const nameOf = (node: number, child: string) => {
    const c = tree.child(node, child);
    return e.text.slice(tree.from(c >= 0 ? c : node), tree.to(c >= 0 ? c : node)).trim();
  };
  // Iterative, outermost first: each node with the steps above it (outermost first too).
  const stack: Array<{ node: number; above: ValueStep[] }> = [{ node: flat.root, above: [] }];
  while (stack.length > 0) {
    const { node, above } = stack.pop()!;
    if (node < 0) continue;
    switch (tree.name(node)) {
      case 'VectorSelector':
        steps.set(tree.from(node), [...above].reverse());
        break;
      case 'FunctionCall': {
        const next = [...above, nameOf(node, 'FunctionIdentifier')];
        for (const arg of argumentsOf(tree, node)) stack.push({ node: arg, above: next });
        break;
      }
      case 'AggregateExpr': {
        const next = [...above, nameOf(node, 'AggregateOp')];
        for (const arg of argumentsOf(tree, node)) stack.push({ node: arg, above: next });
        break;
      }
      case 'BinaryExpr':
        binary(tree, node, above, stack);
        break;
      default:
        for (const inner of expressionsOf(tree, node)) stack.push({ node: inner, above });
    }
  }
  return steps;
}

function binary(tree: FlatTree, node: number, above: ValueStep[], stack: Array<{ node: number; above: ValueStep[] }>): void {
  const [lhs = -1, rhs = -1] = expressionsOf(tree, node);
  const opNode = operatorAfter(tree, lhs, tree.endOf(node));
  const op = opNode < 0 ? '' : tree.name(opNode);
  if (COMPARISONS.has(op)) {
    const step = tree.child(node, 'BoolModifier') >= 0 ? COMPARED_BOOL : COMPARED;
    stack.push({ node: lhs, above: [...above, step] }, { node: rhs, above: [...above, step] });
  } else if (op === 'And' || op === 'Unless') {
    stack.push({ node: lhs, above }, { node: rhs, above: [...above, FILTER_ONLY] });
  } else {
    stack.push({ node: lhs, above }, { node: rhs, above });
  }
}
