/**
 * Issue 16: PromQL parsed while the definitions load (src/promql/early.ts). A parse taken from the
 * table must be the parse the checks' context makes of the same text, whatever the text; texts the
 * table cannot vouch for (near lezer's limits) are never in it.
 */
import { describe, expect, it } from 'vitest';
import { EarlyParses } from '../../src/promql/early.js';
import { parsePromql, type ParsedExpr } from '../../src/promql/parse.js';
import { substituteGrafanaVariables } from '../../src/promql/grafana-variables.js';

/** Everything of a parse that the analysis reads, as comparable data. */
function shape(parsed: ParsedExpr): unknown {
  return {
    text: parsed.text,
    tree: parsed.tree.toString(),
    length: parsed.tree.length,
    root: parsed.root ? { name: parsed.root.name, from: parsed.root.from, to: parsed.root.to } : undefined,
    errors: parsed.errors,
    parts: parsed.parts,
    limits: parsed.limits,
  };
}

const TEXTS = [
  'up',
  'sum by (job) (rate(http_requests_total{status=~"5.."}[5m])) / sum by (job) (rate(http_requests_total[5m])) > 0.05',
  'histogram_quantile(0.95, sum by (le) (rate(x_bucket[5m])))',
  '# a comment\nup == 0',
  'sum(rate(x[5m]) by (job)',
  'rate(x[5m]',
  '',
  '   ',
  'foo{a="b" ,}',
  'a + on(job) group_left(x) b',
  'x offset 5m @ 100',
  'rate(x[$__rate_interval])',
  'sum by ($group) (rate(x{job="$job"}[$__interval]))',
];

describe('early parses', () => {
  it('holds, for each text told, the very parse parsePromql makes (Grafana variables substituted, as the checks analyse panel queries)', () => {
    const early = new EarlyParses();
    early.add(TEXTS);
    early.drain();
    for (const told of TEXTS) {
      const text = substituteGrafanaVariables(told);
      const taken = early.take(text);
      expect(taken, text).toBeDefined();
      expect(shape(taken!)).toEqual(shape(parsePromql(text)));
      if (text !== told) expect(early.take(told)).toBeUndefined();
    }
    expect(early.size).toBe(new Set(TEXTS.map(substituteGrafanaVariables)).size);
  });

  it('leaves out texts near lezer limits (long, or many brackets): those are parsed where they are needed', () => {
    const deep = `${'('.repeat(250)}up${')'.repeat(250)}`;
    const long = Array.from({ length: 200 }, (_, i) => `metric_${i}`).join(' + ');
    expect(long.length).toBeGreaterThanOrEqual(2_000);
    const early = new EarlyParses();
    early.add([deep, long, 'up']);
    early.drain();
    expect(early.take(deep)).toBeUndefined();
    expect(early.take(long)).toBeUndefined();
    expect(early.take('up')).toBeDefined();
  });

  it('parses in slices between events, not while texts are told', async () => {
    const early = new EarlyParses();
    const many = Array.from({ length: 300 }, (_, i) => `rate(m${i}[5m])`);
    early.add(many);
    expect(early.size).toBe(0);
    for (let i = 0; i < 20 && early.size < many.length; i++) await new Promise((resolve) => setImmediate(resolve));
    expect(early.size).toBe(many.length);
    expect(shape(early.take('rate(m7[5m])')!)).toEqual(shape(parsePromql('rate(m7[5m])')));
  });

  it('stops: what is pending is dropped, what comes later is ignored; release forgets every parse', async () => {
    const early = new EarlyParses();
    early.add(['a', 'b']);
    early.drain();
    early.add(['c']);
    early.stop();
    early.add(['d']);
    await new Promise((resolve) => setImmediate(resolve));
    early.drain();
    expect(['a', 'b', 'c', 'd'].map((t) => early.take(t) !== undefined)).toEqual([true, true, false, false]);
    early.release();
    expect(early.take('a')).toBeUndefined();
    expect(early.size).toBe(0);
  });
});
