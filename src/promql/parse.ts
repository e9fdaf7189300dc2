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

/** `column 12`, or `line 2, column 3` in an expression written over several lines. */
function position(text: string, from: number): string {
  if (!text.includes('\n')) return `column ${from + 1}`;
  const before = text.slice(0, from);
  const line = before.split('\n').length;
  return `line ${line}, column ${from - (before.lastIndexOf('\n') + 1) + 1}`;
}

function describe(text: string, from: number, to: number): string {
  const near = text.slice(from, Math.max(to, from + 1)).trim();
  if (from >= text.length) return `unexpected end of expression (${position(text, from)})`;
  return `unexpected ${JSON.stringify(near || text[from] || '')} at ${position(text, from)}`;
}

/** Parses with lezer-promql; syntax errors become problems with the column they start at. */
export function parsePromql(text: string): ParsedExpr {
  const tree = parser.parse(text);
  const errors: SyntaxProblem[] = [];
  const root = tree.topNode.firstChild ?? undefined;
  // Blank: one clear problem, not also the parser's "unexpected end".
  if (text.trim() === '') return { text, tree, root, errors: [{ from: 0, to: 0, message: 'empty expression' }] };
  let lastErrorEnd = -1;
  tree.iterate({
    enter(node) {
      if (!node.type.isError) return;
      // Lezer reports a run of errors for one mistake; keep the first of each run.
      if (node.from > lastErrorEnd) errors.push({ from: node.from, to: node.to, message: describe(text, node.from, node.to) });
      lastErrorEnd = Math.max(lastErrorEnd, node.to);
    },
  });
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
