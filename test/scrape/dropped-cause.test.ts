// Audit round 23: a label the scrape's metricRelabel removes AND the expression drops itself (by,
// without, on, a recorded series aggregated without it): one finding, naming both causes, from the
// check of the use (a template, a legend); a route on it is left to the generic routing check (the
// scrape is not why the alerts lack it). Only when the expression would keep the label is the
// scrape the cause alone.
import { describe, expect, it } from 'vitest';
import { alert, alertmanager, dashboard, defineProject, gauge, receiver, record, route, ruleGroup, scrapeJob, timeseriesPanel } from '../../src/index.js';
import { runOn } from '../helpers/model.js';

const depth = gauge({ name: 'shop_queue_depth', help: 'Depth', labels: ['queue', 'env'] });
const basics = { for: '5m', labels: { severity: 'warning' }, annotations: { summary: 's', description: 'd', runbook_url: 'https://r.example.com/x' } };
const dropQueue = scrapeJob({ name: 'shop', targets: ['shop:8000'], metricRelabel: [{ action: 'labeldrop', regex: 'queue' }] });
const USES = ['scrape/dropped-label', 'promql/unknown-label', 'alert/template-label-dropped', 'dashboard/legend-label-dropped'];
const ROUTING = ['scrape/dropped-label', 'alertmanager/unmatched-route'];

type Rules = Parameters<typeof ruleGroup>[0]['rules'];
function project(rules: Rules, panels: Array<{ expr: string; legendFormat?: string }> = [], routed = false) {
  return defineProject({
    name: 'shop',
    metrics: [depth],
    prometheus: { scrapeJobs: [dropQueue] },
    ruleGroups: [ruleGroup({ name: 'shop', rules })],
    dashboards: panels.length > 0 ? [dashboard({ title: 'Shop', panels: [timeseriesPanel({ title: 'P', targets: panels })] })] : [],
    ...(routed
      ? {
          alertmanager: alertmanager({
            receivers: [receiver({ name: 'default' }), receiver({ name: 'queues' })],
            route: route({ receiver: 'default', groupBy: ['alertname'], routes: [route({ receiver: 'queues', matchers: { queue: 'low' } })] }),
          }),
        }
      : {}),
  });
}
const text = (name: string, expr: string) => alert({ ...basics, name, expr, annotations: { ...basics.annotations, description: 'Queue {{ $labels.queue }}' } });

describe('a label both the scrape and the expression drop', () => {
  it('a template and a legend: one finding each, naming the expression and the scrape (by, without, on, a recorded series)', () => {
    const rules = [
      text('By', 'sum by (env) (shop_queue_depth) > 1'),
      text('Without', 'sum without (queue) (shop_queue_depth) > 1'),
      text('On', 'max by (env, instance) (shop_queue_depth) / on (env) group_left max by (env) (shop_queue_depth) > 1'),
      record({ name: 'env:shop_queue_depth:max', expr: 'max by (env) (shop_queue_depth)' }),
      text('FromRecord', 'env:shop_queue_depth:max > 1'),
    ];
    const found = runOn(project(rules, [{ expr: 'sum by (env) (shop_queue_depth)', legendFormat: '{{queue}}' }]), USES);
    expect(found.map((d) => `${d.id}: ${d.message}`)).toEqual([
      // The without (queue) itself removes a label the scrape already removed (round 24: a warning of its own).
      'scrape/dropped-label: alert Without uses without (queue), but scrape job "shop" metricRelabel[0] (labeldrop "queue") removes "queue" before storage: nothing is removed',
      'alert/template-label-dropped: alert By uses {{ $labels.queue }} in description, but its expression does not keep "queue", and the metricRelabel of the scrape jobs that store its metrics removes it too: it renders empty',
      'alert/template-label-dropped: alert Without uses {{ $labels.queue }} in description, but its expression does not keep "queue", and the metricRelabel of the scrape jobs that store its metrics removes it too: it renders empty',
      'alert/template-label-dropped: alert On uses {{ $labels.queue }} in description, but its expression does not keep "queue", and the metricRelabel of the scrape jobs that store its metrics removes it too: it renders empty',
      'alert/template-label-dropped: alert FromRecord uses {{ $labels.queue }} in description, but its expression does not keep "queue", and the metricRelabel of the scrape jobs that store its metrics removes it too: it renders empty',
      'dashboard/legend-label-dropped: panel P: targets[0].legendFormat uses {{queue}}, but its query does not keep "queue", and the metricRelabel of the scrape jobs that store its metrics removes it too: the legend shows it empty, and the series look alike',
    ]);
    expect(found[1]!.hint).toBe('labels the expression keeps: env; add "queue" to by (…) and keep it in the scrape job (narrow the labeldrop/labelkeep regex), or drop it from the text');
  });

  it('the scrape alone when the expression would keep the label: a plain selector, by (queue) (reported at the by too), a recorded series that keeps it', () => {
    const rules = [
      text('Plain', 'shop_queue_depth > 1'),
      text('ByQueue', 'sum by (queue) (shop_queue_depth) > 1'),
      record({ name: 'queue:shop_queue_depth:max', expr: 'max without (env) (shop_queue_depth)' }),
      text('FromRecord', 'queue:shop_queue_depth:max > 1'),
    ];
    const found = runOn(project(rules), USES).map((d) => `${d.id}: ${d.message}`);
    expect(found).toEqual([
      'scrape/dropped-label: alert ByQueue uses by (queue), but scrape job "shop" metricRelabel[0] (labeldrop "queue") removes "queue" before storage: every series falls in one group',
      'alert/template-label-dropped: alert Plain uses {{ $labels.queue }} in description, but the metricRelabel of the scrape jobs that store its metrics removes "queue": it renders empty',
      'alert/template-label-dropped: alert ByQueue uses {{ $labels.queue }} in description, but the metricRelabel of the scrape jobs that store its metrics removes "queue": it renders empty',
      'alert/template-label-dropped: alert FromRecord uses {{ $labels.queue }} in description, but the metricRelabel of the scrape jobs that store its metrics removes "queue": it renders empty',
    ]);
  });

  it('a by/on label an inner aggregation drops before it: promql/unknown-label reports the expression, scrape/dropped-label stays quiet', () => {
    const rules = [
      alert({ ...basics, name: 'Nested', expr: 'sum by (queue) (sum by (env) (shop_queue_depth)) > 1' }),
      alert({ ...basics, name: 'On', expr: 'sum by (env) (shop_queue_depth) / on (queue) sum by (env) (shop_queue_depth) > 1' }),
    ];
    const found = runOn(project(rules), USES);
    expect(found.map((d) => `${d.id} ${d.severity}: ${d.message}`)).toEqual([
      'promql/unknown-label error: alert Nested uses by (queue), but the aggregated series have no label "queue".',
      'promql/unknown-label error: alert On uses on (queue), but both sides of the operation have no label "queue".',
    ]);
  });

  it('a route on it: the scrape check stays quiet when an alert reaching it drops the label by itself, and the generic check reports it', () => {
    const aggregated = [alert({ ...basics, name: 'Deep', expr: 'max by (env) (shop_queue_depth) > 100' })];
    const found = runOn(project(aggregated, [], true), ROUTING);
    expect(found.map((d) => d.id)).toEqual(['alertmanager/unmatched-route']);
    const plain = [alert({ ...basics, name: 'Deep', expr: 'max without (env) (shop_queue_depth) > 100' })];
    expect(runOn(project(plain, [], true), ROUTING).map((d) => d.id)).toEqual(['scrape/dropped-label']);
  });
});
