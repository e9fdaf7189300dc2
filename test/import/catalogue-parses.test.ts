/**
 * Issue 16: import's catalogue inference (src/import/catalogue.ts) analyses every rule once, then
 * again in each round that closes the catalogue's gaps, and builds a catalogue of the recording
 * rules each round: each expression is parsed once for all of them (counted at lezer itself).
 */
import { describe, expect, it, vi } from 'vitest';
import { parser } from '@prometheus-io/lezer-promql';
import { inferCatalogue, type RuleUse } from '../../src/import/catalogue.js';

const RULES: RuleUse[] = [
  { kind: 'record', name: 'job:requests:rate5m', expr: 'sum by (job, route) (rate(requests_total{code=~"5.."}[5m]))' },
  // Vector matching: `route` on one side only is a label the other side's series must carry (a second round).
  { kind: 'alert', name: 'Errors', expr: 'rate(errors_total[5m]) / on (job) group_left job:requests:rate5m > 0.1', annotations: { summary: '{{ $labels.route }}' } },
  { kind: 'alert', name: 'Slow', expr: 'histogram_quantile(0.9, sum by (le) (rate(latency_seconds_bucket[5m]))) > 1' },
  { kind: 'alert', name: 'Down', expr: 'up == 0' },
];

describe('the catalogue inference of import', () => {
  it('parses each expression once, whatever the rounds', () => {
    const counts = new Map<string, number>();
    const parse = parser.parse.bind(parser);
    const spy = vi.spyOn(parser, 'parse').mockImplementation((input, ...rest) => {
      if (typeof input === 'string') counts.set(input, (counts.get(input) ?? 0) + 1);
      return parse(input, ...rest);
    });
    let metrics;
    try {
      metrics = inferCatalogue(RULES);
    } finally {
      spy.mockRestore();
    }
    expect(metrics.map((m) => m.name)).toEqual(['errors_total', 'latency_seconds', 'requests_total', 'up']);
    expect([...counts.keys()].sort()).toEqual(RULES.map((r) => r.expr).sort());
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
  });
});
