import { describe, expect, it } from 'vitest';
import { alert, dashboard, record, statPanel } from '../../../src/index.js';
import { basics, expectFindings, findings, rulePath, shop } from './shop.js';
import { sourceOf } from '../../helpers/model.js';

const ID = 'promql/quantile-range';

describe(ID, () => {
  it('fires on a percentile written as 95 in histogram_quantile()', () => {
    const rule = alert({ ...basics, name: 'SlowCheckout', expr: 'histogram_quantile(95, sum by (le) (rate(shop_checkout_seconds_bucket[5m]))) > 2' });
    expectFindings(findings(ID, shop({ rules: [rule] })), [
      {
        severity: 'error',
        message: 'alert SlowCheckout: histogram_quantile(95, …) asks for quantile 95, outside [0, 1]: it returns +Inf for every series',
        hint: 'give the quantile as a fraction between 0 and 1 (0.95 for the 95th percentile)',
        path: rulePath('SlowCheckout', 'expr'),
        at: rule,
        span: '95',
      },
    ]);
  });

  it('fires on a negative quantile() in a recording rule', () => {
    const rule = record({ name: 'store:shop_cart_items:quantile', expr: 'quantile by (store) (-0.5, shop_cart_items)' });
    expectFindings(findings(ID, shop({ rules: [rule] })), [
      {
        severity: 'error',
        message: 'record store:shop_cart_items:quantile: quantile(-0.5, …) asks for quantile -0.5, outside [0, 1]: it returns -Inf for every series',
        hint: 'give the quantile as a fraction between 0 and 1',
        path: rulePath('store:shop_cart_items:quantile', 'expr'),
        at: rule,
        span: '-0.5',
      },
    ]);
  });

  it('fires on quantile_over_time() above 1 in a panel', () => {
    const board = dashboard({ title: 'Shop', panels: [statPanel({ title: 'Cart p99', targets: [{ expr: 'quantile_over_time(99, shop_cart_items{store=~"$store"}[$__range])' }] })] });
    const found = findings(ID, shop({ dashboards: [board] }));
    expect(found.map((d) => [d.message, d.hint, d.path, d.excerpt && d.excerpt.text.slice(d.excerpt.from, d.excerpt.to)])).toEqual([
      [
        'panel Cart p99: quantile_over_time(99, …) asks for quantile 99, outside [0, 1]: it returns +Inf for every series',
        'give the quantile as a fraction between 0 and 1 (0.99 for the 99th percentile)',
        ['dashboards', 'Shop', 'panels', 'Cart p99', 'targets[0]', 'expr'],
        '99',
      ],
    ]);
    expect(found[0]!.source).toEqual(sourceOf(board.panels[0]!));
  });

  it('stays quiet on quantiles in [0, 1], bounds included, and on a quantile given by an expression', () => {
    const rules = [
      alert({ ...basics, name: 'P95', expr: 'histogram_quantile(0.95, sum by (le, store) (rate(shop_checkout_seconds_bucket[5m]))) > 2' }),
      alert({ ...basics, name: 'Bounds', expr: 'quantile(1, shop_cart_items) > quantile(0, shop_cart_items) * 10' }),
      alert({ ...basics, name: 'Parenthesised', expr: 'quantile_over_time((0.9), shop_cart_items[10m]) > 100' }),
      alert({ ...basics, name: 'Computed', expr: 'histogram_quantile(scalar(shop_build_info), rate(shop_checkout_seconds_bucket[5m])) > 2' }),
    ];
    expect(findings(ID, shop({ rules }))).toEqual([]);
  });

  it('stays quiet on other functions with a first number argument', () => {
    const rule = alert({ ...basics, name: 'Top', expr: 'topk(95, shop_cart_items) > 100' });
    expect(findings(ID, shop({ rules: [rule] }))).toEqual([]);
  });
});
