// Definitions that share a path (two panels of one title in a dashboard, two alerts of one name in a
// group: both allowed, and common) each keep their own expression in every check that looks one up.
// Before, the lookup by path gave every one of them the last one's: false alarms on the first, and
// its own mistakes unseen.
import { describe, expect, it } from 'vitest';
import { alert, gaugePanel, timeseriesPanel } from '../../src/index.js';
import { basics, findings, shop, shopDashboard } from './promql/shop.js';

const checkoutP90 = 'histogram_quantile(0.9, sum by (le) (rate(shop_checkout_seconds_bucket[5m])))';
const failedPercent = '100 * sum(rate(shop_orders_total{status="failed"}[5m])) / sum(rate(shop_orders_total[5m]))';

describe('panels of one title in a dashboard', () => {
  it('dashboard/unit-mismatch judges each panel by its own queries', () => {
    const board = shopDashboard([
      timeseriesPanel({ title: 'Checkout', unit: 'ms', targets: [{ expr: checkoutP90 }] }),
      gaugePanel({ title: 'Checkout', unit: 'percent', targets: [{ expr: failedPercent }] }),
      timeseriesPanel({ title: 'Orders', unit: 's', targets: [{ expr: checkoutP90 }] }),
      gaugePanel({ title: 'Orders', unit: 'percent', targets: [{ expr: failedPercent }] }),
    ]);
    expect(findings('dashboard/unit-mismatch', shop({ dashboards: [board] })).map((d) => d.message)).toEqual([
      'panel Checkout: unit "ms" does not fit targets[0]: its values are seconds, and unit "ms" reads them as another time unit (0.25 s would show as 0.25 ms)',
    ]);
  });

  it('dashboard/legend-label-dropped reads each panel\'s own query', () => {
    const board = shopDashboard([
      timeseriesPanel({ title: 'Orders', targets: [{ expr: 'sum by (store) (rate(shop_orders_total[5m]))', legendFormat: '{{store}}' }] }),
      timeseriesPanel({ title: 'Orders', targets: [{ expr: 'sum(rate(shop_orders_total[5m]))' }] }),
      timeseriesPanel({ title: 'Carts', targets: [{ expr: 'sum(shop_cart_items)', legendFormat: '{{store}}' }] }),
      timeseriesPanel({ title: 'Carts', targets: [{ expr: 'sum by (store) (shop_cart_items)' }] }),
    ]);
    expect(findings('dashboard/legend-label-dropped', shop({ dashboards: [board] })).map((d) => d.message)).toEqual([
      'panel Carts: targets[0].legendFormat uses {{store}}, but its query does not keep "store": the legend shows it empty, and the series look alike',
    ]);
  });
});

describe('alerts of one name in a group', () => {
  it('rules/target-label-override judges each alert by its own expression', () => {
    const rules = [
      alert({ ...basics, name: 'Orders', expr: 'rate(shop_orders_total[5m]) > 1', labels: { severity: 'warning', job: 'shop-alerts' } }),
      alert({ ...basics, name: 'Orders', expr: 'sum(rate(shop_orders_total[5m])) > 10', labels: { severity: 'critical', job: 'shop-alerts' } }),
    ];
    const found = findings('rules/target-label-override', shop({ rules }));
    expect(found.map((d) => d.excerpt?.text ?? d.message)).toEqual(['rate(shop_orders_total[5m]) > 1']);
  });
});
