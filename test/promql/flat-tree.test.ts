/**
 * Issue 16 (speed): the analysis walks a parse as numbers (src/promql/flat-tree.ts), a stored
 * parse's node data read in place and any other tree copied through a cursor. Either must give,
 * from the root down, the very children lezer's nodes give (names, spans, error flags, in order):
 * anonymous nodes left out (lezer groups a long list of children under them), error nodes kept.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parser } from '@prometheus-io/lezer-promql';
import type { SyntaxNode } from '@lezer/common';
import { flatRoot, parsePromql } from '../../src/promql/parse.js';
import { flatten, NODE_SIZE, type FlatTree } from '../../src/promql/flat-tree.js';
import { REPO } from '../helpers/cli.js';
import { definitionTexts } from '../helpers/promql-texts.js';

type Shape = [string, number, number, boolean, Shape[]];

/** A node and everything below it, as lezer's nodes give them (firstChild, nextSibling). */
function fromNodes(node: SyntaxNode): Shape {
  const children: Shape[] = [];
  for (let child = node.firstChild; child; child = child.nextSibling) children.push(fromNodes(child));
  return [node.name, node.from, node.to, node.type.isError, children];
}

/** The same, as the flat tree gives them. */
function fromFlat(tree: FlatTree, node: number): Shape {
  const children: Shape[] = [];
  const end = tree.endOf(node);
  for (let child = tree.firstChild(node); child >= 0; child = tree.next(child, end)) children.push(fromFlat(tree, child));
  return [tree.name(node), tree.from(node), tree.to(node), tree.isError(node), children];
}

const many = (n: number, item: (i: number) => string, separator: string) => Array.from({ length: n }, (_, i) => item(i)).join(separator);

/** Errors, comments, every kind of node, and lists long enough that lezer groups their children under anonymous nodes. */
const CORPUS = [
  'sum by (route) (rate(http_requests_total{code=~"5..", job="api"}[5m])) / sum by (route) (rate(http_requests_total{job="api"}[5m])) > 0.05',
  'sum by (job, route) (rate(x[5m])) / on (job) group_left (version) build_info unless ignoring (a) y',
  'max_over_time(queue_length[10m:1m] offset -5m) - queue_length @ start() + -queue_length',
  '{"odd:series", "ab"="x\\"y", c!=`raw`} * on ("ab") {__name__="odd:series"}',
  'count_values without (instance) ("v", build_info{job="x"}) > bool 1',
  'rate(x[5 m])',
  'sum by (route (x)',
  'sum(',
  'queue_length # a comment',
  '# a comment\nqueue_length',
  '"a string"',
  '1',
  `sum by (${many(300, (i) => `l${i}`, ', ')}) (x)`,
  `x{${many(300, (i) => `l${i}="v${i}"`, ', ')}}`,
  `label_join(x, "dst", ",", ${many(300, (i) => `"l${i}"`, ', ')})`,
  many(60, (i) => `queue_length{queue="q${i}"}`, ' + '),
  `${'('.repeat(200)}up${')'.repeat(200)}`,
];

describe('a parse walked as numbers (flat-tree.ts)', () => {
  it("gives lezer's nodes from the root down, stored parses read in place and other trees copied", async () => {
    const texts = [...CORPUS, ...(await definitionTexts(path.join(REPO, 'definitions')))];
    let stored = 0;
    let copied = 0;
    for (const text of texts) {
      const parsed = parsePromql(text);
      const root = parsed.root;
      const flat = flatRoot(parsed);
      if (!root) {
        expect(flat, text).toBeUndefined();
        continue;
      }
      const expected = fromNodes(root);
      expect(flat, text).toBeDefined();
      expect(fromFlat(flat!.tree, flat!.root), text).toEqual(expected);
      // The copy a cursor makes of any tree gives the same, a stored parse's included.
      const copy = flatten(root, parser.nodeSet);
      expect(fromFlat(copy, 0), text).toEqual(expected);
      expect(copy.first()).toBe(0);
      expect(copy.next(0, copy.end), text).toBe(-1);
      if (Object.prototype.hasOwnProperty.call(parsed, 'tree')) {
        copied++;
        // Copied once: the analysis, the checks and every read of a call's arguments ask again.
        expect(flatRoot(parsed), text).toBe(flat);
      } else stored++;
    }
    // Both ways are met: most parses are stored, the long ones are not.
    expect(stored).toBeGreaterThan(20);
    expect(copied).toBeGreaterThanOrEqual(4);
  });

  it("finds each node's parent by a descent from the root, as a recursion over the children gives it", async () => {
    const texts = [...CORPUS, ...(await definitionTexts(path.join(REPO, 'definitions')))];
    let checked = 0;
    for (const text of texts) {
      const parsed = parsePromql(text);
      if (!parsed.root) continue;
      for (const { tree, root } of [flatRoot(parsed)!, { tree: flatten(parsed.root, parser.nodeSet), root: 0 }]) {
        const parents = new Map<number, number>([[root, -1]]);
        const visit = (node: number): void => {
          const end = tree.endOf(node);
          for (let c = tree.firstChild(node); c >= 0; c = tree.next(c, end)) {
            parents.set(c, node);
            visit(c);
          }
        };
        visit(root);
        for (const [node, parent] of parents) expect(tree.parentOf(root, node), `${text} @${node}`).toBe(parent);
        checked += parents.size;
      }
    }
    expect(checked).toBeGreaterThan(1000);
  });

  it('holds a subtree as one run of nodes in the order a recursion visits them, a subtree with siblings after it too', () => {
    /** Every node of a subtree as a recursion over its children meets them. */
    const recursively = (tree: FlatTree, node: number, out: string[] = []): string[] => {
      out.push(`${tree.name(node)}@${tree.from(node)}-${tree.to(node)}`);
      const end = tree.endOf(node);
      for (let c = tree.firstChild(node); c >= 0; c = tree.next(c, end)) recursively(tree, c, out);
      return out;
    };
    const inOrder = (tree: FlatTree, node: number): string[] => {
      const out: string[] = [];
      for (let n = node; n < tree.endOf(node); n += NODE_SIZE) out.push(`${tree.name(n)}@${tree.from(n)}-${tree.to(n)}`);
      return out;
    };
    const texts = [
      'histogram_quantile(0.99, sum by (le, route) (rate(latency_seconds_bucket{route="/x"}[5m]))) > 1',
      'quantile(95, rate(x[5m])) / on (job) group_left (a) quantile_over_time(0.5, y[10m:1m]) or vector(1)',
      'sum by (route (x)',
      '-(a offset 5m) @ 100 unless absent(b{c=~"d"})',
      many(60, (i) => `quantile(0.${i}, x{i="${i}"})`, ' + '),
    ];
    for (const text of texts) {
      const parsed = parsePromql(text);
      for (const { tree, root } of [flatRoot(parsed)!, { tree: flatten(parsed.root!, parser.nodeSet), root: 0 }]) {
        expect(inOrder(tree, root), text).toEqual(recursively(tree, root));
        const inner = tree.firstChild(root);
        expect(tree.next(inner, tree.endOf(root)), text).toBeGreaterThan(0);
        expect(inOrder(tree, inner), text).toEqual(recursively(tree, inner));
        // Found by name and span, as a check finds a call again.
        for (let n = root; n < tree.endOf(root); n += NODE_SIZE) expect(tree.find(root, tree.name(n), tree.from(n), tree.to(n))).toBeLessThanOrEqual(n);
      }
    }
  });

  it('finds the root of a stored parse after a comment, and none where there is no expression', () => {
    const parsed = parsePromql('# first a comment\nsum(up)');
    const flat = flatRoot(parsed)!;
    expect(flat.tree.name(flat.root)).toBe('AggregateExpr');
    expect(flat.tree.from(flat.root)).toBe('# first a comment\n'.length);
    expect(flatRoot(parsePromql('# only a comment'))).toBeUndefined();
    expect(flatRoot({ ...parsePromql('up'), root: undefined })).toBeUndefined();
    // A blank expression's root is whatever node lezer put first (its "empty expression" is reported apart).
    const blank = parsePromql('');
    expect(flatRoot(blank) && fromFlat(flatRoot(blank)!.tree, flatRoot(blank)!.root)).toEqual(blank.root && fromNodes(blank.root));
  });
});
