import { describe, expect, it } from 'vitest';
import { Registry } from 'prom-client';
import { promClientMetrics } from '../../src/instrument/prom-client.js';
import * as shop from '../fixtures/instrument/catalogue.js';

const { catalogue } = shop;
import { summary } from '../../src/api/metrics.js';

describe('promClientMetrics', () => {
  it('declares every metric of ours with the catalogue name, help, labels and buckets; skips exporters', async () => {
    const registry = new Registry();
    const metrics = promClientMetrics(catalogue, { registry });
    const ours = catalogue.filter((m) => m.exporter === undefined);
    expect(Object.keys(metrics.byName).sort()).toEqual(ours.map((m) => m.name).sort());
    expect(metrics.byName[shop.nodeCpuSeconds.name]).toBeUndefined();

    const declared = await registry.getMetricsAsJSON();
    for (const m of ours) {
      const found = declared.find((d) => d.name === m.name);
      expect(found, m.name).toBeDefined();
      expect(found!.help).toBe(m.help);
      expect(String(found!.type)).toBe(m.type);
    }
    // label names and buckets, as prom-client holds them
    const payment = metrics.get(shop.paymentProcessed) as unknown as { labelNames: string[] };
    expect(payment.labelNames).toEqual(['status', 'method']);
    const duration = metrics.get(shop.requestDuration) as unknown as { upperBounds: number[] };
    expect(duration.upperBounds).toEqual(shop.requestDuration.buckets);
  });

  it('exposes the catalogue names in the exposition text (counters keep their _total, no suffix added)', async () => {
    const registry = new Registry();
    const metrics = promClientMetrics(catalogue, { registry });
    metrics.get(shop.requests).inc(3);
    metrics.get(shop.paymentProcessed).inc({ status: 'ok', method: 'pix' });
    metrics.get(shop.requestDuration).observe(0.3);
    metrics.get(shop.queueLength).set(4);
    const text = await registry.metrics();
    expect(text).toContain('# HELP shop_requests_total Requests served by the shop API');
    expect(text).toContain('# TYPE shop_requests_total counter');
    expect(text).toContain('shop_requests_total 3');
    expect(text).not.toContain('shop_requests_total_total');
    expect(text).toContain('shop_payment_processed_total{status="ok",method="pix"} 1');
    for (const le of [...shop.requestDuration.buckets, '+Inf']) {
      expect(text).toContain(`shop_request_duration_seconds_bucket{le="${le}"}`);
    }
    expect(text).toContain('shop_queue_length 4');
    expect(text).not.toContain('node_cpu_seconds_total');
  });

  it('gives a summary the catalogue quantiles only (none: sum and count)', async () => {
    const registry = new Registry();
    const withQuantiles = summary({ name: 'job_seconds', help: 'h', quantiles: [0.5, 0.9] });
    const bare = summary({ name: 'bare_seconds', help: 'h' });
    const metrics = promClientMetrics([withQuantiles, bare], { registry });
    metrics.get(withQuantiles).observe(1);
    metrics.get(bare).observe(1);
    const text = await registry.metrics();
    expect(text).toContain('job_seconds{quantile="0.5"} 1');
    expect(text).toContain('job_seconds{quantile="0.9"} 1');
    expect(text).not.toContain('bare_seconds{quantile');
    expect(text).toContain('bare_seconds_count 1');
  });

  it('refuses a metric owned by an exporter or outside the catalogue', () => {
    const metrics = promClientMetrics(catalogue, { registry: new Registry() });
    expect(() => metrics.get(shop.up)).toThrow(/exported by prometheus/);
    expect(() => metrics.get(summary({ name: 'other', help: 'h' }))).toThrow(/not in the catalogue/);
  });
});
