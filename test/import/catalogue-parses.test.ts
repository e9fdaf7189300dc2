/**
 * Issue 16: import's catalogue inference (src/import/catalogue.ts) analyses every rule once, then
 * again in each round that closes the catalogue's gaps, and builds a catalogue of the recording
 * rules each round; import then runs the stages on what it made, once per round of `ignore`s. Each
 * expression is parsed once for all of them (counted where parses are asked for).
 */
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { observeParses } from '../../src/promql/parse.js';
import { inferCatalogue, type RuleUse } from '../../src/import/catalogue.js';
import { importFiles } from '../../src/app/import.js';
import { FIXTURES, tempDir } from '../helpers/cli.js';

/** The parses asked for, by text, while `run` runs (src/promql/parse.ts observeParses). */
async function parsesDuring(run: () => unknown): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  observeParses((text) => counts.set(text, (counts.get(text) ?? 0) + 1));
  try {
    await run();
  } finally {
    observeParses(undefined);
  }
  return counts;
}

const RULES: RuleUse[] = [
  { kind: 'record', name: 'job:requests:rate5m', expr: 'sum by (job, route) (rate(requests_total{code=~"5.."}[5m]))' },
  // Vector matching: `route` on one side only is a label the other side's series must carry (a second round).
  { kind: 'alert', name: 'Errors', expr: 'rate(errors_total[5m]) / on (job) group_left job:requests:rate5m > 0.1', annotations: { summary: '{{ $labels.route }}' } },
  { kind: 'alert', name: 'Slow', expr: 'histogram_quantile(0.9, sum by (le) (rate(latency_seconds_bucket[5m]))) > 1' },
  { kind: 'alert', name: 'Down', expr: 'up == 0' },
];

describe('the catalogue inference of import', () => {
  it('parses each expression once, whatever the rounds', async () => {
    let metrics: ReturnType<typeof inferCatalogue> = [];
    const counts = await parsesDuring(() => (metrics = inferCatalogue(RULES)));
    expect(metrics.map((m) => m.name)).toEqual(['errors_total', 'latency_seconds', 'requests_total', 'up']);
    expect([...counts.keys()].sort()).toEqual(RULES.map((r) => r.expr).sort());
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
  });

  it('parses each expression once for the inference and the runs of the stages on the imported project', async () => {
    const into = path.join(tempDir(), 'definitions');
    let converted = 0;
    const counts = await parsesDuring(async () => {
      const result = await importFiles({ inputs: [path.join(FIXTURES, 'import/rules')], into, dryRun: true });
      converted = result.items.filter((i) => i.status === 'converted').length;
    });
    expect(converted).toBeGreaterThan(0);
    expect(counts.size).toBeGreaterThan(0);
    expect([...counts].filter(([, n]) => n > 1)).toEqual([]);
  });
});
