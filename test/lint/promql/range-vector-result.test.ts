import { describe, expect, it } from 'vitest';
import { alert, dashboard, record, tablePanel } from '../../../src/index.js';
import { basics, expectFindings, findings, rulePath, shop } from './shop.js';

const ID = 'promql/range-vector-result';

describe(ID, () => {
  it('fires on a recording rule over a range vector', () => {
    const rule = record({ name: 'store:shop_cart_items:range5m', expr: 'shop_cart_items[5m]' });
    expectFindings(findings(ID, shop({ rules: [rule] })), [
      {
        severity: 'error',
        message: 'record store:shop_cart_items:range5m returns a range vector (shop_cart_items[5m]); Prometheus fails every evaluation of the recording rule ("rule result is not a vector or scalar")',
        hint: 'wrap it in a function over time: rate(shop_cart_items[5m]) for a counter, avg_over_time(shop_cart_items[5m]) or max_over_time(shop_cart_items[5m]) for a gauge',
        path: rulePath('store:shop_cart_items:range5m', 'expr'),
        at: rule,
        span: 'shop_cart_items[5m]',
      },
    ]);
  });

  it('fires on a recording rule over a subquery in parentheses', () => {
    const rule = record({ name: 'store:shop_orders:rate_range', expr: '(sum by (store) (rate(shop_orders_total[5m]))[30m:1m])' });
    expectFindings(findings(ID, shop({ rules: [rule] })), [
      {
        severity: 'error',
        message: 'record store:shop_orders:rate_range returns a range vector (sum by (store) (rate(shop_orders_total[5m]))[30m:1m]); Prometheus fails every evaluation of the recording rule ("rule result is not a vector or scalar")',
        hint: 'wrap it in a function over time: rate(sum by (store) (rate(shop_orders_total[5m]))[30m:1m]) for a counter, avg_over_time(sum by (store) (rate(shop_orders_total[5m]))[30m:1m]) or max_over_time(sum by (store) (rate(shop_orders_total[5m]))[30m:1m]) for a gauge',
        path: rulePath('store:shop_orders:rate_range', 'expr'),
        at: rule,
        span: 'sum by (store) (rate(shop_orders_total[5m]))[30m:1m]',
      },
    ]);
  });

  it('fires on an offset range vector in a panel', () => {
    const board = dashboard({ title: 'Shop', panels: [tablePanel({ title: 'Carts', targets: [{ expr: 'shop_cart_items{store=~"$store"}[1h] offset 1d' }] })] });
    const found = findings(ID, shop({ dashboards: [board] }));
    expect(found.map((d) => [d.message, d.path, d.excerpt && d.excerpt.text.slice(d.excerpt.from, d.excerpt.to)])).toEqual([
      [
        'panel Carts returns a range vector (shop_cart_items{store=~"$store"}[1h] offset 1d); Grafana cannot graph it (the query fails)',
        ['dashboards', 'Shop', 'panels', 'Carts', 'targets[0]', 'expr'],
        // The excerpt shows the query as written, not the analysed text with $store substituted.
        'shop_cart_items{store=~"$store"}[1h] offset 1d',
      ],
    ]);
  });

  it('stays quiet on instant vectors, functions over ranges and scalars', () => {
    const rules = [
      record({ name: 'store:shop_cart_items:avg5m', expr: 'avg_over_time(shop_cart_items[5m])' }),
      record({ name: 'store:shop_cart_items:max', expr: 'max_over_time((sum by (store) (shop_cart_items))[30m:1m])' }),
      record({ name: 'shop:one', expr: '1' }),
      alert({ ...basics, name: 'Offset', expr: 'shop_cart_items offset 1h > 10' }),
    ];
    expect(findings(ID, shop({ rules }))).toEqual([]);
  });

  it('stays quiet on a syntax error (promql/syntax reports it)', () => {
    const rule = record({ name: 'store:x:broken', expr: 'shop_cart_items[5m' });
    expect(findings(ID, shop({ rules: [rule] }))).toEqual([]);
  });
});
