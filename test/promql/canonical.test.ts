/** Issue 22: expressions compared for meaning after a round trip: the trees, not the spelling. */
import { describe, expect, it } from 'vitest';
import { canonicalPromql, samePromql } from '../../src/promql/canonical.js';

describe('canonical PromQL', () => {
  it('ignores layout, comments and string quoting', () => {
    expect(samePromql('sum by (job) (rate(x{a="b"}[5m])) > 1', "sum by(job)(\n  rate(x{a='b'}[5m])  # why\n)\n> 1")).toBe(true);
    expect(samePromql('x{a="\\\\d"}', 'x{a=`\\d`}')).toBe(true);
    expect(samePromql('SUM(x)', 'sum(x)')).toBe(true);
  });

  it('tells apart every change of meaning: names, matchers, numbers, ranges, grouping, operators', () => {
    const base = 'sum by (job) (rate(x{a="b"}[5m])) > 1';
    for (const other of [
      'sum by (job) (rate(y{a="b"}[5m])) > 1',
      'sum by (job) (rate(x{a!="b"}[5m])) > 1',
      'sum by (job) (rate(x{a="c"}[5m])) > 1',
      'sum by (job) (rate(x{a="b"}[1m])) > 1',
      'sum by (instance) (rate(x{a="b"}[5m])) > 1',
      'sum without (job) (rate(x{a="b"}[5m])) > 1',
      'sum by (job) (rate(x{a="b"}[5m])) >= 1',
      'sum by (job) (rate(x{a="b"}[5m])) > 2',
      'sum by (job) (irate(x{a="b"}[5m])) > 1',
      'sum by (job) (rate(x{a="b"}[5m])) > bool 1',
    ]) {
      expect(samePromql(base, other), other).toBe(false);
    }
  });

  it('gives no canonical form to what does not parse', () => {
    expect(canonicalPromql('sum(')).toBeUndefined();
  });
});
