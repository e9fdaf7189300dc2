/**
 * parsePromql walks a tree for its error nodes only when a scan of its node types finds one
 * (hasErrorNode in src/promql/parse.ts). The scan must say what the walk says, for trees of one
 * buffer and for large trees lezer builds of several.
 */
import { describe, expect, it } from 'vitest';
import { parser } from '@prometheus-io/lezer-promql';
import type { Tree } from '@lezer/common';
import { hasErrorNode } from '../../src/promql/parse.js';

function walkFindsError(tree: Tree): boolean {
  let found = false;
  tree.iterate({
    enter(node) {
      if (node.type.isError) found = true;
    },
  });
  return found;
}

const chain = (n: number, op: string) => Array.from({ length: n }, (_, i) => `x${i}{a="b"}`).join(` ${op} `);
const CORPUS = [
  'sum by (route) (rate(http_requests_total{code=~"5.."}[5m])) / sum by (route) (rate(http_requests_total[5m])) > 0.05',
  'histogram_quantile(0.99, sum by (le) (rate(x_bucket[5m])))',
  'sum by (route (x)',
  'rate(x[5 m])',
  'x{a="b"',
  'x >',
  '',
  '   ',
  'sum(\n  rate(x[5m])\n',
  'foo rate(x[5m])',
  chain(300, 'or'),
  chain(300, '+'),
  `${chain(300, 'or')} )`,
  `${chain(300, '*')} * (`,
  `(${chain(100, 'and')}) / on (a) group_left x`,
  `${'sum('.repeat(150)}x${')'.repeat(150)}`,
  `${'sum('.repeat(150)}x${')'.repeat(149)}`,
];

describe('hasErrorNode', () => {
  it('says what a walk over every node says', () => {
    const trees = CORPUS.map((text) => parser.parse(text));
    expect(trees.some((t) => t.children.length > 1)).toBe(true); // large trees of several parts are in the corpus
    expect(trees.map(hasErrorNode)).toEqual(trees.map(walkFindsError));
    expect(trees.map(hasErrorNode)).toContain(true);
    expect(trees.map(hasErrorNode)).toContain(false);
  });
});
