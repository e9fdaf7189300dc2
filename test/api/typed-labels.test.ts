// Label lists are typed by the labels an expression keeps: these lines are type tests (`npm test`
// typechecks test/, so an @ts-expect-error that no longer errors fails the build) and the runtime
// assertions pin the PromQL the builders write.
import { describe, expect, expectTypeOf, it } from 'vitest';
import { counter, gauge, histogram, histogramQuantile, increase, quantilesPanel, rate, ratePanel, ratio, sumBy, currentValuePanel } from '../../src/index.js';
import type { Expr } from '../../src/index.js';

const requests = counter({ name: 'shop_requests_total', help: 'requests', labels: ['status', 'route'] });
const errors = counter({ name: 'shop_errors_total', help: 'errors', labels: ['route'] });
const queue = gauge({ name: 'shop_queue_length', help: 'queue', labels: ['queue'] });
const latency = histogram({ name: 'shop_latency_seconds', help: 'latency', labels: ['route'], buckets: [0.1, 1] });

describe('typed by lists', () => {
  it('sumBy takes the labels the expression keeps, and the result keeps only those', () => {
    const byRoute = sumBy(['route', 'job'], rate(requests));
    expect(byRoute).toBe('sum by (route, job) (rate(shop_requests_total[5m]))');
    expectTypeOf(byRoute).toEqualTypeOf<Expr<'route' | 'job'>>();
    // @ts-expect-error `method` is not a label of shop_requests_total
    sumBy(['method'], rate(requests));
    // @ts-expect-error the inner sum kept only `route`: `status` is gone
    sumBy(['status'], byRoute);
    // A hand-written expression may name any label.
    expect(sumBy(['anything'], 'vector(1)')).toBe('sum by (anything) (vector(1))');
  });

  it('ratio takes only labels both sides keep', () => {
    expect(ratio(rate(errors), rate(requests), ['route'])).toBe(
      'sum by (route) (rate(shop_errors_total[5m])) / sum by (route) (rate(shop_requests_total[5m]))',
    );
    // @ts-expect-error `status` is on the denominator only
    ratio(rate(errors), rate(requests), ['status']);
    expectTypeOf(ratio(rate(errors), rate(requests), ['route', 'instance'])).toEqualTypeOf<Expr<'route' | 'instance'>>();
  });

  it('histogramQuantile takes the histogram labels (and the target labels), keeps them without le', () => {
    expect(histogramQuantile(0.95, latency, { by: ['route'], range: '10m' })).toBe(
      'histogram_quantile(0.95, sum by (le, route) (rate(shop_latency_seconds_bucket[10m])))',
    );
    // @ts-expect-error `status` is not a label of the histogram
    histogramQuantile(0.95, latency, { by: ['status'] });
    expectTypeOf(histogramQuantile(0.5, latency, { by: ['job'] })).toEqualTypeOf<Expr<'job'>>();
  });

  it('rate and increase take counters only, with matchers typed by their labels', () => {
    expect(increase(requests, '1h', { status: '500' })).toBe('increase(shop_requests_total{status="500"}[1h])');
    // @ts-expect-error a gauge has no rate
    rate(queue);
    // @ts-expect-error `queue` is not a label of the counter
    rate(requests, '5m', { queue: 'x' });
  });

  it('the metric panels type by and matchers by the metric labels', () => {
    expect(ratePanel(requests, { title: 'r', by: ['status'] }).targets[0]?.expr).toBe(
      'sum by (status) (rate(shop_requests_total[$__rate_interval]))',
    );
    // @ts-expect-error `queue` is not a label of the counter
    ratePanel(requests, { title: 'r', by: ['queue'] });
    // @ts-expect-error `status` is not a label of the histogram
    quantilesPanel(latency, { title: 'q', by: ['status'] });
    // @ts-expect-error `route` is not a label of the gauge
    currentValuePanel(queue, { title: 'c', matchers: { route: 'x' } });
  });
});
