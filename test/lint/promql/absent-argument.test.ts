import { describe, expect, it } from 'vitest';
import { alert } from '../../../src/index.js';
import { basics, expectFindings, findings, rulePath, shop } from './shop.js';

const ID = 'promql/absent-argument';

describe(ID, () => {
  it('fires on absent() around a threshold: it fires while the error rate is fine', () => {
    const rule = alert({ ...basics, name: 'FailedOrders', expr: 'absent(rate(shop_orders_total{status="failed"}[5m]) > 0.5)' });
    expectFindings(findings(ID, shop({ rules: [rule] })), [
      {
        severity: 'warning',
        message: 'alert FailedOrders: absent() fires whenever no series satisfies rate(shop_orders_total{status="failed"}[5m]) > 0.5 (for a problem condition: while everything is healthy), not when the series is missing',
        hint: 'to alert on a missing series write absent(<selector>) without the comparison; to alert on the threshold, alert on rate(shop_orders_total{status="failed"}[5m]) > 0.5 itself',
        path: rulePath('FailedOrders', 'expr'),
        at: rule,
        span: 'rate(shop_orders_total{status="failed"}[5m]) > 0.5',
      },
    ]);
  });

  it('fires on absent(x == 0): it fires while no target is down', () => {
    const rule = alert({ ...basics, name: 'ShopDown', expr: 'absent(shop_build_info{job="shop"} == 0)' });
    expectFindings(findings(ID, shop({ rules: [rule] })), [
      {
        severity: 'warning',
        message: 'alert ShopDown: absent() fires whenever no series satisfies shop_build_info{job="shop"} == 0 (for a problem condition: while everything is healthy), not when the series is missing',
        hint: 'to alert on a missing series write absent(<selector>) without the comparison; to alert on the threshold, alert on shop_build_info{job="shop"} == 0 itself',
        path: rulePath('ShopDown', 'expr'),
        at: rule,
        span: 'shop_build_info{job="shop"} == 0',
      },
    ]);
  });

  it('fires on absent_over_time() around a comparison inside parentheses', () => {
    const rule = alert({ ...basics, name: 'CartsFull', expr: 'absent_over_time((shop_cart_items < 1000)[10m:])' });
    expectFindings(findings(ID, shop({ rules: [rule] })), [
      {
        severity: 'warning',
        message: 'alert CartsFull: absent_over_time() fires whenever no series satisfies shop_cart_items < 1000 (for a problem condition: while everything is healthy), not when the series is missing',
        hint: 'to alert on a missing series write absent_over_time(<selector>) without the comparison; to alert on the threshold, alert on shop_cart_items < 1000 itself',
        path: rulePath('CartsFull', 'expr'),
        at: rule,
        span: 'shop_cart_items < 1000',
      },
    ]);
  });

  it('fires on absent() around an aggregation (no labels say what is missing)', () => {
    const rule = alert({ ...basics, name: 'NoCarts', expr: 'absent(sum(shop_cart_items{store="lisbon"}))' });
    expectFindings(findings(ID, shop({ rules: [rule] })), [
      {
        severity: 'warning',
        message: 'alert NoCarts: absent() over an aggregation fires only when every input series is gone, and its result carries no labels to say which',
        hint: 'put the selector itself in absent(), with = matchers for the labels the alert should carry: absent(x{job="a"})',
        path: rulePath('NoCarts', 'expr'),
        at: rule,
        span: 'sum(shop_cart_items{store="lisbon"})',
      },
    ]);
  });

  it('stays quiet on absent(selector) and on "none is healthy" tests (== 1, > 0, >= 1)', () => {
    const rules = [
      alert({ ...basics, name: 'Missing', expr: 'absent(shop_cart_items{job="shop", store="lisbon"})' }),
      alert({ ...basics, name: 'NoneUp', expr: 'absent(shop_build_info{job="shop"} == 1)' }),
      alert({ ...basics, name: 'NoTraffic', expr: 'absent(rate(shop_orders_total{job="shop"}[5m]) > 0)' }),
      alert({ ...basics, name: 'NoneAtLeastOne', expr: 'absent(shop_cart_items >= 1)' }),
      alert({ ...basics, name: 'OverTime', expr: 'absent_over_time(shop_cart_items{store="porto"}[15m])' }),
    ];
    expect(findings(ID, shop({ rules }))).toEqual([]);
  });

  it('stays quiet on a comparison outside absent()', () => {
    const rule = alert({ ...basics, name: 'Outside', expr: 'absent(shop_cart_items{store="porto"}) or shop_cart_items{store="porto"} > 1000' });
    expect(findings(ID, shop({ rules: [rule] }))).toEqual([]);
  });
});
