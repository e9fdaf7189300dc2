/**
 * Issue 16: texts that differ only in their string and number literals are parsed once per shape
 * (src/promql/shapes.ts) and each gets the shape's tree with its own positions. That tree must be
 * the one lezer parses from the text itself, node for node; a literal that could change a token
 * must leave the text without a shape (it is then parsed alone).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parser } from '@prometheus-io/lezer-promql';
import type { Tree } from '@lezer/common';
import { parsedByShape, parsePromql } from '../../src/promql/parse.js';
import { lezerText } from '../../src/promql/lezer-text.js';
import { MAX_SHAPED_LENGTH, shapeOf, textPosition } from '../../src/promql/shapes.js';
import { FIXTURES, REPO } from '../helpers/cli.js';
import { definitionTexts } from '../helpers/promql-texts.js';

function nodes(tree: Tree): Array<[string, number, number]> {
  const out: Array<[string, number, number]> = [];
  const cursor = tree.cursor();
  do out.push([cursor.name, cursor.from, cursor.to]);
  while (cursor.next());
  return out;
}

/** The text with each double-quoted string and plain number written another way (other lengths too). */
function variants(text: string): string[] {
  const strings = [(s: string) => `"${s.slice(1, -1)}-longer-value"`, () => '""', () => '"\\"x\\\\"', () => '`raw"\'`', () => "'single'"];
  const numbers = ['123456.75', '7', '0.5'];
  return strings.map((write, i) =>
    text.replace(/"(?:[^"\\\n]|\\.)*"/g, (s) => write(s)).replace(/(?<![\w:.])\d+(?:\.\d+)?(?![\w.])/g, () => numbers[i % numbers.length]!),
  );
}

/** Texts of every construct: matchers of each kind, quoted names, modifiers, subqueries, @, offsets, unary signs, calls with literals. */
const CONSTRUCTS = [
  'sum by (route) (rate(http_requests_total{code=~"5..", job="api"}[5m])) / sum by (route) (rate(http_requests_total{job="api"}[5m])) > 0.05',
  'histogram_quantile(0.99, sum by (le) (rate(latency_seconds_bucket{le!="+Inf"}[5m]))) > 1.5',
  '{"odd.series", "a.b"="x\\"y", c!=`raw`} * on ("a.b") group_left ("c.d") {__name__="odd.series"}',
  'max_over_time(rate(x{a="1"}[5m])[1h:30s] offset -5m) - x @ 1609746000 + -3 * +x',
  'label_replace(up{job="a"}, "dst", "$1", "src", "(.*)") > bool 0',
  'topk(3, x) or quantile(0.9, x) unless count_values("v", x)',
  'x offset 300 + x[300:60] and x @ start()',
  "absent(up{job='single'} == 1) or vector(1)",
  'clamp(x, -1, 100) + 1e3 + 0x1f + 1_000 + .5 + 2.50',
  'x{a="multi\\nline"} / ignoring(b) y{b=~"a|b"} == 12',
];

describe('expressions of one shape', () => {
  it('replace only literals that cannot change a token', () => {
    expect(shapeOf('rate(x{job="api"}[5m]) > 0.5')?.text).toBe('rate(x{job=""}[5m]) > 0');
    expect(shapeOf("x{a='b', c=`d`}")?.text).toBe('x{a="", c=""}');
    expect(shapeOf('x{a="say \\"hi\\""} > 10')?.text).toBe('x{a=""} > 0');
    // Exponents, hexadecimal, underscores, a leading dot, durations and digits in names keep their text.
    expect(shapeOf('x1 + 1e3 + 0x1f + 1_000 + .5 + x[1h30m] + job:rate5m + 5.')).toBeUndefined();
    expect(shapeOf('x + 12')?.text).toBe('x + 0');
    // Already of their shape.
    expect(shapeOf('x{a=""} > 0')).toBeUndefined();
    expect(shapeOf('up')).toBeUndefined();
  });

  it('leave texts without a shape where a literal is not certain', () => {
    expect(shapeOf('x{a="unterminated}')).toBeUndefined();
    expect(shapeOf('x{a="line\nbreak"}')).toBeUndefined();
    expect(shapeOf("x{a='it'}\n# a comment's quote")).toBeUndefined();
    expect(shapeOf('x{a="#"}')).toBeUndefined();
    expect(shapeOf('x{a=`never closed}')).toBeUndefined();
    expect(shapeOf(`x{a="${'v'.repeat(MAX_SHAPED_LENGTH)}"}`)).toBeUndefined();
  });

  it('move positions by the literals replaced before them', () => {
    const shape = shapeOf('x{a="long"} > 100')!;
    expect(shape.text).toBe('x{a=""} > 0');
    expect([0, 4, 6, 7, 10, 11].map((p) => textPosition(shape, p))).toEqual([0, 4, 10, 11, 14, 17]);
    // Inside a replaced literal: no place in the text.
    expect(textPosition(shape, 5)).toBe(-1);
  });

  it('give every text the tree lezer parses from the text itself', async () => {
    const golden = JSON.parse(readFileSync(path.join(FIXTURES, 'promql-analyses/golden.json'), 'utf8')) as { corpus: Array<{ text?: unknown }> };
    const texts = [...CONSTRUCTS, ...golden.corpus.flatMap((c) => (typeof c.text === 'string' ? [c.text] : [])), ...(await definitionTexts(path.join(REPO, 'definitions')))];
    let shaped = 0;
    for (const text of texts.flatMap((t) => [t, ...variants(t)])) {
      const fresh = parser.parse(lezerText(text));
      const byShape = parsedByShape(text);
      if (byShape) {
        shaped++;
        expect(byShape.errors).toEqual([]);
        expect(nodes(byShape.tree), text).toEqual(nodes(fresh));
        expect(byShape.tree.toString()).toBe(fresh.toString());
        expect(byShape.tree.length).toBe(fresh.length);
      }
      // parsePromql gives the same tree, shaped or not.
      expect(nodes(parsePromql(text).tree), text).toEqual(nodes(fresh));
    }
    // Most texts have a shape: the comparison above is of shaped parses, not of texts parsed alone.
    expect(shaped).toBeGreaterThan(texts.length * 3);
  }, 120_000);

  it('parse a text alone when its shape has a syntax error, with the error where the text has it', () => {
    const text = 'sum(rate(x{job="a-long-job-name"}[5m]) > 10';
    expect(parsedByShape(text)).toBeUndefined();
    const parsed = parsePromql(text);
    expect(parsed.errors).toHaveLength(1);
    expect(parsed.errors[0]!.from).toBe(text.length);
  });
});
