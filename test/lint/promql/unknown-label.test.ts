import { describe, expect, it } from 'vitest';
import { alert, dashboard, record, scrapeJob, timeseriesPanel } from '../../../src/index.js';
import { basics, expectFindings, findings, jobs, rulePath, shop } from './shop.js';

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
    const board = dashboard({
      title: 'Shop',
      panels: [
        timeseriesPanel({ title: 'Var', targets: [{ expr: 'sort_by_label(shop_cart_items, "$label")' }] }),
        // Grafana's [[name]] form of a variable: not a label named "label".
        timeseriesPanel({ title: 'Brackets', targets: [{ expr: 'sum by ([[label]]) (shop_cart_items)' }] }),
      ],
    });
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

describe(`${ID}: groupings, matchings and label functions over a __name__ regex`, () => {
  const both = '{__name__=~"shop_orders_total|shop_payments_total"}';

  it('judges by/without over the union of the labels of the metrics the regex lists', () => {
    const by = alert({ ...basics, name: 'ByTypo', expr: `sum by (stor) (rate(${both}[5m])) > 1` });
    const without = alert({ ...basics, name: 'WithoutTypo', expr: `sum without (stauts) (rate(${both}[5m])) > 1` });
    expectFindings(findings(ID, shop({ rules: [by, without] })), [
      {
        severity: 'error',
        message: 'alert ByTypo uses by (stor), but the aggregated series have no label "stor". Did you mean "store"?',
        hint: 'labels available there: instance, job, status, store',
        path: rulePath('ByTypo', 'expr'),
        at: by,
        span: 'stor',
      },
      {
        severity: 'warning',
        message: 'alert WithoutTypo uses without (stauts), but the aggregated series have no label "stauts": nothing is removed. Did you mean "status"?',
        hint: 'labels available there: instance, job, status, store',
        path: rulePath('WithoutTypo', 'expr'),
        at: without,
        span: 'stauts',
      },
    ]);
  });

  it('judges on/ignoring/group_left/group_right with a regex on either side, and label_replace/label_join/sort_by_label over it', () => {
    const rules = [
      alert({ ...basics, name: 'On', expr: `${both} / on (stor) shop_cart_items > 1` }),
      alert({ ...basics, name: 'Ignoring', expr: `${both} / ignoring (stauts) group_left shop_cart_items > 1` }),
      alert({ ...basics, name: 'GroupLeft', expr: 'shop_cart_items * on (store) group_left (verson) {__name__=~"shop_build_info|shop_cart_items"} > 1' }),
      alert({ ...basics, name: 'GroupRight', expr: '{__name__=~"shop_build_info|shop_cart_items"} * on (store) group_right (verson) shop_cart_items > 1' }),
      alert({ ...basics, name: 'Replace', expr: `label_replace(${both}, "x", "$1", "stauts", "(.*)") > 1` }),
      alert({ ...basics, name: 'Join', expr: `label_join(sum by (store) (${both}), "x", "/", "store", "status") > 1` }),
      alert({ ...basics, name: 'Or', expr: `sum by (stor) (rate(${both}[5m]) or shop_cart_items) > 1` }),
    ];
    const found = findings(ID, shop({ rules }));
    expect(found.map((d) => [d.severity, d.message])).toEqual([
      ['error', 'alert On uses on (stor), but both sides of the operation have no label "stor". Did you mean "store"?'],
      ['warning', 'alert Ignoring uses ignoring (stauts), but neither side of the operation has a label "stauts": nothing is removed. Did you mean "status"?'],
      ['error', 'alert GroupLeft uses group_left (verson), but the right-hand side has no label "verson". Did you mean "version"?'],
      ['error', 'alert GroupRight uses group_right (verson), but the left-hand side has no label "verson". Did you mean "version"?'],
      ['error', 'alert Replace reads label "stauts" in label_replace(), but its series have no label "stauts": the source value is always empty. Did you mean "status"?'],
      ['error', 'alert Join reads label "status" in label_join(), but its series have no label "status": the source value is always empty.'],
      ['error', 'alert Or uses by (stor), but the aggregated series have no label "stor". Did you mean "store"?'],
    ]);
  });

  it('says which side lacks the on () label when only the regex side does', () => {
    const rule = alert({ ...basics, name: 'OnSide', expr: '{__name__=~"shop_build_info|shop_payments_total"} / on (status) shop_orders_total > 1' });
    expect(findings(ID, shop({ rules: [rule] })).map((d) => d.message)).toEqual(['alert OnSide uses on (status), but the left-hand side has no label "status".']);
  });

  it('stays quiet on a label one of the metrics has, a regex that may match other names, a name outside the catalogue, and a label metricRelabel drops', () => {
    // The only job drops status: the stored series lack it (scrape/dropped-label names the rule).
    const dropping = scrapeJob({ name: 'shop', targets: ['shop-1:8000'], metricRelabel: [{ action: 'labeldrop', regex: 'status' }] });
    const rules = [
      // status is on shop_orders_total only: some series have it.
      alert({ ...basics, name: 'OneHasIt', expr: `sum by (status) (rate(${both}[5m])) > 1` }),
      alert({ ...basics, name: 'OneHasItOn', expr: `${both} / on (status) group_left shop_orders_total > 1` }),
      alert({ ...basics, name: 'ReplaceOne', expr: `label_replace(${both}, "x", "$1", "status", "(.*)") > 1` }),
      alert({ ...basics, name: 'Wildcard', expr: 'sum by (stor) ({__name__=~"shop_.*_total"}) > 1' }),
      alert({ ...basics, name: 'Outside', expr: 'sum by (stor) ({__name__=~"shop_orders_total|other_total"}) > 1' }),
      alert({ ...basics, name: 'Narrowed', expr: 'sum by (status) ({__name__=~"shop_orders_total|shop_payments_total", __name__!="shop_payments_total"}) > 1' }),
      alert({ ...basics, name: 'NameKept', expr: `count by (__name__) (${both}) > 1` }),
    ];
    expect(findings(ID, shop({ rules }))).toEqual([]);
    const dropped = alert({ ...basics, name: 'Dropped', expr: 'sum by (status) ({__name__=~"shop_orders_total|shop_cart_items"}) > 1' });
    expect(findings(ID, shop({ rules: [dropped], scrapeJobs: [dropping] }))).toEqual([]);
  });
});

describe(`${ID}: selectors without a metric name`, () => {
  it('warns on a label no catalogue metric, scrape job, rule or external label has, also under an aggregation', () => {
    const bare = alert({ ...basics, name: 'Bare', expr: 'count({stauts="failed"}) > 1' });
    const grouped = alert({ ...basics, name: 'Grouped', expr: 'sum by (job) ({servce="x"}) > 1' });
    expectFindings(findings(ID, shop({ rules: [bare, grouped] })), [
      {
        severity: 'warning',
        message:
          'alert Bare filters a selector without a metric name on label "stauts", but no metric in the catalogue has label "stauts", nor does a scrape job, a rule or an external label add it: unless a series outside the catalogue carries it, the selector selects nothing. Did you mean "status"?',
        hint: 'fix the label name, or declare the metric that carries "stauts" (with its labels) in the catalogue',
        path: rulePath('Bare', 'expr'),
        at: bare,
        span: 'stauts="failed"',
      },
      {
        severity: 'warning',
        message:
          'alert Grouped filters a selector without a metric name on label "servce", but no metric in the catalogue has label "servce", nor does a scrape job, a rule or an external label add it: unless a series outside the catalogue carries it, the selector selects nothing.',
        hint: 'fix the label name, or declare the metric that carries "servce" (with its labels) in the catalogue',
        path: rulePath('Grouped', 'expr'),
        at: grouped,
        span: 'servce="x"',
      },
    ]);
  });

  it('fires in panels and with only negative __name__ matchers', () => {
    const board = dashboard({ title: 'Shop', panels: [timeseriesPanel({ title: 'All', targets: [{ expr: 'count by (job) ({__name__!="up", mehtod=~"$method"})' }] })] });
    expect(findings(ID, shop({ dashboards: [board] })).map((d) => [d.severity, d.path])).toEqual([['warning', ['dashboards', 'Shop', 'panels', 'All', 'targets[0]', 'expr']]]);
  });

  it('stays quiet on labels some series may carry: catalogue, target, job and relabel labels, external labels, rule labels, ALERTS, buckets', () => {
    const scrapeJobs = [
      ...Object.values(jobs),
      scrapeJob({ name: 'edge', targets: ['edge:9000'], labels: { zone: 'a' }, relabel: [{ sourceLabels: ['__address__'], targetLabel: 'host' }] }),
    ];
    const rules = [
      record({ name: 'shop:orders:rate5m', expr: 'sum by (store) (rate(shop_orders_total[5m]))', labels: { team: 'shop' } }),
      alert({ ...basics, name: 'Catalogue', expr: 'count({store="a", status="failed", version="1"}) > 1' }),
      alert({ ...basics, name: 'Targets', expr: 'count({job="shop", instance="a", zone="a", host="x"}) > 1' }),
      alert({ ...basics, name: 'External', expr: 'count({cluster="eu-1"}) > 1' }),
      alert({ ...basics, name: 'RuleLabels', expr: 'count({team="shop", severity="page"}) > 1' }),
      alert({ ...basics, name: 'Alerts', expr: 'count({alertname="X", alertstate="firing"}) > 1' }),
      alert({ ...basics, name: 'Buckets', expr: 'count({le="+Inf"}) + count({quantile="0.5"}) > 1' }),
      alert({ ...basics, name: 'Reserved', expr: 'count({__name__!="up", __tmp="x", exported_job="a"}) > 1' }),
      alert({ ...basics, name: 'Without', expr: 'count({stauts="", job="shop"}) > 1' }),
    ];
    const board = dashboard({ title: 'Shop', panels: [timeseriesPanel({ title: 'Var', targets: [{ expr: 'count({$label="x"})' }] })] });
    expect(findings(ID, shop({ rules, scrapeJobs, dashboards: [board], global: { externalLabels: { cluster: 'eu-1' } } }))).toEqual([]);
  });

  it('stays quiet on a panel query sent to another data source (a Loki metric query reads as PromQL)', () => {
    const loki = { type: 'loki', uid: 'loki' };
    const board = dashboard({
      title: 'Shop',
      panels: [
        timeseriesPanel({ title: 'Logs', targets: [{ expr: 'sum(count_over_time({app="shop"}[5m]))', datasource: loki }] }),
        timeseriesPanel({ title: 'Panel', datasource: loki, targets: [{ expr: 'sum(count_over_time({app="shop"}[5m]))' }] }),
        timeseriesPanel({ title: 'Prometheus', targets: [{ expr: 'count({app="shop"})', datasource: { type: 'prometheus', uid: 'prometheus' } }] }),
      ],
    });
    expect(findings(ID, shop({ dashboards: [board] })).map((d) => d.path)).toEqual([['dashboards', 'Shop', 'panels', 'Prometheus', 'targets[0]', 'expr']]);
  });

  it('stays quiet when a relabeling writes labels the definitions do not name, or a recorded series may carry any label', () => {
    const rule = alert({ ...basics, name: 'Mapped', expr: 'count({stauts="failed"}) > 1' });
    const mapping = [...Object.values(jobs), scrapeJob({ name: 'pods', kubernetes: { role: 'pod' }, relabel: [{ action: 'labelmap', regex: '__meta_kubernetes_pod_label_(.+)' }] })];
    expect(findings(ID, shop({ rules: [rule], scrapeJobs: mapping }))).toEqual([]);
    // A record over a series outside the catalogue: its labels are not known, but it names them.
    const recorded = record({ name: 'other:stauts:sum', expr: 'sum by (stauts) (other_metric)' });
    expect(findings(ID, shop({ rules: [recorded, rule] }))).toEqual([]);
  });
});

describe(`${ID}: by/without/on/ignoring/group_* over selectors without a metric name`, () => {
  const warned = (project: ReturnType<typeof shop>) => findings(ID, project).map((d) => [d.severity, d.message]);

  it('warns on a clause label no catalogue metric, scrape job, rule or external label has, with did-you-mean, at the label', () => {
    const by = alert({ ...basics, name: 'By', expr: 'sum by (servce) ({job="shop"}) > 1' });
    const rules = [
      by,
      alert({ ...basics, name: 'Without', expr: 'sum without (stauts) (rate({job="shop"}[5m])) > 1' }),
      alert({ ...basics, name: 'On', expr: '{job="shop"} / on (jbo) {job="node"} > 1' }),
      alert({ ...basics, name: 'Ignoring', expr: '{job="shop"} / ignoring (stor) {job="node"} > 1' }),
      alert({ ...basics, name: 'GroupLeft', expr: 'shop_cart_items * on (store) group_left (verson) {job="shop", __name__!="up"} > 1' }),
      alert({ ...basics, name: 'Nested', expr: 'max by (store) (sum by (store, zone) (rate({job="shop"}[5m]))) > 1' }),
      alert({ ...basics, name: 'Mixed', expr: 'sum by (stauts) (shop_orders_total or {job="shop"}) > 1' }),
    ];
    expect(warned(shop({ rules }))).toEqual([
      ['warning', 'alert By uses by (servce) over a selector without a metric name, but no metric in the catalogue has label "servce", nor does a scrape job, a rule or an external label add it: unless a series outside the catalogue carries it, every series falls in one group.'],
      ['warning', 'alert Without uses without (stauts) over a selector without a metric name, but no metric in the catalogue has label "stauts", nor does a scrape job, a rule or an external label add it: unless a series outside the catalogue carries it, nothing is removed. Did you mean "status"?'],
      ['warning', 'alert On uses on (jbo) over a selector without a metric name, but no metric in the catalogue has label "jbo", nor does a scrape job, a rule or an external label add it: unless a series outside the catalogue carries it, both sides match on an empty value. Did you mean "job"?'],
      ['warning', 'alert Ignoring uses ignoring (stor) over a selector without a metric name, but no metric in the catalogue has label "stor", nor does a scrape job, a rule or an external label add it: unless a series outside the catalogue carries it, nothing is ignored. Did you mean "store"?'],
      ['warning', 'alert GroupLeft uses group_left (verson) over a selector without a metric name, but no metric in the catalogue has label "verson", nor does a scrape job, a rule or an external label add it: unless a series outside the catalogue carries it, it copies an empty value. Did you mean "version"?'],
      ['warning', 'alert Nested uses by (zone) over a selector without a metric name, but no metric in the catalogue has label "zone", nor does a scrape job, a rule or an external label add it: unless a series outside the catalogue carries it, every series falls in one group. Did you mean "mode"?'],
      ['warning', 'alert Mixed uses by (stauts) over a selector without a metric name, but no metric in the catalogue has label "stauts", nor does a scrape job, a rule or an external label add it: unless a series outside the catalogue carries it, every series falls in one group. Did you mean "status"?'],
    ]);
    const [first] = findings(ID, shop({ rules: [by] }));
    expect(first!.hint).toBe('fix the label name, or declare the metric that carries "servce" (with its labels) in the catalogue');
  });

  it('fires in a panel, and stays quiet on a Loki query', () => {
    const board = dashboard({
      title: 'Shop',
      panels: [
        timeseriesPanel({ title: 'All', targets: [{ expr: 'sum by (mehtod) (rate({job=~"$job"}[$__rate_interval]))' }] }),
        timeseriesPanel({ title: 'Logs', targets: [{ expr: 'sum by (app) (count_over_time({app="shop"}[5m]))', datasource: { type: 'loki', uid: 'loki' } }] }),
      ],
    });
    expect(findings(ID, shop({ dashboards: [board] })).map((d) => [d.severity, d.path])).toEqual([['warning', ['dashboards', 'Shop', 'panels', 'All', 'targets[0]', 'expr']]]);
  });

  it('stays quiet on labels some series may carry, labels the expression writes, __ labels, variables, metrics outside the catalogue, or relabelings that name labels', () => {
    const scrapeJobs = [...Object.values(jobs), scrapeJob({ name: 'edge', targets: ['edge:9000'], labels: { zone: 'a' } })];
    const rules = [
      record({ name: 'shop:orders:rate5m', expr: 'sum by (store) (rate(shop_orders_total[5m]))', labels: { team: 'shop' } }),
      alert({ ...basics, name: 'Known', expr: 'sum by (store, status, job, instance, zone, team, cluster, le) ({job="shop"}) > 1' }),
      alert({ ...basics, name: 'Written', expr: 'sum by (host) (label_replace({job="shop"}, "host", "$1", "instance", "(.*):.*")) > 1' }),
      alert({ ...basics, name: 'Counted', expr: 'count_values("value", {job="shop"}) by (value) > 1' }),
      alert({ ...basics, name: 'Reserved', expr: 'count by (__name__) ({job="shop"}) > 1' }),
      alert({ ...basics, name: 'Outside', expr: 'sum by (servce) ({job="shop"} or other_metric) > 1' }),
      alert({ ...basics, name: 'OnOutside', expr: 'other_metric / on (servce) group_left {job="shop"} > 1' }),
      alert({ ...basics, name: 'Named', expr: 'sum by (servce) (other_metric) > 1' }),
    ];
    const board = dashboard({ title: 'Shop', panels: [timeseriesPanel({ title: 'Var', targets: [{ expr: 'sum by ($label) ({job="shop"})' }] })] });
    expect(findings(ID, shop({ rules, scrapeJobs, dashboards: [board], global: { externalLabels: { cluster: 'eu-1' } } }))).toEqual([]);
    const mapping = [...Object.values(jobs), scrapeJob({ name: 'pods', kubernetes: { role: 'pod' }, relabel: [{ action: 'labelmap', regex: '__meta_kubernetes_pod_label_(.+)' }] })];
    expect(findings(ID, shop({ rules: [alert({ ...basics, name: 'Mapped', expr: 'sum by (servce) ({job="shop"}) > 1' })], scrapeJobs: mapping }))).toEqual([]);
  });
});
