import { describe, expect, it } from 'vitest';
import { alert, dashboard, record, timeseriesPanel } from '../../../src/index.js';
import { basics, expectFindings, findings, rulePath, shop } from './shop.js';

const ID = 'promql/unknown-label';

describe(`${ID}: labels read by label_replace, label_join, sort_by_label`, () => {
  it("fires on a typo in label_replace's source label, with did-you-mean", () => {
    const rule = record({ name: 'shop:host:up', expr: 'label_replace(shop_cart_items, "host", "$1", "instnace", "(.*):.*")' });
    expectFindings(findings(ID, shop({ rules: [rule] })), [
      {
        severity: 'error',
        message: 'record shop:host:up reads label "instnace" in label_replace(), but its series have no label "instnace": the source value is always empty. Did you mean "instance"?',
        hint: 'labels available there: instance, job, store',
        path: rulePath('shop:host:up', 'expr'),
        at: rule,
        span: '"instnace"',
      },
    ]);
  });

  it("fires on each of label_join's source labels the series lack, after aggregations and nested label_replace", () => {
    const rule = alert({ ...basics, name: 'Joined', expr: 'label_join(sum by (store, status) (rate(shop_orders_total[5m])), "key", "/", "store", "stauts", "job") > 1' });
    const nested = alert({
      ...basics,
      name: 'Nested',
      expr: 'label_join(label_replace(shop_cart_items, "host", "$1", "instance", "(.*):.*"), "where", "/", "host", "stor") > 1',
    });
    const found = findings(ID, shop({ rules: [rule, nested] }));
    expect(found.map((d) => [d.severity, d.message])).toEqual([
      ['error', 'alert Joined reads label "stauts" in label_join(), but its series have no label "stauts": the source value is always empty. Did you mean "status"?'],
      ['error', 'alert Joined reads label "job" in label_join(), but its series have no label "job": the source value is always empty.'],
      ['error', 'alert Nested reads label "stor" in label_join(), but its series have no label "stor": the source value is always empty. Did you mean "store"?'],
    ]);
  });

  it('fires on sort_by_label and in a dashboard panel', () => {
    const board = dashboard({
      title: 'Shop',
      panels: [
        timeseriesPanel({ title: 'Hosts', targets: [{ expr: 'label_replace(shop_cart_items{store=~"$store"}, "host", "$1", "instanse", "(.*)")' }] }),
        timeseriesPanel({ title: 'Sorted', targets: [{ expr: 'sort_by_label(sum by (store) (shop_cart_items), "stores")' }] }),
      ],
    });
    const found = findings(ID, shop({ dashboards: [board] }));
    expect(found.map((d) => [d.message, d.path])).toEqual([
      ['panel Hosts reads label "instanse" in label_replace(), but its series have no label "instanse": the source value is always empty. Did you mean "instance"?', ['dashboards', 'Shop', 'panels', 'Hosts', 'targets[0]', 'expr']],
      ['panel Sorted reads label "stores" in sort_by_label(), but its series have no label "stores": it sorts by an empty value. Did you mean "store"?', ['dashboards', 'Shop', 'panels', 'Sorted', 'targets[0]', 'expr']],
    ]);
  });

  it('stays quiet on real labels, __name__, labels a label_replace added, Grafana variables and series outside the catalogue', () => {
    const rules = [
      record({ name: 'shop:host:a', expr: 'label_replace(shop_cart_items, "host", "$1", "instance", "(.*):.*")' }),
      record({ name: 'shop:host:b', expr: 'label_replace(shop_cart_items, "metric", "$1", "__name__", "(.*)")' }),
      record({ name: 'shop:host:c', expr: 'label_join(label_replace(shop_cart_items, "host", "$1", "instance", "(.*)"), "key", "/", "host", "store")' }),
      record({ name: 'shop:host:d', expr: 'label_replace(other_metric, "host", "$1", "instnace", "(.*)")' }),
      record({ name: 'shop:host:e', expr: 'label_replace(shop_cart_items, "host", "", "", "")' }),
    ];
    const board = dashboard({ title: 'Shop', panels: [timeseriesPanel({ title: 'Var', targets: [{ expr: 'sort_by_label(shop_cart_items, "$label")' }] })] });
    expect(findings(ID, shop({ rules, dashboards: [board] }))).toEqual([]);
  });
});

describe(`${ID}: selectors that name their metrics with a __name__ regex`, () => {
  it('checks the other matchers against the union of the labels of the metrics the regex lists', () => {
    const rule = alert({ ...basics, name: 'ShopEvents', expr: 'sum(rate({__name__=~"shop_orders_total|shop_payments_total", stauts="failed"}[5m])) > 1' });
    expectFindings(findings(ID, shop({ rules: [rule] })), [
      {
        severity: 'error',
        message:
          'alert ShopEvents filters {__name__=~"shop_orders_total|shop_payments_total"} (shop_orders_total, shop_payments_total) on label "stauts", which none of those metrics has. Did you mean "status"?',
        hint: 'their labels are: instance, job, status, store',
        path: rulePath('ShopEvents', 'expr'),
        at: rule,
        span: 'stauts="failed"',
      },
    ]);
  });

  it('reads groups and ?, anchored, and other __name__ matchers narrow the list; fires in panels', () => {
    const board = dashboard({
      title: 'Shop',
      panels: [timeseriesPanel({ title: 'Checkout', targets: [{ expr: 'sum by (le) (rate({__name__=~"^shop_checkout_seconds_(bucket|count)$", __name__!="shop_checkout_seconds_count", stor=~"$store"}[5m]))' }] })],
    });
    const found = findings(ID, shop({ dashboards: [board] }));
    expect(found.map((d) => [d.message, d.hint])).toEqual([
      [
        'panel Checkout filters {__name__=~"^shop_checkout_seconds_(bucket|count)$"} (shop_checkout_seconds_bucket) on label "stor", which none of those metrics has. Did you mean "store"?',
        'their labels are: instance, job, le, store',
      ],
    ]);
  });

  it('stays quiet when a label is on one of the metrics, or the regex may match names outside the catalogue', () => {
    const rules = [
      alert({ ...basics, name: 'OneHasIt', expr: 'sum(rate({__name__=~"shop_orders_total|shop_payments_total", status="failed"}[5m])) > 1' }),
      alert({ ...basics, name: 'Wildcard', expr: 'sum(rate({__name__=~"shop_.*_total", stauts="failed"}[5m])) > 1' }),
      alert({ ...basics, name: 'OutsideCatalogue', expr: 'sum(rate({__name__=~"shop_orders_total|other_total", stauts="failed"}[5m])) > 1' }),
      alert({ ...basics, name: 'CaseFlag', expr: 'sum(rate({__name__=~"(?i)SHOP_ORDERS_TOTAL", stauts="failed"}[5m])) > 1' }),
      alert({ ...basics, name: 'WithoutLabel', expr: 'sum(rate({__name__=~"shop_orders_total|shop_payments_total", stauts=""}[5m])) > 1' }),
    ];
    expect(findings(ID, shop({ rules }))).toEqual([]);
  });
});
