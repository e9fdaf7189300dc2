// Audit round 22: what metricRelabel removes (labeldrop, labelkeep, a replace writing it empty)
// against Alertmanager's routing: an alert computed only from series without the label cannot
// carry it (unless its rule or an external label sets it), so a route matcher, an inhibit matcher,
// a groupBy or an inhibit equal on it is reported by scrape/dropped-label, at the matcher, naming
// the job and the rule; the generic routing checks leave it to that one.
import { describe, expect, it } from 'vitest';
import { alert, alertmanager, defineProject, gauge, inhibitRule, re, receiver, record, route, ruleGroup, scrapeJob, type ScrapeJob } from '../../src/index.js';
import { runOn } from '../helpers/model.js';

const depth = gauge({ name: 'shop_queue_depth', help: 'Depth', labels: ['queue', 'env'] });
const lagger = scrapeJob({ name: 'lagger', targets: ['lagger:8000'] });
const lag = gauge({ name: 'shop_queue_lag_seconds', help: 'Lag', labels: ['queue'], jobs: [lagger] });
const basics = { for: '5m', labels: { severity: 'warning' }, annotations: { summary: 's', description: 'd', runbook_url: 'https://r.example.com/x' } };
const ROUTING = ['scrape/dropped-label', 'alertmanager/unmatched-route', 'alertmanager/inhibit-unmatched', 'alertmanager/group-by-label', 'alertmanager/inhibit-equal'];

const dropQueue = scrapeJob({ name: 'shop', targets: ['shop:8000'], metricRelabel: [{ action: 'labeldrop', regex: 'queue' }] });
const deep = alert({ ...basics, name: 'Deep', expr: 'shop_queue_depth > 100' });
const veryDeep = alert({ ...basics, name: 'VeryDeep', expr: 'shop_queue_depth > 1000', labels: { severity: 'critical' } });

type Am = Parameters<typeof alertmanager>[0];
function project(jobs: ScrapeJob[], rules: Parameters<typeof ruleGroup>[0]['rules'], am: Partial<Am>, externalLabels?: Record<string, string>, metrics = [depth, lag]) {
  return defineProject({
    name: 'shop',
    metrics,
    prometheus: { scrapeJobs: jobs, ...(externalLabels ? { global: { externalLabels } } : {}) },
    ruleGroups: [ruleGroup({ name: 'shop', rules })],
    alertmanager: alertmanager({
      receivers: [receiver({ name: 'default' }), receiver({ name: 'queues' })],
      route: route({ receiver: 'default', groupBy: ['alertname'] }),
      ...am,
    }),
  });
}
const found = (p: ReturnType<typeof project>) => runOn(p, ROUTING).map((d) => `${d.id} ${d.severity}: ${d.message}`);
const queueRoute = { route: route({ receiver: 'default', groupBy: ['alertname'], routes: [route({ receiver: 'queues', matchers: { queue: 'low' } })] }) };

describe('route matchers', () => {
  it('a matcher on a label every reaching alert lacks because of a labeldrop: reported at the matcher, naming the job and rule, and not also as an unmatched route', () => {
    const d = runOn(project([dropQueue], [deep, veryDeep], queueRoute), ROUTING);
    expect(d.map((x) => `${x.id} ${x.severity}: ${x.message}`)).toEqual([
      'scrape/dropped-label warning: route.routes[0]: matcher queue="low" needs label "queue", but scrape job "shop" metricRelabel[0] (labeldrop "queue") removes it from the series of every alert that can reach the route (Deep, VeryDeep): they never carry it, so the route never matches them',
    ]);
    expect(d[0]!.path).toEqual(['alertmanager', 'route', 'routes[0]', 'matchers', 'queue']);
    expect(d[0]!.hint).toContain('keep "queue" in the scrape job');
  });

  it('a labelkeep, and a replace that writes the label empty, remove it too; a recorded series read by the alert carries the cause', () => {
    const keep = scrapeJob({ name: 'shop', targets: ['shop:8000'], metricRelabel: [{ action: 'labelkeep', regex: '__name__|job|instance|env' }] });
    expect(found(project([keep], [deep], queueRoute))).toEqual([expect.stringContaining('scrape job "shop" metricRelabel[0] (labelkeep "__name__|job|instance|env") removes it')]);
    const blank = scrapeJob({ name: 'shop', targets: ['shop:8000'], metricRelabel: [{ targetLabel: 'queue', replacement: '' }] });
    expect(found(project([blank], [deep], queueRoute))).toEqual([expect.stringContaining('scrape job "shop" metricRelabel[0] (replace queue with "") removes it')]);
    const recorded = [record({ name: 'queue:shop_queue_depth:max', expr: 'max without (env) (shop_queue_depth)' }), alert({ ...basics, name: 'FromRecord', expr: 'queue:shop_queue_depth:max > 1' })];
    expect(found(project([dropQueue], recorded, queueRoute))).toEqual([expect.stringContaining('removes it from the series of every alert that can reach the route (FromRecord)')]);
  });

  it('quiet when an alert that can reach the route may carry the label: a rule label, an external label, series of another job, an expression not known exactly', () => {
    const labelled = alert({ ...basics, name: 'Labelled', expr: 'shop_queue_depth > 5', labels: { severity: 'warning', queue: 'low' } });
    expect(found(project([dropQueue], [deep, labelled], queueRoute))).toEqual([]);
    expect(found(project([dropQueue], [deep], queueRoute, { queue: 'low' }))).toEqual([]);
    const other = scrapeJob({ name: 'other', targets: ['other:8000'] });
    expect(found(project([dropQueue, other], [deep], queueRoute))).toEqual([]);
    expect(found(project([dropQueue, lagger], [deep, alert({ ...basics, name: 'Lagging', expr: 'shop_queue_lag_seconds > 60' })], queueRoute))).toEqual([]);
    expect(found(project([dropQueue], [deep, alert({ ...basics, name: 'Unknown', expr: 'some_unknown_metric > 1' })], queueRoute))).toEqual([]);
  });

  it('quiet when a later rule writes the label again, or the matcher takes an empty value; an alert that cannot reach the route does not count', () => {
    const back = scrapeJob({ name: 'shop', targets: ['shop:8000'], metricRelabel: [{ action: 'labeldrop', regex: 'queue' }, { sourceLabels: ['env'], targetLabel: 'queue' }] });
    expect(found(project([back], [deep], queueRoute))).toEqual([]);
    const empty = { route: route({ receiver: 'default', groupBy: ['alertname'], routes: [route({ receiver: 'queues', matchers: { queue: re('|low') } }), route({ receiver: 'queues', matchers: { severity: 'critical' } })] }) };
    expect(found(project([dropQueue], [deep, veryDeep], empty))).toEqual([]);
    // Only VeryDeep (critical) reaches the nested route, and it lacks queue: Labelled (warning) cannot reach it.
    const labelled = alert({ ...basics, name: 'Labelled', expr: 'shop_queue_depth > 5', labels: { severity: 'warning', queue: 'low' } });
    const nested = { route: route({ receiver: 'default', groupBy: ['alertname'], routes: [route({ receiver: 'queues', matchers: { severity: 'critical' }, routes: [route({ receiver: 'queues', matchers: { queue: 'low' } })] })] }) };
    expect(found(project([dropQueue], [veryDeep, labelled], nested))).toEqual([
      expect.stringContaining('route.routes[0].routes[0]: matcher queue="low" needs label "queue", but scrape job "shop" metricRelabel[0] (labeldrop "queue") removes it from the series of every alert that can reach the route (VeryDeep)'),
    ]);
  });
});

describe('groupBy', () => {
  it('a groupBy label removed from every alert the route groups: reported by scrape/dropped-label alone', () => {
    const grouped = { route: route({ receiver: 'default', groupBy: ['alertname'], routes: [route({ receiver: 'queues', matchers: { severity: 'critical' }, groupBy: ['alertname', 'queue'] })] }) };
    const d = runOn(project([dropQueue], [deep, veryDeep], grouped), ROUTING);
    expect(d.map((x) => `${x.id} ${x.severity}: ${x.message}`)).toEqual([
      'scrape/dropped-label warning: route.routes[0]: groupBy label "queue" is removed by scrape job "shop" metricRelabel[0] (labeldrop "queue") from the series of every alert the route groups (VeryDeep): it is empty on all of them, so it splits nothing',
    ]);
    expect(d[0]!.path).toEqual(['alertmanager', 'route', 'routes[0]', 'groupBy[1]']);
  });

  it('quiet when one alert the route groups carries it', () => {
    const labelled = alert({ ...basics, name: 'Labelled', expr: 'shop_queue_depth > 5', labels: { severity: 'critical', queue: 'low' } });
    const grouped = { route: route({ receiver: 'default', groupBy: ['alertname', 'queue'] }) };
    expect(found(project([dropQueue], [veryDeep, labelled], grouped))).toEqual([]);
  });
});

describe('inhibit rules', () => {
  it('a target matcher on the removed label; an equal label removed on both sides', () => {
    const rules = {
      inhibitRules: [
        inhibitRule({ sourceMatchers: { severity: 'critical' }, targetMatchers: { severity: 'warning', queue: 'low' }, equal: ['env'] }),
        inhibitRule({ sourceMatchers: { severity: 'critical' }, targetMatchers: { severity: 'warning' }, equal: ['queue'] }),
      ],
    };
    const d = runOn(project([dropQueue], [deep, veryDeep], rules), ROUTING);
    expect(d.map((x) => `${x.id} ${x.severity}: ${x.message}`)).toEqual([
      'scrape/dropped-label warning: inhibitRules[0]: target matcher queue="low" needs label "queue", but scrape job "shop" metricRelabel[0] (labeldrop "queue") removes it from the series of every alert the target could match (Deep): the rule never mutes them',
      'scrape/dropped-label error: inhibitRules[1]: equal label "queue" is removed by scrape job "shop" metricRelabel[0] (labeldrop "queue") from the series of every alert on both sides (sources: VeryDeep; targets: Deep): it is always equal (empty on both), so every source mutes every target everywhere',
    ]);
    expect(d.map((x) => x.path!.join('.'))).toEqual(['alertmanager.inhibitRules[0].targetMatchers.queue', 'alertmanager.inhibitRules[1].equal[0]']);
  });

  it('an equal label removed on one side only, carried on the other: never equal', () => {
    // The depth is scraped by the shop job alone (declared): the lagger's series keep queue.
    const shopDepth = gauge({ name: 'shop_queue_depth', help: 'Depth', labels: ['queue', 'env'], jobs: [dropQueue] });
    const lagging = alert({ ...basics, name: 'Lagging', expr: 'shop_queue_lag_seconds > 60', labels: { severity: 'critical' } });
    const rules = { inhibitRules: [inhibitRule({ sourceMatchers: { alertname: 'Lagging' }, targetMatchers: { alertname: 'Deep' }, equal: ['queue'] })] };
    expect(found(project([dropQueue, lagger], [deep, lagging], rules, undefined, [shopDepth, lag]))).toEqual([
      'scrape/dropped-label error: inhibitRules[0]: equal label "queue" is removed by scrape job "shop" metricRelabel[0] (labeldrop "queue") from the series of every target alert (Deep): it is never equal, so the rule never mutes anything',
    ]);
  });

  it('quiet when the alerts of a side carry it (a rule label on the source)', () => {
    const labelled = alert({ ...basics, name: 'Labelled', expr: 'shop_queue_depth > 5', labels: { severity: 'critical', queue: 'low' } });
    const rules = { inhibitRules: [inhibitRule({ sourceMatchers: { alertname: 'Labelled', queue: 'low' }, targetMatchers: { alertname: 'Labelled' }, equal: ['queue'] })] };
    expect(found(project([dropQueue], [deep, labelled], rules)).filter((m) => m.startsWith('scrape/'))).toEqual([]);
  });
});

describe('what removes a label, for every use (selectors and templates too)', () => {
  const uses = [
    alert({ ...basics, name: 'Low', expr: 'shop_queue_depth{queue="low"} > 1' }),
    alert({ ...basics, name: 'Text', expr: 'shop_queue_depth > 1', annotations: { ...basics.annotations, description: 'Queue {{ $labels.queue }}' } }),
  ];
  const messages = (job: ScrapeJob) => runOn(project([job], uses, {}), ['scrape/dropped-label', 'alert/template-label-dropped']).map((d) => d.message);

  it('a replace that always writes the label empty removes it', () => {
    const blank = scrapeJob({ name: 'shop', targets: ['shop:8000'], metricRelabel: [{ targetLabel: 'queue', replacement: '', regex: '(.*)' }] });
    expect(messages(blank)).toEqual([
      'alert Low filters "shop_queue_depth" on label "queue", which scrape job "shop" metricRelabel[0] (replace queue with "") removes before storage: the series never carry it',
      expect.stringContaining('alert Text uses {{ $labels.queue }} in description, but the metricRelabel of the scrape jobs that store its metrics removes "queue"'),
    ]);
  });

  it('quiet when a later rule writes it again (a replace, a labelmap that may name it), or the empty replace is conditional', () => {
    const again = scrapeJob({ name: 'shop', targets: ['shop:8000'], metricRelabel: [{ action: 'labeldrop', regex: 'queue' }, { sourceLabels: ['env'], targetLabel: 'queue' }] });
    expect(messages(again)).toEqual([]);
    const mapped = scrapeJob({ name: 'shop', targets: ['shop:8000'], metricRelabel: [{ action: 'labeldrop', regex: 'queue' }, { action: 'labelmap', regex: 'upstream_(.+)' }] });
    expect(messages(mapped)).toEqual([]);
    const conditional = scrapeJob({ name: 'shop', targets: ['shop:8000'], metricRelabel: [{ sourceLabels: ['env'], regex: 'dev', targetLabel: 'queue', replacement: '' }] });
    expect(messages(conditional)).toEqual([]);
  });
});
