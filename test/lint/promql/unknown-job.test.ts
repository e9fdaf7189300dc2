import { describe, expect, it } from 'vitest';
import { alert, dashboard, defineProject, gauge, record, ruleGroup, scrapeJob, timeseriesPanel } from '../../../src/index.js';
import { runOn } from '../../helpers/model.js';
import { basics, expectFindings, findings, jobs, rulePath, shop } from './shop.js';

const ID = 'promql/unknown-job';

describe(ID, () => {
  it('fires on job="x" where no scrape job is named x, with did-you-mean', () => {
    const rule = alert({ ...basics, name: 'ShopOrders', expr: 'rate(shop_orders_total{job="shpo"}[5m]) > 1' });
    expectFindings(findings(ID, shop({ rules: [rule] })), [
      {
        severity: 'error',
        message: 'alert ShopOrders selects shop_orders_total{job="shpo"}, but no scrape job is named "shpo": the selector matches nothing. Did you mean "shop"?',
        hint: 'scrape jobs: node, shop, worker',
        path: rulePath('ShopOrders', 'expr'),
        at: rule,
        span: 'job="shpo"',
      },
    ]);
  });

  it('fires on one unknown name in a regex alternation, and on a regex that matches no job', () => {
    const alternation = alert({ ...basics, name: 'Alternation', expr: 'rate(shop_orders_total{job=~"shop|wroker"}[5m]) > 1' });
    const pattern = record({ name: 'job:shop_orders:rate5m', expr: 'sum by (job) (rate(shop_orders_total{job=~"api-.*"}[5m]))' });
    expectFindings(findings(ID, shop({ rules: [alternation, pattern] })), [
      {
        severity: 'error',
        message: 'alert Alternation selects shop_orders_total{job=~"shop|wroker"}, but no scrape job is named "wroker": that part of the regex matches nothing. Did you mean "worker"?',
        hint: 'scrape jobs: node, shop, worker',
        path: rulePath('Alternation', 'expr'),
        at: alternation,
        span: 'job=~"shop|wroker"',
      },
      {
        severity: 'error',
        message: 'record job:shop_orders:rate5m selects shop_orders_total{job=~"api-.*"}, but the regex "api-.*" matches no scrape job: the selector matches nothing',
        hint: 'scrape jobs: node, shop, worker',
        path: rulePath('job:shop_orders:rate5m', 'expr'),
        at: pattern,
        span: 'job=~"api-.*"',
      },
    ]);
  });

  it('fires on an alternative of a grouped, anchored or patterned regex that matches no job (each alternative read as a regex of its own)', () => {
    const rules = [
      alert({ ...basics, name: 'Grouped', expr: 'rate(shop_orders_total{job=~"(shop|wroker)"}[5m]) > 1' }),
      alert({ ...basics, name: 'Anchored', expr: 'rate(shop_orders_total{job=~"^(?:shop|nod)$"}[5m]) > 1' }),
      alert({ ...basics, name: 'Patterned', expr: 'rate(shop_orders_total{job=~"sh.*|api-.*"}[5m]) > 1' }),
      alert({ ...basics, name: 'Nowhere', expr: 'rate(shop_orders_total{job=~"(api|web)-.*"}[5m]) > 1' }),
    ];
    expect(findings(ID, shop({ rules })).map((d) => d.message)).toEqual([
      'alert Grouped selects shop_orders_total{job=~"(shop|wroker)"}, but no scrape job is named "wroker": that part of the regex matches nothing. Did you mean "worker"?',
      'alert Anchored selects shop_orders_total{job=~"^(?:shop|nod)$"}, but no scrape job is named "nod": that part of the regex matches nothing. Did you mean "node"?',
      'alert Patterned selects shop_orders_total{job=~"sh.*|api-.*"}, but the regex "api-.*" matches no scrape job: that part of the regex matches nothing',
      'alert Nowhere selects shop_orders_total{job=~"(api|web)-.*"}, but the regex "(api|web)-.*" matches no scrape job: the selector matches nothing',
    ]);
  });

  it('is a warning on an exporter metric (it may arrive from another Prometheus)', () => {
    const rule = alert({ ...basics, name: 'CpuBusy', expr: 'rate(node_cpu_seconds_total{job="node-exporter", mode="idle"}[5m]) < 0.1' });
    expectFindings(findings(ID, shop({ rules: [rule] })), [
      {
        severity: 'warning',
        message: 'alert CpuBusy selects node_cpu_seconds_total{job="node-exporter"}, but no scrape job is named "node-exporter": the selector matches nothing',
        hint: 'scrape jobs: node, shop, worker (if node metrics reach Prometheus another way, ignore this check for the rule)',
        path: rulePath('CpuBusy', 'expr'),
        at: rule,
        span: 'job="node-exporter"',
      },
    ]);
  });

  it('fires in a panel, and knows job names set by a static job label', () => {
    const relabelled = scrapeJob({ name: 'shop-canary', targets: ['canary:8000'], labels: { job: 'canary' } });
    const board = dashboard({ title: 'Shop', panels: [timeseriesPanel({ title: 'Orders', targets: [{ expr: 'sum(rate(shop_orders_total{job="shop-canary"}[$__rate_interval]))' }] })] });
    const found = findings(ID, shop({ scrapeJobs: [jobs.shop, relabelled], dashboards: [board] }));
    expect(found.map((d) => [d.message, d.path])).toEqual([
      [
        'panel Orders selects shop_orders_total{job="shop-canary"}, but no scrape job is named "shop-canary": the selector matches nothing. Scrape job "shop-canary" labels its series job="canary".',
        ['dashboards', 'Shop', 'panels', 'Orders', 'targets[0]', 'expr'],
      ],
    ]);
  });

  it('stays quiet on real jobs, regexes that match one, negations, Grafana variables and jobs a rule sets', () => {
    const rules = [
      alert({ ...basics, name: 'Equal', expr: 'rate(shop_orders_total{job="shop"}[5m]) > 1' }),
      alert({ ...basics, name: 'Alternation', expr: 'rate(shop_orders_total{job=~"shop|worker"}[5m]) > 1' }),
      alert({ ...basics, name: 'Pattern', expr: 'rate(shop_orders_total{job=~"sh.*"}[5m]) > 1' }),
      alert({ ...basics, name: 'Grouped', expr: 'rate(shop_orders_total{job=~"^(shop|work(er)?)$"}[5m]) > 1' }),
      alert({ ...basics, name: 'EmptyToo', expr: 'rate(shop_orders_total{job=~"shop|"}[5m]) > 1' }),
      alert({ ...basics, name: 'Flagged', expr: 'rate(shop_orders_total{job=~"(?i)SHOP|WORKER"}[5m]) > 1' }),
      alert({ ...basics, name: 'Negation', expr: 'rate(shop_orders_total{job!="nothing"}[5m]) > 1' }),
      record({ name: 'job:shop_orders:sum', expr: 'sum(shop_orders_total)', labels: { job: 'shop-total' } }),
      alert({ ...basics, name: 'FromRule', expr: 'job:shop_orders:sum{job="shop-total"} > 1' }),
      alert({ ...basics, name: 'Outside', expr: 'rate(other_total{job="elsewhere"}[5m]) > 1' }),
    ];
    const board = dashboard({ title: 'Shop', panels: [timeseriesPanel({ title: 'Orders', targets: [{ expr: 'sum(rate(shop_orders_total{job=~"$job"}[$__rate_interval]))' }] })] });
    expect(findings(ID, shop({ rules, dashboards: [board] }))).toEqual([]);
  });

  describe('honorLabels: the scraped job label is kept (Pushgateway, federation)', () => {
    const last = gauge({ name: 'batch_last_success_timestamp_seconds', help: 'Last success', labels: ['job', 'instance'] });
    const undeclared = gauge({ name: 'pushgateway_build_info', help: 'Build', labels: ['version'] });
    const stale = alert({ ...basics, name: 'BatchStale', expr: `time() - ${last.select({ job: 'nightly-export' })} > 86400` });
    const project = (job: ReturnType<typeof scrapeJob>, metrics = [last, undeclared], rules = [stale]) =>
      defineProject({ name: 'batch', metrics, prometheus: { scrapeJobs: [job, jobs.shop] }, ruleGroups: [ruleGroup({ name: 'batch', rules })] });
    const messages = (p: ReturnType<typeof project>) => runOn(p, [ID]).map((d) => d.message);

    it("stays quiet on a job value pushed with the series, when an honorLabels job scrapes a metric declaring job", () => {
      expect(messages(project(scrapeJob({ name: 'pushgateway', targets: ['pushgateway:9091'], honorLabels: true })))).toEqual([]);
      // Also when the metric names its jobs and the honouring job is one of them.
      const gateway = scrapeJob({ name: 'pushgateway', targets: ['pushgateway:9091'], honorLabels: true });
      const named = gauge({ name: 'batch_last_success_timestamp_seconds', help: 'Last success', labels: ['job', 'instance'], jobs: [gateway] });
      const rule = alert({ ...basics, name: 'BatchStale', expr: `time() - ${named.select({ job: 'nightly-export' })} > 86400` });
      expect(messages(project(gateway, [named], [rule]))).toEqual([]);
    });

    it('still fires without honorLabels, on a metric that does not declare job, or when the metric is scraped by other jobs only', () => {
      expect(messages(project(scrapeJob({ name: 'pushgateway', targets: ['pushgateway:9091'] })))).toEqual([expect.stringContaining('no scrape job is named "nightly-export"')]);
      const other = alert({ ...basics, name: 'Old', expr: 'pushgateway_build_info{job="nightly-export"} > 0' });
      expect(messages(project(scrapeJob({ name: 'pushgateway', targets: ['pushgateway:9091'], honorLabels: true }), [last, undeclared], [other]))).toEqual([
        expect.stringContaining('no scrape job is named "nightly-export"'),
      ]);
      const onlyShop = gauge({ name: 'batch_last_success_timestamp_seconds', help: 'Last success', labels: ['job', 'instance'], jobs: [jobs.shop] });
      const rule = alert({ ...basics, name: 'BatchStale', expr: `time() - ${onlyShop.select({ job: 'nightly-export' })} > 86400` });
      expect(messages(project(scrapeJob({ name: 'pushgateway', targets: ['pushgateway:9091'], honorLabels: true }), [onlyShop], [rule]))).toEqual([
        expect.stringContaining('no scrape job is named "nightly-export"'),
      ]);
    });
  });

  it('stays quiet in a project without scrape jobs (the data comes from elsewhere)', () => {
    const rule = alert({ ...basics, name: 'Equal', expr: 'rate(shop_orders_total{job="anything"}[5m]) > 1' });
    expect(findings(ID, shop({ rules: [rule], scrapeJobs: [] }))).toEqual([]);
  });
});
