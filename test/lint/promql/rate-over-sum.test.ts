// rate() over counters combined across targets before it reads them: "sum then rate". Prometheus'
// docs: always take a rate() first, then aggregate (src/promql/counter-combination.ts).
import { describe, expect, it } from 'vitest';
import { alert, dashboard, record, timeseriesPanel } from '../../../src/index.js';
import { basics, expectFindings, findings, rulePath, shop } from './shop.js';
import { sourceOf } from '../../helpers/model.js';

const ID = 'promql/rate-over-sum';
const summed = record({ name: 'store:shop_orders:sum', expr: 'sum by (store) (shop_orders_total)' });
const messages = (options: Parameters<typeof shop>[0]) =>
  findings(ID, shop(options)).map((d) => [d.message, d.excerpt ? d.excerpt.text.slice(d.excerpt.from, d.excerpt.to) : undefined]);

describe(ID, () => {
  it('fires on rate() over a recorded sum of counters across targets, with the rule that sums first', () => {
    const rule = alert({ ...basics, name: 'OrdersSpike', expr: 'rate(store:shop_orders:sum[5m]) > 1' });
    expectFindings(findings(ID, shop({ rules: [summed, rule] })), [
      {
        severity: 'error',
        message:
          'alert OrdersSpike applies rate() to "store:shop_orders:sum", recorded as sum by (store) (shop_orders_total): a sum of counters across targets. When one target restarts its counters drop to 0, the sum drops with them, and rate() reads that drop as a reset of the whole sum: a spike no traffic made',
        hint: 'take rate() of each counter first, then aggregate: record sum by (store) (rate(shop_orders_total[5m])) and use the recorded series as it is (or keep instance in the recording rule\'s grouping)',
        path: rulePath('OrdersSpike', 'expr'),
        at: rule,
        span: 'store:shop_orders:sum',
      },
    ]);
  });

  it('fires on increase() over a subquery of a sum, with the expression rewritten', () => {
    const rule = alert({ ...basics, name: 'FailedOrders', expr: 'increase(sum by (store) (shop_orders_total{status="failed"})[1h:5m]) > 10' });
    expectFindings(findings(ID, shop({ rules: [rule] })), [
      {
        severity: 'error',
        message:
          'alert FailedOrders applies increase() to a subquery of sum by (store) (shop_orders_total{status="failed"}): a sum of counters across targets. When one target restarts its counters drop to 0, the sum drops with them, and increase() reads that drop as a reset of the whole sum: a spike no traffic made',
        hint: 'take increase() of each counter first, then aggregate: sum by (store) (increase(shop_orders_total{status="failed"}[1h])) (or keep instance in the grouping, so that each sum is one target\'s)',
        path: rulePath('FailedOrders', 'expr'),
        at: rule,
        span: 'sum by (store) (shop_orders_total{status="failed"})',
      },
    ]);
  });

  it('follows the counter through max/min, scaling, relabelling, parentheses, filters and recorded series of recorded sums', () => {
    const rules = [
      summed,
      record({ name: 'store:shop_orders:sum_x2', expr: '2 * store:shop_orders:sum' }),
      alert({ ...basics, name: 'Max', expr: 'irate(max(shop_orders_total)[5m:]) > 1' }),
      alert({ ...basics, name: 'Twice', expr: 'rate(store:shop_orders:sum_x2[5m]) > 1' }),
      alert({ ...basics, name: 'Scaled', expr: 'rate((store:shop_orders:sum * 8)[10m:1m]) > 1' }),
      alert({ ...basics, name: 'WithoutInstance', expr: 'rate(label_replace(sum without (instance) (shop_orders_total), "s", "$1", "store", "(.*)")[5m:]) > 1' }),
      alert({ ...basics, name: 'Filtered', expr: 'rate(((sum by (job) (shop_payments_total)) > 0)[5m:]) > 1' }),
    ];
    expect(messages({ rules })).toEqual([
      [
        'alert Max applies irate() to a subquery of max(shop_orders_total): the largest of several counters across targets. When one target restarts its counters drop to 0, the max may drop with them, and irate() reads that drop as a reset of the whole max: a spike no traffic made',
        'max(shop_orders_total)',
      ],
      [
        'alert Twice applies rate() to "store:shop_orders:sum_x2", recorded as 2 * store:shop_orders:sum, which reads "store:shop_orders:sum", recorded as sum by (store) (shop_orders_total): a sum of counters across targets. When one target restarts its counters drop to 0, the sum drops with them, and rate() reads that drop as a reset of the whole sum: a spike no traffic made',
        'store:shop_orders:sum_x2',
      ],
      [
        'alert Scaled applies rate() to a subquery of "store:shop_orders:sum", recorded as sum by (store) (shop_orders_total): a sum of counters across targets. When one target restarts its counters drop to 0, the sum drops with them, and rate() reads that drop as a reset of the whole sum: a spike no traffic made',
        'store:shop_orders:sum',
      ],
      [
        'alert WithoutInstance applies rate() to a subquery of sum without (instance) (shop_orders_total): a sum of counters across targets. When one target restarts its counters drop to 0, the sum drops with them, and rate() reads that drop as a reset of the whole sum: a spike no traffic made',
        'sum without (instance) (shop_orders_total)',
      ],
      [
        'alert Filtered applies rate() to a subquery of sum by (job) (shop_payments_total): a sum of counters across targets. When one target restarts its counters drop to 0, the sum drops with them, and rate() reads that drop as a reset of the whole sum: a spike no traffic made',
        'sum by (job) (shop_payments_total)',
      ],
    ]);
  });

  it('fires in a panel, at the query as written', () => {
    const board = dashboard({ title: 'Shop', panels: [timeseriesPanel({ title: 'Orders', targets: [{ expr: 'rate(store:shop_orders:sum[$__rate_interval])' }] })] });
    const found = findings(ID, shop({ rules: [summed], dashboards: [board] }));
    expect(found.map((d) => [d.path, d.excerpt?.text])).toEqual([[['dashboards', 'Shop', 'panels', 'Orders', 'targets[0]', 'expr'], 'rate(store:shop_orders:sum[$__rate_interval])']]);
    expect(found[0]!.source).toEqual(sourceOf(board.panels[0]!));
  });

  it('stays quiet where each sum is one target\'s, where rate() comes first, and where no counter is combined', () => {
    const rules = [
      record({ name: 'instance:shop_orders:sum', expr: 'sum by (instance, store) (shop_orders_total)' }),
      record({ name: 'store:shop_orders:rate5m', expr: 'sum by (store) (rate(shop_orders_total[5m]))' }),
      alert({ ...basics, name: 'PerInstance', expr: 'rate(instance:shop_orders:sum[5m]) > 1' }),
      alert({ ...basics, name: 'WithoutStatus', expr: 'rate(sum without (status) (shop_orders_total)[5m:]) > 1' }),
      alert({ ...basics, name: 'RateFirst', expr: 'sum by (store) (rate(shop_orders_total[5m])) > 1' }),
      alert({ ...basics, name: 'RecordedRate', expr: 'store:shop_orders:rate5m > 1' }),
      alert({ ...basics, name: 'Plain', expr: 'rate(shop_orders_total[5m]) > 1' }),
      alert({ ...basics, name: 'PlainSubquery', expr: 'rate(shop_orders_total[5m:1m]) > 1' }),
      alert({ ...basics, name: 'Top', expr: 'rate(topk(3, shop_orders_total)[5m:]) > 1' }),
      alert({ ...basics, name: 'Gauges', expr: 'deriv(sum(shop_cart_items)[10m:]) > 1' }),
      alert({ ...basics, name: 'Resets', expr: 'resets(sum(shop_orders_total)[1h:]) > 3' }),
      alert({ ...basics, name: 'Summed', expr: 'sum(store:shop_orders:rate5m) > 1' }),
    ];
    expect(messages({ rules })).toEqual([]);
  });

  it('is the only check that reports a recorded sum of counters under rate()', () => {
    const rules = [summed, alert({ ...basics, name: 'OrdersSpike', expr: 'rate(store:shop_orders:sum[5m]) > 1' })];
    const project = shop({ rules });
    expect(findings('promql/rate-on-recorded-gauge', project)).toEqual([]);
    expect(findings('promql/rate-on-non-counter', project)).toEqual([]);
    expect(findings(ID, project)).toHaveLength(1);
  });
});
