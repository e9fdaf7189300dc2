import { describe, expect, it } from 'vitest';
import { alert, record } from '../../../src/index.js';
import { basics, expectFindings, findings, rulePath, shop } from './shop.js';

const ID = 'rules/target-label-override';

describe(ID, () => {
  it('fires on an alert label job that overwrites the job its expression keeps', () => {
    const rule = alert({ ...basics, name: 'Orders', expr: 'rate(shop_orders_total[5m]) > 1', labels: { severity: 'warning', job: 'shop-alerts' } });
    expectFindings(findings(ID, shop({ rules: [rule] })), [
      {
        severity: 'error',
        message: 'alert Orders sets label job="shop-alerts", which overwrites the job of every series its expression returns: the real job is lost, and series that differ only in job collide (Prometheus fails the rule\'s evaluation)',
        hint: 'use another label name for what "shop-alerts" means (service, team, component), or filter with job="shop-alerts" in the expression',
        path: rulePath('Orders', 'labels', 'job'),
        at: rule,
        span: 'rate(shop_orders_total[5m]) > 1',
      },
    ]);
  });

  it('fires on a recording rule label instance over series that keep instance', () => {
    const rule = record({ name: 'instance:shop_orders:rate5m', expr: 'sum by (job, instance) (rate(shop_orders_total[5m]))', labels: { instance: 'shop' } });
    expectFindings(findings(ID, shop({ rules: [rule] })), [
      {
        severity: 'error',
        message: 'record instance:shop_orders:rate5m sets label instance="shop", which overwrites the instance of every series its expression returns: the real instance is lost, and series that differ only in instance collide (Prometheus fails the rule\'s evaluation)',
        hint: 'use another label name (host, node, target), or aggregate instance away: sum without (instance) (…)',
        path: rulePath('instance:shop_orders:rate5m', 'labels', 'instance'),
        at: rule,
        span: 'sum by (job, instance) (rate(shop_orders_total[5m]))',
      },
    ]);
  });

  it('fires once per overwritten label, when the selector pins another value', () => {
    const rule = alert({
      ...basics,
      name: 'Both',
      expr: 'shop_cart_items{job="shop"} > 100',
      labels: { severity: 'warning', job: 'carts', instance: 'all' },
    });
    expectFindings(findings(ID, shop({ rules: [rule] })), [
      {
        severity: 'error',
        message: 'alert Both sets label job="carts", which overwrites the job of every series its expression returns: the real job is lost, and series that differ only in job collide (Prometheus fails the rule\'s evaluation)',
        hint: 'use another label name for what "carts" means (service, team, component), or filter with job="carts" in the expression',
        path: rulePath('Both', 'labels', 'job'),
        at: rule,
        span: 'shop_cart_items{job="shop"} > 100',
      },
      {
        severity: 'error',
        message: 'alert Both sets label instance="all", which overwrites the instance of every series its expression returns: the real instance is lost, and series that differ only in instance collide (Prometheus fails the rule\'s evaluation)',
        hint: 'use another label name (host, node, target), or aggregate instance away: sum without (instance) (…)',
        path: rulePath('Both', 'labels', 'instance'),
        at: rule,
        span: 'shop_cart_items{job="shop"} > 100',
      },
    ]);
  });

  it('stays quiet when the expression does not keep the label (the rule adds it)', () => {
    const rules = [
      alert({ ...basics, name: 'Total', expr: 'sum(rate(shop_orders_total[5m])) > 1', labels: { severity: 'warning', job: 'shop' } }),
      record({ name: 'store:shop_orders:rate5m', expr: 'sum by (store) (rate(shop_orders_total[5m]))', labels: { instance: 'aggregated' } }),
    ];
    expect(findings(ID, shop({ rules }))).toEqual([]);
  });

  it('stays quiet when every selector already pins the label to the same value, or on other labels', () => {
    const rules = [
      alert({ ...basics, name: 'Same', expr: 'shop_cart_items{job="shop"} > 100', labels: { severity: 'warning', job: 'shop' } }),
      alert({ ...basics, name: 'Team', expr: 'shop_cart_items > 100', labels: { severity: 'warning', team: 'checkout' } }),
    ];
    expect(findings(ID, shop({ rules }))).toEqual([]);
  });
});
