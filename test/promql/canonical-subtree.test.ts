/**
 * canonicalSubtree (src/promql/canonical.ts) writes a node of a parse walked as numbers as
 * canonicalPromql writes a parsed expression: a check compares parts of an expression it has by
 * it, without parsing them again (each distinct text is parsed once a run: test/model/promql-table.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { canonicalPromql, canonicalSubtree } from '../../src/promql/canonical.js';
import { flatRoot, parsePromql } from '../../src/promql/parse.js';

const EXPRESSIONS = [
  'up',
  'sum by (job) (rate(http_requests_total{code=~"5.."}[5m])) / sum by (job) (rate(http_requests_total[5m])) > 0.05',
  "SUM BY (job) (rate(x{a='b'}[5m] offset 1h)) and on (job) y # a comment",
  'histogram_quantile(0.9, sum without (instance) (rate(x_bucket[5m:1m])))',
  'label_replace(up, "dst", "$1", "src", "(.*)") unless ignoring (dst) vector(1)',
  '-(x) ^ 2 % 3 @ end()',
];

describe('canonicalSubtree', () => {
  it.each(EXPRESSIONS)('writes the expression as canonicalPromql does: %s', (text) => {
    const flat = flatRoot(parsePromql(text))!;
    expect(`PromQL(${canonicalSubtree(text, flat.tree, flat.root)})`).toBe(canonicalPromql(text));
  });

  it('is equal for the same expression however spaced, quoted or cased, and differs otherwise', () => {
    const of = (text: string) => {
      const flat = flatRoot(parsePromql(text))!;
      return canonicalSubtree(text, flat.tree, flat.root);
    };
    expect(of('sum by(job)(rate(x{a="b"}[5m]))')).toBe(of("SUM BY (job) ( rate( x{a='b'} [5m] ) )"));
    expect(of('rate(x[5m])')).not.toBe(of('rate(x[1m])'));
    expect(of('x{a="b"}')).not.toBe(of('x{a="c"}'));
  });
});
