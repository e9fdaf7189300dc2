/**
 * Issue 16 (memory): a parse keeps its tree as node data in blocks shared by many trees and
 * rebuilds it when read (src/promql/stored-tree.ts). The rebuilt tree must be the parsed one, node
 * for node (type, name, position, in order), its root and its calls' argument nodes too, for every
 * expression a run meets, across many blocks; a tree of another shape is kept as lezer built it.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parser } from '@prometheus-io/lezer-promql';
import { TreeBuffer, type Tree } from '@lezer/common';
import { expressionChildren, parsePromql } from '../../src/promql/parse.js';
import { analyzePromql } from '../../src/promql/analyze.js';
import { storeTree } from '../../src/promql/stored-tree.js';
import { REPO, tempDir } from '../helpers/cli.js';
import { definitionTexts } from '../helpers/promql-texts.js';
import { seriesLookup } from '../helpers/promql-series.js';
import { argumentSpans } from '../helpers/call-arguments.js';
// @ts-expect-error: the benchmark's definitions generator is plain JavaScript, without types
import { synthesize } from '../../bench/synth.mjs';

/** Every node of a tree, depth first: its type's id and name and its span. */
function nodes(tree: Tree): Array<[number, string, number, number]> {
  const out: Array<[number, string, number, number]> = [];
  const cursor = tree.cursor();
  do out.push([cursor.type.id, cursor.name, cursor.from, cursor.to]);
  while (cursor.next());
  return out;
}

const span = (node: { name: string; from: number; to: number } | undefined | null) => node && [node.name, node.from, node.to];

/** Texts of every kind the parser meets: errors, comments, strings with escapes, modifiers, subqueries, odd spacing. */
const CORPUS = [
  'sum by (route) (rate(http_requests_total{code=~"5..", job="api"}[5m])) / sum by (route) (rate(http_requests_total{job="api"}[5m])) > 0.05',
  'histogram_quantile(0.99, sum by (le) (rate(latency_seconds_bucket[5m]))) > 1',
  'absent(up{job="x"} == 1) or absent_over_time(up[10m])',
  'max_over_time(queue_length[10m:1m] offset -5m) - queue_length @ start() + -queue_length',
  'label_replace(x, "dst", "$1", "src", "(.*)") * on (job) group_left (version) build_info',
  '{"odd:series", "ab"="x\\"y", c!=`raw`} * on ("ab") {__name__="odd:series"}',
  'rate(x[5 m])',
  'sum by (route (x)',
  'sum(',
  'queue_length # a comment',
  '# a comment\nqueue_length\n  ',
  '  up  ',
  '1',
  '"a string"',
  'quantile(95, x) + quantile_over_time(-1, y[5m])',
  'rate(sum(x)[5m:]) and bool 1',
];

describe('parse trees stored as node data', () => {
  it('rebuild the very tree lezer parsed, its root and its calls’ argument nodes, for every expression of Totem and a synthetic set', async () => {
    const synthetic = synthesize(path.join(tempDir(), 'synth'), { alerts: 600, groups: 3, dashboards: 6, panels: 20, metrics: 30, receivers: 3 }) as string;
    const texts = [...CORPUS, ...(await definitionTexts(path.join(REPO, 'definitions'))), ...(await definitionTexts(synthetic))];
    // Enough node data to fill several blocks, so that trees at a block's end and start are met.
    expect(texts.reduce((n, t) => n + nodes(parser.parse(t)).length, 0) * 4).toBeGreaterThan(4 * 32 * 1024);
    // Parsed all first, read after: a stored tree must not be changed by the trees stored after it.
    const parses = texts.map((text) => parsePromql(text));
    let stored = 0;
    texts.forEach((text, i) => {
      const parsed = parses[i]!;
      const fresh = parser.parse(text);
      if (!Object.prototype.hasOwnProperty.call(parsed, 'tree')) stored++;
      expect(nodes(parsed.tree)).toEqual(nodes(fresh));
      expect(parsed.tree.length).toBe(fresh.length);
      expect(parsed.tree.toString()).toBe(fresh.toString());
      expect(span(parsed.root)).toEqual(text.trim() === '' ? span(fresh.topNode.firstChild) : span(expressionChildren(fresh.topNode)[0]));
      // A call finds its argument nodes again in the rebuilt tree: the ones a walk of lezer's tree finds.
      for (const call of analyzePromql(text, seriesLookup, parsed).calls) {
        const cursor = fresh.cursor();
        let args: unknown[] | undefined;
        do {
          if (cursor.name === 'FunctionCall' && cursor.from === call.from && cursor.to === call.to) {
            const body = cursor.node.getChild('FunctionCallBody');
            args = body ? expressionChildren(body).map(span) : [];
          }
        } while (args === undefined && cursor.next());
        expect(argumentSpans(call)).toEqual(args);
      }
    });
    // Nearly every expression is stored (those that are not: blank ones and a tree of another shape).
    expect(stored).toBeGreaterThan(texts.length - 5);
  }, 120_000);

  it('keep a tree of another shape as lezer built it', () => {
    // A longer expression: lezer's tree holds a tree of its own, not one buffer.
    const long = Array.from({ length: 50 }, (_, i) => `queue_length{queue="q${i}"}`).join(' + ');
    const tree = parser.parse(long);
    expect(tree.children.length === 1 && tree.children[0] instanceof TreeBuffer).toBe(false);
    expect(storeTree(tree)).toBeUndefined();
    const parsed = parsePromql(long);
    expect(parsed.errors).toEqual([]);
    expect(parsed.tree).toBe(parsed.tree);
    expect(nodes(parsed.tree)).toEqual(nodes(tree));
  });
});
