import type { FlatTree } from './flat-tree.js';
import { firstExpressionOf } from './parse.js';

/** The value of a constant number expression (`0.9`, `-1`, `(95)`, `1e-1`) at `node` of a parse walked as numbers, or undefined. */
export function numberLiteral(text: string, tree: FlatTree, node: number): number | undefined {
  if (node < 0) return undefined;
  switch (tree.name(node)) {
    case 'NumberDurationLiteral': {
      const literal = text.slice(tree.from(node), tree.to(node)).toLowerCase();
      // The parse keeps a sign in the literal (`-Inf`, `+NaN`): Prometheus reads them case-insensitively.
      if (literal === 'inf' || literal === '+inf') return Infinity;
      if (literal === '-inf') return -Infinity;
      if (literal === 'nan' || literal === '+nan' || literal === '-nan') return NaN;
      const value = Number(literal);
      return Number.isNaN(value) ? undefined : value; // a duration used as a number (5m) is not one
    }
    case 'ParenExpr':
      return numberLiteral(text, tree, firstExpressionOf(tree, node));
    case 'UnaryExpr': {
      const inner = numberLiteral(text, tree, firstExpressionOf(tree, node));
      if (inner === undefined) return undefined;
      return text.slice(tree.from(node), tree.to(node)).trimStart().startsWith('-') ? -inner : inner;
    }
    default:
      return undefined;
  }
}
