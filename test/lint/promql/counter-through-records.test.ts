// A counter read as a gauge where it arrives through a recording rule (a recorded sum of counters,
// whose kind src/promql/value-kind.ts infers) or a subquery (`deriv(sum(x_total)[1h:1m])`): the
// three checks that judge a counter's raw value see it as they see the counter itself.
import { describe, expect, it } from 'vitest';
import { alert, record, timeseriesPanel } from '../../../src/index.js';
import { basics, findings, shop, shopDashboard } from './shop.js';

const records = [
  record({ name: 'store:shop_orders:sum', expr: 'sum by (store) (shop_orders_total)' }),
  record({ name: 'store:shop_orders:rate5m', expr: 'sum by (store) (rate(shop_orders_total[5m]))' }),
  record({ name: 'store:shop_cart_items:max', expr: 'max by (store) (shop_cart_items)' }),
];

const messages = (id: string, options: Parameters<typeof shop>[0]) =>
  findings(id, shop(options)).map((d) => [d.message, d.excerpt ? d.excerpt.text.slice(d.excerpt.from, d.excerpt.to) : undefined]);

describe('promql/gauge-function-on-counter through recording rules and subqueries', () => {
  it('fires on a gauge function over a recorded counter and over a subquery whose expression is a counter', () => {
    const rules = [
      ...records,
      alert({ ...basics, name: 'Recorded', expr: 'deriv(store:shop_orders:sum[10m]) > 1' }),
      alert({ ...basics, name: 'Summed', expr: 'predict_linear(sum by (store) (shop_orders_total)[1h:1m], 3600) > 1e6' }),
      alert({ ...basics, name: 'Relabelled', expr: 'delta(label_replace(shop_payments_total, "shop", "$1", "store", "(.*)")[10m:1m]) > 1' }),
    ];
    expect(messages('promql/gauge-function-on-counter', { rules })).toEqual([
      ['alert Recorded applies deriv() to recorded counter "store:shop_orders:sum" (record: sum by (store) (shop_orders_total)): deriv is for gauges, and reads every restart of the counter as a drop', 'store:shop_orders:sum'],
      ['alert Summed applies predict_linear() to the subquery sum by (store) (shop_orders_total), which is a counter: predict_linear is for gauges, and reads every restart of the counter as a drop', 'sum by (store) (shop_orders_total)'],
      ['alert Relabelled applies delta() to the subquery label_replace(shop_payments_total, "shop", "$1", "store", "(.*)"), which is a counter: delta is for gauges, and reads every restart of the counter as a drop', 'label_replace(shop_payments_total, "shop", "$1", "store", "(.*)")'],
    ]);
  });

  it('is quiet on recorded rates and gauges, subqueries of rates and gauges, and a counter a subquery selects alone (reported once, at the selector)', () => {
    const rules = [
      ...records,
      alert({ ...basics, name: 'RecordedRate', expr: 'deriv(store:shop_orders:rate5m[10m]) > 1' }),
      alert({ ...basics, name: 'RecordedGauge', expr: 'delta(store:shop_cart_items:max[10m]) > 1' }),
      alert({ ...basics, name: 'RateSubquery', expr: 'predict_linear(sum(rate(shop_orders_total[5m]))[1h:1m], 3600) > 10' }),
      alert({ ...basics, name: 'GaugeSubquery', expr: 'deriv(sum(shop_cart_items)[1h:1m]) > 10' }),
    ];
    expect(messages('promql/gauge-function-on-counter', { rules })).toEqual([]);
    const alone = [alert({ ...basics, name: 'Alone', expr: 'deriv(shop_orders_total[1h:1m]) > 1' })];
    expect(messages('promql/gauge-function-on-counter', { rules: alone })).toEqual([
      ['alert Alone applies deriv() to counter "shop_orders_total": deriv is for gauges, and reads every restart of the counter as a drop', 'shop_orders_total'],
    ]);
  });
});

describe('promql/counter-compared-raw through recording rules', () => {
  it('fires on a recorded counter compared raw, and is quiet on its rate and on recorded rates', () => {
    const rules = [
      ...records,
      alert({ ...basics, name: 'RawRecorded', expr: 'store:shop_orders:sum > 1000' }),
      alert({ ...basics, name: 'MaxRecorded', expr: 'max(store:shop_orders:sum) > 1000' }),
      alert({ ...basics, name: 'RateOfRecorded', expr: 'rate(store:shop_orders:sum[5m]) > 10' }),
      alert({ ...basics, name: 'RecordedRate', expr: 'store:shop_orders:rate5m > 10' }),
    ];
    expect(messages('promql/counter-compared-raw', { rules })).toEqual([
      ['alert RawRecorded compares the raw value of recorded counter "store:shop_orders:sum", which only grows (and drops to 0 on restart)', 'store:shop_orders:sum'],
      ['alert MaxRecorded compares the raw value of recorded counter "store:shop_orders:sum", which only grows (and drops to 0 on restart)', 'store:shop_orders:sum'],
    ]);
  });
});

describe('dashboard/counter-without-rate through recording rules', () => {
  it('fires on a panel showing a recorded counter raw, and is quiet on its rate and on recorded rates', () => {
    const board = shopDashboard([
      timeseriesPanel({ title: 'Raw', targets: [{ expr: 'store:shop_orders:sum' }] }),
      timeseriesPanel({ title: 'Rated', targets: [{ expr: 'sum(rate(store:shop_orders:sum[$__rate_interval]))' }] }),
      timeseriesPanel({ title: 'Rate', targets: [{ expr: 'store:shop_orders:rate5m' }] }),
    ]);
    expect(messages('dashboard/counter-without-rate', { rules: records, dashboards: [board] })).toEqual([
      ['panel Raw (Shop) shows the raw value of recorded counter "store:shop_orders:sum", a total since the process started that drops to 0 on restart', 'store:shop_orders:sum'],
    ]);
  });
});

describe('dashboard/counter-without-rate: only values the panel shows', () => {
  it('is quiet on a counter that and/unless only filters by, or that a bool comparison turns into 0 or 1; fires on one a comparison lets through', () => {
    const board = shopDashboard([
      timeseriesPanel({ title: 'Filtered', targets: [{ expr: 'sum by (store) (rate(shop_orders_total[$__rate_interval])) and on (store) shop_payments_total' }] }),
      timeseriesPanel({ title: 'Unless', targets: [{ expr: 'sum by (store) (rate(shop_orders_total[$__rate_interval])) unless on (store) shop_payments_total' }] }),
      timeseriesPanel({ title: 'Bool', targets: [{ expr: 'shop_payments_total > bool 0' }] }),
      timeseriesPanel({ title: 'Above', targets: [{ expr: 'shop_payments_total > 1000' }] }),
    ]);
    expect(messages('dashboard/counter-without-rate', { dashboards: [board] })).toEqual([
      ['panel Above (Shop) shows the raw value of counter "shop_payments_total", a total since the process started that drops to 0 on restart', 'shop_payments_total'],
    ]);
  });
});
