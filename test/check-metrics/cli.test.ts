// `totem-mon check-metrics <url|file>`: exit codes and report formats, on saved expositions and
// on the live prom-client exporter of the e2e tests (the Totem catalogue through promClientMetrics).
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, REPO, runCli, tempDir } from '../helpers/cli.js';
import { jsonReportSchema } from '../../src/report/json.js';
import { startExporter } from '../e2e/stack.js';

const SHOP = path.join(FIXTURES, 'instrument/shop');
const GOOD = `# HELP shop_orders_total Orders "placed" at the shop
# TYPE shop_orders_total counter
shop_orders_total{status="paid",from="web"} 1
# HELP shop_queue_length Orders waiting
# TYPE shop_queue_length gauge
shop_queue_length 2
# HELP shop_stock_items Items in stock
# TYPE shop_stock_items gauge
shop_stock_items{value="apples"} 3
# HELP shop_latency_seconds Checkout latency
# TYPE shop_latency_seconds histogram
shop_latency_seconds_bucket{le="0.05"} 0
shop_latency_seconds_bucket{le="0.1"} 0
shop_latency_seconds_bucket{le="0.25"} 1
shop_latency_seconds_bucket{le="1"} 1
shop_latency_seconds_bucket{le="2.5"} 1
shop_latency_seconds_bucket{le="+Inf"} 1
shop_latency_seconds_sum 0.2
shop_latency_seconds_count 1
# HELP shop_basket_items Items per basket
# TYPE shop_basket_items summary
shop_basket_items_sum{shop="a"} 4
shop_basket_items_count{shop="a"} 1
`;

function saved(text: string): string {
  const file = path.join(tempDir('totem-mon-exposition-'), 'metrics.txt');
  writeFileSync(file, text);
  return file;
}

describe('check-metrics', () => {
  it('exits 0 on an exposition that is the catalogue', async () => {
    const result = await runCli(['check-metrics', saved(GOOD), '--definitions', SHOP]);
    expect(result.stdout).toMatch(/^check-metrics ok: 5 metric families in .* against 5 catalogue metrics \(the application\) · 0 errors, 0 warnings\n$/);
    expect(result.code).toBe(0);
  });

  it('exits 1 with findings at the definitions, in every report format', async () => {
    const file = saved(GOOD.replaceAll('shop_latency_seconds', 'shop_latency_milliseconds'));
    const text = await runCli(['check-metrics', file, '--definitions', SHOP]);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain('error [metrics/unit-suffix] shop/index.ts:8 › metrics › shop_latency_seconds: metric shop_latency_seconds is missing; the target exposes shop_latency_milliseconds instead');

    const json = await runCli(['check-metrics', file, '--definitions', SHOP, '--format', 'json']);
    expect(json.code).toBe(1);
    const report = jsonReportSchema.parse(JSON.parse(json.stdout));
    expect(report.diagnostics.map((d) => [d.id, d.location?.line])).toEqual([['metrics/unit-suffix', 8]]);

    const github = await runCli(['check-metrics', file, '--definitions', SHOP, '--format', 'github']);
    expect(github.stdout).toMatch(/^::error file=.*shop\/index\.ts,line=8,col=\d+,title=metrics\/unit-suffix::/);
  });

  it('--strict makes an unexpected metric an error', async () => {
    const file = saved(`${GOOD}# HELP extra_total x\n# TYPE extra_total counter\nextra_total 1\n`);
    expect((await runCli(['check-metrics', file, '--definitions', SHOP])).code).toBe(0);
    expect((await runCli(['check-metrics', file, '--definitions', SHOP, '--strict'])).code).toBe(1);
  });

  it('--exporter compares with that exporter\'s metrics', async () => {
    const file = saved('# HELP node_load1 Load\n# TYPE node_load1 gauge\nnode_load1 0.3\n');
    const result = await runCli(['check-metrics', file, '--definitions', SHOP, '--exporter', 'node_exporter']);
    expect(result.stdout).toContain('against 1 catalogue metric (node_exporter)');
    expect(result.code).toBe(0);
    const unknown = await runCli(['check-metrics', file, '--definitions', SHOP, '--exporter', 'nope']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('no metric of the catalogue is exported by "nope"');
  });

  it('exits 1 on text that is not an exposition, 2 on a source it cannot read or a bad format', async () => {
    const garbage = await runCli(['check-metrics', saved('<html>\n'), '--definitions', SHOP]);
    expect(garbage.code).toBe(1);
    expect(garbage.stdout).toContain('[metrics/parse]');
    const missing = await runCli(['check-metrics', '/nonexistent/metrics.txt', '--definitions', SHOP]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('cannot read /nonexistent/metrics.txt: ENOENT');
    const down = await runCli(['check-metrics', 'http://127.0.0.1:1/metrics', '--definitions', SHOP]);
    expect(down.code).toBe(2);
    expect(down.stderr).toContain('cannot scrape http://127.0.0.1:1/metrics');
    expect((await runCli(['check-metrics', saved(GOOD), '--definitions', SHOP, '--format', 'xml'])).code).toBe(2);
  });

  it("e2e: the prom-client exporter serving Totem's catalogue passes against Totem's definitions", async () => {
    const exporter = await startExporter();
    try {
      const result = await runCli(['check-metrics', `http://${exporter.address}/metrics`, '--definitions', path.join(REPO, 'definitions'), '--format', 'json']);
      const report = jsonReportSchema.parse(JSON.parse(result.stdout));
      // Labelled metrics the exporter never records have no series yet: said, not failed.
      expect(report.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
      expect(report.diagnostics.map((d) => d.id)).toEqual(report.diagnostics.map(() => 'metrics/no-samples'));
      expect(result.code).toBe(0);
    } finally {
      await exporter.stop();
    }
  }, 60_000);
});
