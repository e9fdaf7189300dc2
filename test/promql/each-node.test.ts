/**
 * eachNode (src/promql/parse.ts) walks a tree on a cursor instead of node objects: it must stop at
 * the very nodes, in the very order, that a recursion over firstChild and nextSibling visits, and
 * never leave the subtree it starts at.
 */
import type { SyntaxNode } from '@lezer/common';
import { describe, expect, it } from 'vitest';
import { eachNode, parsePromql } from '../../src/promql/parse.js';

const TEXTS = [
  'histogram_quantile(0.99, sum by (le, route) (rate(latency_seconds_bucket{route="/x"}[5m]))) > 1',
  'quantile(95, rate(x[5m])) / on (job) group_left (a) quantile_over_time(0.5, y[10m:1m]) or vector(1)',
  'sum by (route (x)',
  'rate(x[5 m]) + ',
  '-(a offset 5m) @ 100 unless absent(b{c=~"d"})',
  'x',
];

const recursively = (root: SyntaxNode): string[] => {
  const out: string[] = [];
  const visit = (node: SyntaxNode) => {
    out.push(`${node.name}@${node.from}-${node.to}`);
    for (let c = node.firstChild; c; c = c.nextSibling) visit(c);
  };
  visit(root);
  return out;
};

const onCursor = (root: SyntaxNode): string[] => {
  const out: string[] = [];
  eachNode(root, (cursor) => {
    out.push(`${cursor.name}@${cursor.from}-${cursor.to}`);
    expect(cursor.node.name).toBe(cursor.name);
  });
  return out;
};

describe('eachNode', () => {
  it.each(TEXTS)('visits the nodes a recursion visits, in its order: %s', (text) => {
    const { tree, root } = parsePromql(text);
    expect(onCursor(tree.topNode)).toEqual(recursively(tree.topNode));
    expect(onCursor(root!)).toEqual(recursively(root!));
    // Inside: a subtree with siblings after it is walked alone.
    const inner = root!.firstChild!;
    expect(onCursor(inner)).toEqual(recursively(inner));
  });
});
