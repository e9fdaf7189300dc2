import { describe, expect, it } from 'vitest';
import { alert, dashboard, record, timeseriesPanel } from '../../../src/index.js';
import { basics, expectFindings, findings, rulePath, shop } from './shop.js';
import { sourceOf } from '../../helpers/model.js';

const ID = 'promql/vector-matching';

describe(ID, () => {
  it('fires on a one-to-one operation whose sides have different labels (never matches)', () => {
    const rule = alert({ ...basics, name: 'OrdersPerPayment', expr: 'rate(shop_orders_total[5m]) / rate(shop_payments_total[5m]) > 1' });
    expectFindings(findings(ID, shop({ rules: [rule] })), [
      {
        severity: 'error',
        message: 'alert OrdersPerPayment: the two sides of "/" match on all their labels, but their labels differ ("status" only on the left): no series ever match and the result is always empty',
        hint: 'left labels: instance, job, status, store; right labels: instance, job, store. Aggregate both sides to the same labels, or match with ignoring (status)',
        path: rulePath('OrdersPerPayment', 'expr'),
        at: rule,
        span: '/',
      },
    ]);
  });

  it('fires on a bucket divided by a count without ignoring (le), in a recording rule', () => {
    const rule = record({ name: 'store:shop_checkout_fast:ratio', expr: 'rate(shop_checkout_seconds_bucket{le="1"}[5m]) / rate(shop_checkout_seconds_count[5m])' });
    expectFindings(findings(ID, shop({ rules: [rule] })), [
      {
        severity: 'error',
        message: 'record store:shop_checkout_fast:ratio: the two sides of "/" match on all their labels, but their labels differ ("le" only on the left): no series ever match and the result is always empty',
        hint: 'left labels: instance, job, le, store; right labels: instance, job, store. Aggregate both sides to the same labels, or match with ignoring (le)',
        path: rulePath('store:shop_checkout_fast:ratio', 'expr'),
        at: rule,
        span: '/',
      },
    ]);
  });

  it('fires on "and" between different label sets (always empty)', () => {
    const rule = alert({ ...basics, name: 'BusyCarts', expr: 'shop_cart_items > 100 and rate(shop_orders_total[5m]) > 1' });
    expectFindings(findings(ID, shop({ rules: [rule] })), [
      {
        severity: 'error',
        message: 'alert BusyCarts: the two sides of "and" match on all their labels, but their labels differ ("status" only on the right): it always returns nothing',
        hint: 'left labels: instance, job, store; right labels: instance, job, status, store. Aggregate both sides to the same labels, or match with ignoring (status)',
        path: rulePath('BusyCarts', 'expr'),
        at: rule,
        span: 'and',
      },
    ]);
  });

  it('warns on many-to-one matching without group_left / group_right', () => {
    const left = alert({ ...basics, name: 'LeftMany', expr: 'sum by (store, status) (rate(shop_orders_total[5m])) / on (store) sum by (store) (rate(shop_payments_total[5m])) > 1' });
    const right = alert({ ...basics, name: 'RightMany', expr: 'sum by (store) (rate(shop_payments_total[5m])) / on (store) sum by (store, status) (rate(shop_orders_total[5m])) > 1' });
    expectFindings(findings(ID, shop({ rules: [left, right] })), [
      {
        severity: 'warning',
        message: 'alert LeftMany: "/" matches on (store), but the left side also carries status: as soon as two of its series share one match, Prometheus fails the evaluation (group_left/group_right must say which side is "many")',
        hint: 'write / on (store) group_left, or aggregate the left side to the matching labels',
        path: rulePath('LeftMany', 'expr'),
        at: left,
        span: '/',
      },
      {
        severity: 'warning',
        message: 'alert RightMany: "/" matches on (store), but the right side also carries status: as soon as two of its series share one match, Prometheus fails the evaluation (group_left/group_right must say which side is "many")',
        hint: 'write / on (store) group_right, or aggregate the right side to the matching labels',
        path: rulePath('RightMany', 'expr'),
        at: right,
        span: '/',
      },
    ]);
  });

  it('judges sides with one label set alike: quiet matching on all labels, a warning matching on fewer', () => {
    const same = alert({ ...basics, name: 'Same', expr: 'sum by (store, status) (rate(shop_orders_total[5m])) / sum by (store, status) (rate(shop_orders_total[1h])) > 1' });
    const fewer = alert({ ...basics, name: 'Fewer', expr: 'sum by (store, status) (rate(shop_orders_total[5m])) / on (store) sum by (store, status) (rate(shop_orders_total[1h])) > 1' });
    expectFindings(findings(ID, shop({ rules: [same, fewer] })), [
      {
        severity: 'warning',
        message: 'alert Fewer: "/" matches on (store), but both sides also carry status: as soon as two of their series share one match, Prometheus fails the evaluation (group_left/group_right must say which side is "many")',
        hint: 'aggregate one side to the matching labels (store)',
        path: rulePath('Fewer', 'expr'),
        at: fewer,
        span: '/',
      },
    ]);
  });

  it('fires in a dashboard panel, with Grafana variables in the query', () => {
    const board = dashboard({
      title: 'Shop',
      panels: [timeseriesPanel({ title: 'Orders per payment', targets: [{ expr: 'rate(shop_orders_total{store=~"$store"}[$__rate_interval]) / rate(shop_payments_total[$__rate_interval])' }] })],
    });
    const found = findings(ID, shop({ dashboards: [board] }));
    expect(found.map((d) => [d.severity, d.message, d.path])).toEqual([
      ['error', 'panel Orders per payment: the two sides of "/" match on all their labels, but their labels differ ("status" only on the left): no series ever match and the result is always empty', ['dashboards', 'Shop', 'panels', 'Orders per payment', 'targets[0]', 'expr']],
    ]);
    expect(found[0]!.source).toEqual(sourceOf(board.panels[0]!));
  });

  it('stays quiet when the sides are aggregated alike, matched with ignoring, or grouped explicitly', () => {
    const rules = [
      alert({ ...basics, name: 'SameLabels', expr: 'sum by (store) (rate(shop_orders_total[5m])) / sum by (store) (rate(shop_payments_total[5m])) > 1' }),
      alert({ ...basics, name: 'IgnoringLe', expr: 'rate(shop_checkout_seconds_bucket{le="1"}[5m]) / ignoring (le) rate(shop_checkout_seconds_count[5m]) < 0.9' }),
      alert({ ...basics, name: 'GroupLeft', expr: 'sum by (store, status) (rate(shop_orders_total[5m])) / on (store) group_left sum by (store) (rate(shop_payments_total[5m])) > 1' }),
      alert({ ...basics, name: 'InfoJoin', expr: 'sum by (job, instance) (rate(shop_orders_total[5m])) * on (job, instance) group_left (version) shop_build_info > 1' }),
      alert({ ...basics, name: 'Pinned', expr: 'sum by (store) (rate(shop_orders_total{status="failed"}[5m])) / on (store) sum by (store, status) (rate(shop_orders_total{status="ok"}[5m])) > 0.1' }),
      alert({ ...basics, name: 'OrFallback', expr: 'rate(shop_orders_total[5m]) > 1 or rate(shop_payments_total[5m]) > 1' }),
      alert({ ...basics, name: 'JobFollowsInstance', expr: 'sum by (instance) (rate(shop_orders_total[5m])) > on (instance) sum by (job, instance) (rate(shop_payments_total[5m])) * 2' }),
      alert({ ...basics, name: 'Scalar', expr: 'sum(rate(shop_orders_total[5m])) / scalar(sum(rate(shop_payments_total[5m]))) > 1' }),
    ];
    expect(findings(ID, shop({ rules }))).toEqual([]);
  });

  it('stays quiet when a side is not known exactly (a series outside the catalogue)', () => {
    const rule = alert({ ...basics, name: 'Unknown', expr: 'rate(shop_orders_total[5m]) / rate(other_total[5m]) > 1' });
    expect(findings(ID, shop({ rules: [rule] }))).toEqual([]);
  });
});

describe('promql/unknown-label on without (…) and ignoring (…)', () => {
  const ID2 = 'promql/unknown-label';

  it('warns on a typo in without (…), with did-you-mean', () => {
    const rule = alert({ ...basics, name: 'Orders', expr: 'sum without (instnace) (rate(shop_orders_total[5m])) > 1' });
    expectFindings(findings(ID2, shop({ rules: [rule] })), [
      {
        severity: 'warning',
        message: 'alert Orders uses without (instnace), but the aggregated series have no label "instnace": nothing is removed. Did you mean "instance"?',
        hint: 'labels available there: instance, job, status, store',
        path: rulePath('Orders', 'expr'),
        at: rule,
        span: 'instnace',
      },
    ]);
  });

  it('warns on a typo in ignoring (…): neither side has the label', () => {
    const rule = alert({ ...basics, name: 'Ratio', expr: 'rate(shop_orders_total[5m]) / ignoring (stauts) group_left rate(shop_payments_total[5m]) > 1' });
    expectFindings(findings(ID2, shop({ rules: [rule] })), [
      {
        severity: 'warning',
        message: 'alert Ratio uses ignoring (stauts), but neither side of the operation has a label "stauts": nothing is removed. Did you mean "status"?',
        hint: 'labels available there: instance, job, status, store',
        path: rulePath('Ratio', 'expr'),
        at: rule,
        span: 'stauts',
      },
    ]);
  });

  it('warns on a typo in without (…) in a panel query and in a recording rule', () => {
    const rule = record({ name: 'store:shop_cart_items:sum', expr: 'sum without (stroe) (shop_cart_items)' });
    const board = dashboard({ title: 'Shop', panels: [timeseriesPanel({ title: 'Orders', targets: [{ expr: 'sum without (statsu) (rate(shop_orders_total[$__rate_interval]))' }] })] });
    const found = findings(ID2, shop({ rules: [rule], dashboards: [board] }));
    expect(found.map((d) => [d.severity, d.message, d.path])).toEqual([
      ['warning', 'record store:shop_cart_items:sum uses without (stroe), but the aggregated series have no label "stroe": nothing is removed. Did you mean "store"?', rulePath('store:shop_cart_items:sum', 'expr')],
      [
        'warning',
        'panel Orders uses without (statsu), but the aggregated series have no label "statsu": nothing is removed. Did you mean "status"?',
        ['dashboards', 'Shop', 'panels', 'Orders', 'targets[0]', 'expr'],
      ],
    ]);
  });

  it('stays quiet on without (…) and ignoring (…) over series not known exactly', () => {
    const rules = [
      alert({ ...basics, name: 'C', expr: 'sum without (anything) (rate(other_total[5m])) > 1' }),
      alert({ ...basics, name: 'D', expr: 'rate(other_total[5m]) / ignoring (anything) rate(shop_payments_total[5m]) > 1' }),
    ];
    expect(findings(ID2, shop({ rules }))).toEqual([]);
  });

  it('stays quiet on ignoring (…) a label only one side has, and without (…) a real label', () => {
    const rules = [
      alert({ ...basics, name: 'A', expr: 'rate(shop_orders_total[5m]) / ignoring (status) group_left rate(shop_payments_total[5m]) > 1' }),
      alert({ ...basics, name: 'B', expr: 'sum without (instance, status) (rate(shop_orders_total[5m])) > 1' }),
    ];
    expect(findings(ID2, shop({ rules }))).toEqual([]);
  });

  describe('the "one" side of group_left / group_right', () => {
    const msg = (owner: string, op: string, clause: string, side: string, extra: string) =>
      `${owner}: "${op}" matches ${clause}, so its ${side} side must have one series per match, but it also carries ${extra}: as soon as two of its series share one match, Prometheus fails the evaluation ("many-to-many matching not allowed: matching labels must be unique on one side")`;

    it('warns when the right side of group_left has labels beyond the match (on, ignoring, bool, a recorded series)', () => {
      const onRule = alert({ ...basics, name: 'OnLeft', expr: 'rate(shop_payments_total[5m]) / on (job, instance, store) group_left rate(shop_orders_total[5m]) > 1' });
      const ignoringRule = alert({ ...basics, name: 'IgnoringLeft', expr: 'rate(shop_payments_total[5m]) / ignoring (status) group_left rate(shop_orders_total[5m]) > 1' });
      const boolRule = record({ name: 'store:shop_payments_over_orders:bool', expr: 'sum by (store, instance) (rate(shop_payments_total[5m])) > bool on (store) group_left sum by (store, status) (rate(shop_orders_total[5m]))' });
      const recorded = record({ name: 'store_status:shop_orders:rate5m', expr: 'sum by (store, status) (rate(shop_orders_total[5m]))' });
      const recordedRule = alert({ ...basics, name: 'RecordedOne', expr: 'sum by (store, instance) (rate(shop_payments_total[5m])) / on (store) group_left store_status:shop_orders:rate5m > 1' });
      expectFindings(findings(ID, shop({ rules: [onRule, ignoringRule, boolRule, recorded, recordedRule] })), [
        { severity: 'warning', message: msg('alert OnLeft', '/', 'on (job, instance, store) group_left', 'right', 'status'), hint: 'aggregate the right side to the matching labels (e.g. max by (instance, job, store) (…)), or match on status too', path: rulePath('OnLeft', 'expr'), at: onRule, span: '/' },
        { severity: 'warning', message: msg('alert IgnoringLeft', '/', 'ignoring (status) group_left', 'right', 'status'), hint: 'aggregate the right side to the matching labels (e.g. max by (instance, job, store) (…)), or stop ignoring status too', path: rulePath('IgnoringLeft', 'expr'), at: ignoringRule, span: '/' },
        { severity: 'warning', message: msg('record store:shop_payments_over_orders:bool', '>', 'on (store) group_left', 'right', 'status'), hint: 'aggregate the right side to the matching labels (e.g. max by (store) (…)), or match on status too', path: rulePath('store:shop_payments_over_orders:bool', 'expr'), at: boolRule, span: '>' },
        { severity: 'warning', message: msg('alert RecordedOne', '/', 'on (store) group_left', 'right', 'status'), hint: 'aggregate the right side to the matching labels (e.g. max by (store) (…)), or match on status too', path: rulePath('RecordedOne', 'expr'), at: recordedRule, span: '/' },
      ]);
    });

    it('warns when the left side of group_right has labels beyond the match', () => {
      const rule = alert({ ...basics, name: 'RightGroup', expr: 'sum by (store, status) (rate(shop_orders_total[5m])) / on (store) group_right rate(shop_payments_total[5m]) > 1' });
      expectFindings(findings(ID, shop({ rules: [rule] })), [
        { severity: 'warning', message: msg('alert RightGroup', '/', 'on (store) group_right', 'left', 'status'), hint: 'aggregate the left side to the matching labels (e.g. max by (store) (…)), or match on status too', path: rulePath('RightGroup', 'expr'), at: rule, span: '/' },
      ]);
    });

    it('fires in a dashboard panel', () => {
      const board = dashboard({ title: 'Shop', panels: [timeseriesPanel({ title: 'Share', targets: [{ expr: 'rate(shop_payments_total{store=~"$store"}[$__rate_interval]) / on (instance, store) group_left rate(shop_orders_total[$__rate_interval])' }] })] });
      const found = findings(ID, shop({ dashboards: [board] }));
      expect(found.map((d) => [d.severity, d.message])).toEqual([['warning', msg('panel Share', '/', 'on (instance, store) group_left', 'right', 'status')]]);
    });

    it('stays quiet on a unique "one" side: aggregated, pinned, included labels, an info metric, topk per group, set operators, unknown series', () => {
      const rules = [
        alert({ ...basics, name: 'Aggregated', expr: 'rate(shop_orders_total[5m]) / on (store) group_left sum by (store) (rate(shop_orders_total[5m])) > 0.5' }),
        alert({ ...basics, name: 'PinnedOne', expr: 'rate(shop_payments_total[5m]) / on (job, instance, store) group_left rate(shop_orders_total{status="ok"}[5m]) > 1' }),
        alert({ ...basics, name: 'WithoutLabel', expr: 'rate(shop_payments_total[5m]) / on (job, instance, store) group_left rate(shop_orders_total{status=""}[5m]) > 1' }),
        alert({ ...basics, name: 'Included', expr: 'rate(shop_orders_total[5m]) * on (job, instance) group_left (version) shop_build_info > 1' }),
        alert({ ...basics, name: 'InfoMetric', expr: 'rate(shop_orders_total[5m]) * on (job, instance) group_left shop_build_info > 1' }),
        alert({ ...basics, name: 'TopkOne', expr: 'rate(shop_payments_total[5m]) / on (store) group_left topk by (store) (1, rate(shop_orders_total[5m])) > 1' }),
        alert({ ...basics, name: 'JobFollowsInstance', expr: 'rate(shop_payments_total[5m]) / on (instance, store) group_left sum by (job, instance, store) (rate(shop_orders_total[5m])) > 1' }),
        alert({ ...basics, name: 'Unless', expr: 'rate(shop_payments_total[5m]) > 1 unless on (store) rate(shop_orders_total[5m]) > 1' }),
        alert({ ...basics, name: 'Unknown', expr: 'rate(shop_payments_total[5m]) / on (store) group_left rate(other_total[5m]) > 1' }),
      ];
      expect(findings(ID, shop({ rules }))).toEqual([]);
    });
  });
});
