/**
 * Issue 22: with `--metrics <url|file>`, the exposition's TYPE, HELP and buckets replace the
 * catalogue's guesses; a metric it does not have keeps them, and says so.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, runCli } from '../helpers/cli.js';
import { importProject } from '../helpers/imported.js';
import { importReportSchema } from '../../src/report/import.js';
import { withExposition } from '../../src/import/exposition.js';
import { parseExposition } from '../../src/exposition/families.js';
import type { InferredMetric } from '../../src/import/catalogue.js';

const RULES = path.join(FIXTURES, 'import/rules');
const METRICS = path.join(FIXTURES, 'import/metrics/shop.prom');


describe('import --metrics', () => {
  it('takes types, help, buckets and label names from the exposition; the rest stays a reviewed guess', async () => {
    const { root, into } = importProject();
    const result = await runCli(['import', RULES, '--into', into, '--metrics', METRICS, '--format', 'json']);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const catalogue = readFileSync(path.join(into, 'catalogue.ts'), 'utf8');
    expect(catalogue).toContain(`// from the exposition ${METRICS}: type, help, buckets\nexport const shopCheckoutDurationSeconds = histogram({`);
    expect(catalogue).toMatch(/name: 'shop_checkout_duration_seconds',\s+help: 'Time to check out\.',\s+buckets: \[0\.5, 1, 2\]/);
    expect(catalogue).toMatch(/name: 'shop_requests_total', help: 'Requests served by the shop API\.', labels: \['code', 'method'\]/);
    expect(catalogue).toMatch(/\/\/ guess: gauge: nothing says it is a counter[^\n]*\n(\/\/[^\n]*\n)*export const up = gauge/);
    const report = importReportSchema.parse(JSON.parse(result.stdout));
    expect(report.items.filter((i) => i.what.startsWith('metric ')).map((i) => [i.status, i.what, i.reason])).toEqual([
      ['converted', 'metric shop_checkout_duration_seconds', 'type, help, buckets from the exposition'],
      ['converted', 'metric shop_queue_length', 'type, help from the exposition'],
      ['converted', 'metric shop_requests_total', 'type, help from the exposition'],
      ['guessed', 'metric up', 'not in the exposition: its guesses stay'],
    ]);
    const generate = await runCli(['generate', '--definitions', into, '--out', path.join(root, 'out')]);
    expect(generate.code, generate.stdout + generate.stderr).toBe(0);
  });

  it('scrapes a URL as check-metrics does', async () => {
    const server = createServer((_, res) => res.end(readFileSync(METRICS)));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    try {
      const { into } = importProject();
      const result = await runCli(['import', RULES, '--into', into, '--metrics', `http://127.0.0.1:${port}/metrics`]);
      expect(result.code, result.stderr).toBe(0);
      expect(readFileSync(path.join(into, 'catalogue.ts'), 'utf8')).toContain("help: 'Time to check out.'");
    } finally {
      server.close();
    }
  });

  it('an exposition that is not one is a usage error (exit 2), and nothing is written', async () => {
    const { root, into } = importProject();
    const bad = path.join(root, 'page.html');
    writeFileSync(bad, '<html>not found</html>\n');
    const result = await runCli(['import', RULES, '--into', into, '--metrics', bad]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('is not a metrics exposition');
  });

  it('lets the exposition correct the inference: a lone X_sum the rules read is part of histogram X', async () => {
    const families = await parseExposition('# HELP rpc_seconds RPC time.\n# TYPE rpc_seconds histogram\nrpc_seconds_bucket{le="1",method="get"} 1\nrpc_seconds_bucket{le="+Inf",method="get"} 1\nrpc_seconds_sum{method="get"} 1\nrpc_seconds_count{method="get"} 1\n');
    const guessed: InferredMetric = { name: 'rpc_seconds_sum', type: 'gauge', labels: ['method'], why: ['gauge: …'] };
    const { metrics, items } = withExposition([guessed], families, 'm.prom');
    expect(metrics).toEqual([{ name: 'rpc_seconds', type: 'histogram', labels: ['method'], why: [], help: 'RPC time.', buckets: [1], from: 'm.prom' }]);
    expect(items[0]!.reason).toBe('type, help, buckets from the exposition (the rules alone suggested gauge rpc_seconds_sum)');
  });
});
