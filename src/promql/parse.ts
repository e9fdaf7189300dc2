import { parser } from '@prometheus-io/lezer-promql';
import type { SyntaxNode, Tree } from '@lezer/common';

export interface SyntaxProblem {
  from: number;
  to: number;
  message: string;
}

export interface ParsedExpr {
  text: string;
  tree: Tree;
  /** The expression node under the PromQL root (undefined for an empty expression). */
  root: SyntaxNode | undefined;
  errors: SyntaxProblem[];
}

/** Names of the nodes that are expressions (as opposed to tokens and modifiers). */
export const EXPRESSION_NODES = new Set([
  'AggregateExpr',
  'BinaryExpr',
  'FunctionCall',
  'MatrixSelector',
  'NumberDurationLiteral',
  'OffsetExpr',
  'ParenExpr',
  'StringLiteral',
  'SubqueryExpr',
  'UnaryExpr',
  'VectorSelector',
  'StepInvariantExpr',
  'AnchoredExpr',
  'SmoothedExpr',
]);

function describe(text: string, from: number, to: number): string {
  const near = text.slice(from, Math.max(to, from + 1)).trim();
  const column = from + 1;
  if (from >= text.length) return `unexpected end of expression (column ${column})`;
  return `unexpected ${JSON.stringify(near || text[from] || '')} at column ${column}`;
}

/** Parses with lezer-promql; syntax errors become problems with the column they start at. */
export function parsePromql(text: string): ParsedExpr {
  const tree = parser.parse(text);
  const errors: SyntaxProblem[] = [];
  let lastErrorEnd = -1;
  tree.iterate({
    enter(node) {
      if (!node.type.isError) return;
      // Lezer reports a run of errors for one mistake; keep the first of each run.
      if (node.from > lastErrorEnd) errors.push({ from: node.from, to: node.to, message: describe(text, node.from, node.to) });
      lastErrorEnd = Math.max(lastErrorEnd, node.to);
    },
  });
  if (text.trim() === '') errors.push({ from: 0, to: 0, message: 'empty expression' });
  const root = tree.topNode.firstChild ?? undefined;
  return { text, tree, root, errors };
}

/** Expression children of a node (skipping tokens, modifiers and errors). */
export function expressionChildren(node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let child = node.firstChild; child; child = child.nextSibling) {
    if (EXPRESSION_NODES.has(child.name)) out.push(child);
  }
  return out;
}

export function childNamed(node: SyntaxNode, name: string): SyntaxNode | undefined {
  for (let child = node.firstChild; child; child = child.nextSibling) if (child.name === name) return child;
  return undefined;
}

/** PromQL string literal → its value ("…", '…' or `…`). */
export function unquote(literal: string): string {
  if (literal.startsWith('`')) return literal.slice(1, -1);
  const body = literal.slice(1, -1);
  return body.replace(/\\(.)/g, (_, c: string) => ({ n: '\n', t: '\t', r: '\r' })[c] ?? c);
}
