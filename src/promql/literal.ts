import type { SyntaxNode } from '@lezer/common';
import { expressionChildren } from './parse.js';

/** The value of a constant number expression (`0.9`, `-1`, `(95)`, `1e-1`), or undefined. */
export function numberLiteral(text: string, node: SyntaxNode | undefined): number | undefined {
  if (!node) return undefined;
  switch (node.name) {
    case 'NumberDurationLiteral': {
      const literal = text.slice(node.from, node.to).toLowerCase();
      if (literal === 'inf' || literal === '+inf') return Infinity;
      if (literal === 'nan') return NaN;
      const value = Number(literal);
      return Number.isNaN(value) ? undefined : value; // a duration used as a number (5m) is not one
    }
    case 'ParenExpr':
      return numberLiteral(text, expressionChildren(node)[0]);
    case 'UnaryExpr': {
      const inner = numberLiteral(text, expressionChildren(node)[0]);
      if (inner === undefined) return undefined;
      return text.slice(node.from, node.to).trimStart().startsWith('-') ? -inner : inner;
    }
    default:
      return undefined;
  }
}
