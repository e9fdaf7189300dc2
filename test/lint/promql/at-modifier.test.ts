import { describe, expect, it } from 'vitest';
import { alert, record, timeseriesPanel } from '../../../src/index.js';
import { basics, expectFindings, findings, rulePath, shop, shopDashboard } from './shop.js';

const ID = 'promql/at-modifier';

describe(ID, () => {
  it('fires on a fixed timestamp in an alert and a recording rule, warns on @ start()/end()', () => {
    const fixed = alert({ ...basics, name: 'Pinned', expr: 'shop_cart_items @ 1700000000 > 10' });
    const inRate = record({ name: 'store:orders:rate5m', expr: 'sum by (store) (rate(shop_orders_total[5m] @ 1700000000))' });
    const end = alert({ ...basics, name: 'AtEnd', expr: 'shop_cart_items @ end() > 10' });
    expectFindings(findings(ID, shop({ rules: [fixed, inRate, end] })), [
      {
        severity: 'error',
        message: 'alert Pinned reads "@ 1700000000", one fixed instant, at every evaluation: the alert fires always or never',
        hint: 'remove the @ modifier (a rule reads the latest samples at each evaluation); for a past value use offset, e.g. x offset 1d',
        path: rulePath('Pinned', 'expr'),
        at: fixed,
        span: '@ 1700000000',
      },
      {
        severity: 'error',
        message: 'record store:orders:rate5m reads "@ 1700000000", one fixed instant, at every evaluation: the rule records the same value forever',
        hint: 'remove the @ modifier (a rule reads the latest samples at each evaluation); for a past value use offset, e.g. x offset 1d',
        path: rulePath('store:orders:rate5m', 'expr'),
        at: inRate,
        span: '@ 1700000000',
      },
      {
        severity: 'warning',
        message: 'alert AtEnd uses "@ end()": in a rule, start() and end() are the evaluation time itself, so the modifier changes nothing',
        hint: 'remove it',
        path: rulePath('AtEnd', 'expr'),
        at: end,
        span: '@ end()',
      },
    ]);
  });

  it('is quiet on panels (a dashboard query has a range) and on an @ inside a label value', () => {
    const panel = timeseriesPanel({ title: 'Carts', targets: [{ expr: 'shop_cart_items @ end()' }] });
    const label = alert({ ...basics, name: 'Label', expr: 'shop_cart_items{store="a@b"} > 10' });
    expect(findings(ID, shop({ rules: [label], dashboards: [shopDashboard([panel])] }))).toEqual([]);
  });
});
