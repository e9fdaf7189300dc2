/**
 * An expression's syntax tree as one string, to compare two expressions for meaning rather than
 * spelling: layout, comments and the quoting of strings do not count; every operator, name,
 * matcher, number, duration and grouping label does. Two expressions are the same when their
 * canonical forms are equal.
 */
import type { SyntaxNode } from '@lezer/common';
import { parsePromql, unquote } from './parse.js';
import type { FlatTree } from './flat-tree.js';

function canonicalNode(text: string, node: SyntaxNode): string {
  if (node.name === 'LineComment') return '';
  const children: string[] = [];
  for (let child = node.firstChild; child; child = child.nextSibling) {
    const c = canonicalNode(text, child);
    if (c !== '') children.push(c);
  }
  if (children.length > 0) return `${node.name}(${children.join(' ')})`;
  return leaf(node.name, text.slice(node.from, node.to));
}

/**
 * canonicalNode for a node of a parse walked as numbers (flat-tree.ts): what a check compares parts
 * of an expression it has parsed by, without parsing them again.
 */
export function canonicalSubtree(text: string, tree: FlatTree, node: number): string {
  const name = tree.name(node);
  if (name === 'LineComment') return '';
  const children: string[] = [];
  const end = tree.endOf(node);
  for (let child = tree.firstChild(node); child >= 0; child = tree.next(child, end)) {
    const c = canonicalSubtree(text, tree, child);
    if (c !== '') children.push(c);
  }
  if (children.length > 0) return `${name}(${children.join(' ')})`;
  return leaf(name, text.slice(tree.from(node), tree.to(node)));
}

/** A node without children, as canonicalNode and canonicalSubtree write it. */
function leaf(name: string, token: string): string {
  if (name === 'StringLiteral') return `${name}:${JSON.stringify(unquote(token))}`;
  // Keywords (by, sum, and…) are case-insensitive in PromQL; names and label values are not.
  const lower = /^[A-Z]/.test(name) && token.toLowerCase() === name.toLowerCase() ? token.toLowerCase() : token;
  return `${name}:${lower}`;
}

/** The canonical form of an expression, or undefined when it does not parse (in one piece). */
export function canonicalPromql(text: string): string | undefined {
  const parsed = parsePromql(text);
  if (parsed.errors.length > 0 || parsed.parts || !parsed.root) return undefined;
  return canonicalNode(text, parsed.tree.topNode);
}

/** Whether two expressions have the same syntax tree (see canonicalPromql); unparsable ones compare by text. */
export function samePromql(a: string, b: string): boolean {
  const ca = canonicalPromql(a);
  const cb = canonicalPromql(b);
  return ca !== undefined && cb !== undefined ? ca === cb : a.trim() === b.trim();
}
