// An exposition against the catalogue, parsed by the real exposition parser: each kind of finding,
// pinned, and an exposition that matches says nothing.
import { describe, expect, it } from 'vitest';
import { counter, defineProject, gauge, histogram, scrapeJob, summary } from '../../src/index.js';
import { parseProject } from '../../src/model/parse.js';
import { buildModel } from '../../src/model/build.js';
import { compareExposition } from '../../src/exposition/compare.js';
import { parseExposition } from '../../src/exposition/families.js';

const orders = counter({ name: 'shop_orders_total', help: 'Orders placed', labels: ['status'] });
const queue = gauge({ name: 'shop_queue_length', help: 'Orders waiting' });
const latency = histogram({ name: 'shop_latency_seconds', help: 'Checkout latency', buckets: [0.1, 0.5, 1], unit: 'seconds' });
const size = summary({ name: 'shop_basket_items', help: 'Items per basket', labels: ['shop'] });
const load = gauge({ name: 'node_load1', help: 'Load', exporter: 'node_exporter' });

const metrics = (() => {
  const parsed = parseProject(defineProject({ name: 'shop', metrics: [orders, queue, latency, size, load], prometheus: { scrapeJobs: [scrapeJob({ name: 'shop', targets: ['shop:1'] })] } }));
  if (!parsed.ok) throw new Error('fixture');
  return buildModel(parsed.project, 'test/index.ts').metrics;
})();
const application = metrics.filter((m) => m.exporter === undefined);
const others = metrics.filter((m) => m.exporter !== undefined);

const GOOD = `# HELP shop_orders_total Orders placed
# TYPE shop_orders_total counter
shop_orders_total{status="paid"} 3
shop_orders_total{status="failed"} 1
# HELP shop_queue_length Orders waiting
# TYPE shop_queue_length gauge
shop_queue_length 2
# HELP shop_latency_seconds Checkout latency
# TYPE shop_latency_seconds histogram
shop_latency_seconds_bucket{le="0.1"} 1
shop_latency_seconds_bucket{le="0.5"} 2
shop_latency_seconds_bucket{le="1"} 3
shop_latency_seconds_bucket{le="+Inf"} 3
shop_latency_seconds_sum 1.2
shop_latency_seconds_count 3
# HELP shop_basket_items Items per basket
# TYPE shop_basket_items summary
shop_basket_items_sum{shop="a"} 10
shop_basket_items_count{shop="a"} 2
`;

async function compare(text: string) {
  return compareExposition(await parseExposition(text), application, others).map((d) => ({ id: d.id, severity: d.severity, message: d.message, path: d.path }));
}

const at = (name: string) => ['metrics', name];

describe('check-metrics: an exposition against the catalogue', () => {
  it('says nothing when the exposition is the catalogue', async () => {
    expect(await compare(GOOD)).toEqual([]);
  });

  it("takes prometheus_client's _created series as part of their counter, histogram or summary", async () => {
    const created = `${GOOD}# HELP shop_orders_created Orders placed\n# TYPE shop_orders_created gauge\nshop_orders_created{status="paid"} 1.7e9\n# HELP shop_latency_seconds_created Checkout latency\n# TYPE shop_latency_seconds_created gauge\nshop_latency_seconds_created 1.7e9\n`;
    expect(await compare(created)).toEqual([]);
  });

  it('reports a missing metric at its definition', async () => {
    expect(await compare(GOOD.replace(/# HELP shop_queue_length[\s\S]*?shop_queue_length 2\n/, ''))).toEqual([
      { id: 'metrics/missing', severity: 'error', message: 'metric shop_queue_length (gauge) is in the catalogue but not in the exposition', path: at('shop_queue_length') },
    ]);
  });

  it('reports a metric present only with another unit suffix', async () => {
    expect(await compare(GOOD.replaceAll('shop_latency_seconds', 'shop_latency_milliseconds'))).toEqual([
      {
        id: 'metrics/unit-suffix',
        severity: 'error',
        message: 'metric shop_latency_seconds is missing; the target exposes shop_latency_milliseconds instead (unit milliseconds, the catalogue says seconds)',
        path: at('shop_latency_seconds'),
      },
    ]);
  });

  it('reports a wrong type', async () => {
    expect(await compare(GOOD.replace('# TYPE shop_queue_length gauge', '# TYPE shop_queue_length counter'))).toEqual([
      { id: 'metrics/wrong-type', severity: 'error', message: 'metric shop_queue_length is exposed as a counter, the catalogue declares a gauge', path: at('shop_queue_length') },
    ]);
  });

  it('reports undeclared and missing labels', async () => {
    const text = GOOD.replace('shop_orders_total{status="paid"} 3', 'shop_orders_total{status="paid",method="pix"} 3').replace('shop_orders_total{status="failed"} 1', 'shop_orders_total 1');
    expect(await compare(text)).toEqual([
      { id: 'metrics/undeclared-label', severity: 'error', message: 'metric shop_orders_total is exposed with label "method", which the catalogue does not declare', path: at('shop_orders_total') },
      { id: 'metrics/missing-label', severity: 'error', message: 'metric shop_orders_total has series without the declared label "status"', path: at('shop_orders_total') },
    ]);
  });

  it('reports histogram buckets that differ', async () => {
    const text = GOOD.replace('shop_latency_seconds_bucket{le="0.5"} 2\n', '').replace('le="0.1"', 'le="0.25"');
    expect(await compare(text)).toEqual([
      { id: 'metrics/buckets', severity: 'error', message: 'histogram shop_latency_seconds is exposed with buckets 0.25, 1, the catalogue declares 0.1, 0.5, 1', path: at('shop_latency_seconds') },
    ]);
  });

  it('warns about metrics the catalogue does not declare, or declares for an exporter', async () => {
    const text = `${GOOD}# HELP process_cpu_seconds_total CPU\n# TYPE process_cpu_seconds_total counter\nprocess_cpu_seconds_total 1\n# HELP node_load1 Load\n# TYPE node_load1 gauge\nnode_load1 0.5\n`;
    expect(await compare(text)).toEqual([
      { id: 'metrics/unexpected', severity: 'warning', message: 'metric process_cpu_seconds_total (counter) is exposed but not in the catalogue', path: ['exposition', 'process_cpu_seconds_total'] },
      { id: 'metrics/unexpected', severity: 'warning', message: 'metric node_load1 is exposed here, but the catalogue declares it for node_exporter', path: ['exposition', 'node_load1'] },
    ]);
  });

  it('says when a declared metric has no series yet (its labels cannot be checked)', async () => {
    const text = GOOD.replace(/shop_orders_total\{[^\n]*\n/g, '');
    expect(await compare(text)).toEqual([
      { id: 'metrics/no-samples', severity: 'info', message: 'metric shop_orders_total is declared but has no series yet: its labels could not be checked', path: at('shop_orders_total') },
    ]);
  });

  it('refuses text that is not an exposition', async () => {
    await expect(parseExposition('<html>not found</html>\n')).rejects.toThrow();
  });
});
