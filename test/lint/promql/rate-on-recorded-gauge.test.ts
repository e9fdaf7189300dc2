import { describe, expect, it } from 'vitest';
import { alert, dashboard, record, timeseriesPanel } from '../../../src/index.js';
import { basics, expectFindings, findings, rulePath, shop } from './shop.js';
import { sourceOf } from '../../helpers/model.js';

const ID = 'promql/rate-on-recorded-gauge';

describe(ID, () => {
  it('fires on rate() over a recorded sum of rates', () => {
    const recorded = record({ name: 'store:shop_orders:rate5m', expr: 'sum by (store) (rate(shop_orders_total[5m]))' });
    const rule = alert({ ...basics, name: 'OrdersAccelerating', expr: 'rate(store:shop_orders:rate5m[5m]) > 1' });
    expectFindings(findings(ID, shop({ rules: [recorded, rule] })), [
      {
        severity: 'error',
        message: 'alert OrdersAccelerating applies rate() to "store:shop_orders:rate5m", which is recorded as a per-second rate already (record: sum by (store) (rate(shop_orders_total[5m]))); rate() reads every drop as a counter reset',
        hint: 'use "store:shop_orders:rate5m" as it is (it is per second already), or avg_over_time(store:shop_orders:rate5m[5m]) to smooth it',
        path: rulePath('OrdersAccelerating', 'expr'),
        at: rule,
        span: 'store:shop_orders:rate5m',
      },
    ]);
  });

  it('fires on increase() over a recorded ratio (a gauge)', () => {
    const recorded = record({
      name: 'store:shop_orders_failed:ratio5m',
      expr: 'sum by (store) (rate(shop_orders_total{status="failed"}[5m])) / sum by (store) (rate(shop_orders_total[5m]))',
    });
    const rule = alert({ ...basics, name: 'FailureRatioGrows', expr: 'increase(store:shop_orders_failed:ratio5m[1h]) > 0.1' });
    expectFindings(findings(ID, shop({ rules: [recorded, rule] })), [
      {
        severity: 'error',
        message:
          'alert FailureRatioGrows applies increase() to "store:shop_orders_failed:ratio5m", which is recorded as a gauge (it goes up and down) (record: sum by (store) (rate(shop_orders_total{status="failed"}[5m])) / sum by (store) (rate(shop_orders_total[5m]))); increase() reads every drop as a counter reset',
        hint: 'use deriv(), delta() or avg_over_time() on a gauge, or take rate() of the counters it is computed from (then aggregate)',
        path: rulePath('FailureRatioGrows', 'expr'),
        at: rule,
        span: 'store:shop_orders_failed:ratio5m',
      },
    ]);
  });

  it('fires on rate() over a recorded gauge in a panel, and over a subquery of a rate', () => {
    const recorded = record({ name: 'store:shop_cart_items:avg', expr: 'avg by (store) (shop_cart_items)' });
    const board = dashboard({ title: 'Shop', panels: [timeseriesPanel({ title: 'Carts', targets: [{ expr: 'rate(store:shop_cart_items:avg[$__rate_interval])' }] })] });
    const rule = alert({ ...basics, name: 'RateOfRate', expr: 'rate(rate(shop_orders_total[5m])[10m:1m]) > 1' });
    const found = findings(ID, shop({ rules: [recorded, rule], dashboards: [board] }));
    expectFindings(found.slice(0, 1), [
      {
        severity: 'error',
        message: 'alert RateOfRate applies rate() to the subquery rate(shop_orders_total[5m]), which is a per-second rate already; rate() reads every drop as a counter reset',
        hint: 'rate(shop_orders_total[5m]) is per second already: use it as it is, or avg_over_time((rate(shop_orders_total[5m]))[…:])',
        path: rulePath('RateOfRate', 'expr'),
        at: rule,
        span: 'rate(shop_orders_total[5m])',
      },
    ]);
    expect(found.slice(1).map((d) => [d.message, d.path])).toEqual([
      [
        'panel Carts applies rate() to "store:shop_cart_items:avg", which is recorded as a gauge (it goes up and down) (record: avg by (store) (shop_cart_items)); rate() reads every drop as a counter reset',
        ['dashboards', 'Shop', 'panels', 'Carts', 'targets[0]', 'expr'],
      ],
    ]);
    expect(found[1]!.source).toEqual(sourceOf(board.panels[0]!));
  });

  it('stays quiet on rate() over a recorded sum of raw counters, and on a recorded rate used as it is', () => {
    const rules = [
      record({ name: 'store:shop_orders:sum', expr: 'sum by (store) (shop_orders_total)' }),
      record({ name: 'store:shop_orders:rate5m', expr: 'sum by (store) (rate(shop_orders_total[5m]))' }),
      alert({ ...basics, name: 'RateOfSum', expr: 'rate(store:shop_orders:sum[5m]) > 1' }),
      alert({ ...basics, name: 'RateAsIs', expr: 'store:shop_orders:rate5m > 1' }),
      alert({ ...basics, name: 'Smoothed', expr: 'avg_over_time(store:shop_orders:rate5m[30m]) > 1' }),
      alert({ ...basics, name: 'CounterSubquery', expr: 'rate(sum by (store) (shop_orders_total)[10m:1m]) > 1' }),
    ];
    expect(findings(ID, shop({ rules }))).toEqual([]);
  });

  it('stays quiet on rate() over catalogue counters (promql/rate-on-non-counter judges catalogue metrics)', () => {
    const rules = [alert({ ...basics, name: 'Plain', expr: 'rate(shop_orders_total[5m]) > 1' }), alert({ ...basics, name: 'Gauge', expr: 'rate(shop_cart_items[5m]) > 1' })];
    expect(findings(ID, shop({ rules }))).toEqual([]);
  });
});

describe('rate() over a subquery: one finding per mistake, from the check that owns it', () => {
  const both = (project: ReturnType<typeof shop>) =>
    [...findings('promql/rate-on-non-counter', project), ...findings(ID, project)].map((d) => [d.id, d.message]);

  it('a catalogue gauge read straight through a subquery is promql/rate-on-non-counter\'s alone', () => {
    const rules = [
      alert({ ...basics, name: 'Plain', expr: 'rate(shop_cart_items[5m:1m]) > 1' }),
      alert({ ...basics, name: 'Scaled', expr: 'increase((2 * shop_cart_items offset 1h)[10m:]) > 1' }),
      alert({ ...basics, name: 'Irate', expr: 'irate((shop_build_info)[5m:30s]) > 0' }),
    ];
    expect(both(shop({ rules }))).toEqual([
      ['promql/rate-on-non-counter', 'alert Plain applies rate() to gauge "shop_cart_items"; rate() assumes a counter and reads every drop as a reset'],
      ['promql/rate-on-non-counter', 'alert Scaled applies increase() to gauge "shop_cart_items"; increase() assumes a counter and reads every drop as a reset'],
      ['promql/rate-on-non-counter', 'alert Irate applies irate() to gauge "shop_build_info"; irate() assumes a counter and reads every drop as a reset'],
    ]);
  });

  it('a subquery that makes a gauge of something (a sum, a rate, a recorded gauge) is promql/rate-on-recorded-gauge\'s, and a gauge under an inner rate() is a mistake of its own', () => {
    const recorded = record({ name: 'store:shop_cart_items:sum', expr: 'sum by (store) (shop_cart_items)' });
    const rules = [
      recorded,
      alert({ ...basics, name: 'Summed', expr: 'rate(sum(shop_cart_items)[5m:1m]) > 1' }),
      alert({ ...basics, name: 'Recorded', expr: 'rate(store:shop_cart_items:sum[5m:1m]) > 1' }),
      alert({ ...basics, name: 'RateOfGaugeRate', expr: 'rate(rate(shop_cart_items[5m])[10m:1m]) > 1' }),
    ];
    expect(both(shop({ rules }))).toEqual([
      ['promql/rate-on-non-counter', 'alert RateOfGaugeRate applies rate() to gauge "shop_cart_items"; rate() assumes a counter and reads every drop as a reset'],
      [ID, 'alert Summed applies rate() to the subquery sum(shop_cart_items), which is a gauge (it goes up and down); rate() reads every drop as a counter reset'],
      [ID, 'alert Recorded applies rate() to the subquery store:shop_cart_items:sum, which is a gauge (it goes up and down); rate() reads every drop as a counter reset'],
      [ID, 'alert RateOfGaugeRate applies rate() to the subquery rate(shop_cart_items[5m]), which is a per-second rate already; rate() reads every drop as a counter reset'],
    ]);
  });
});
