// Audit round 21: what metricRelabel removes before storage (whole series by a drop/keep on the
// name or on label values, labels by labeldrop/labelkeep, values a replace overwrites) against
// every place that uses it: selectors, by/on, alert templates and legends.
import { describe, expect, it } from 'vitest';
import { alert, dashboard, defineProject, gauge, histogram, record, ruleGroup, scrapeJob, timeseriesPanel, type ScrapeJob } from '../../src/index.js';
import { runOn } from '../helpers/model.js';

const latency = histogram({ name: 'shop_latency_seconds', help: 'Latency', buckets: [0.25, 1, 5], labels: ['route'] });
const depth = gauge({ name: 'shop_queue_depth', help: 'Depth', labels: ['queue', 'env'] });
const basics = { for: '5m', labels: { severity: 'warning' }, annotations: { summary: 's', description: 'd', runbook_url: 'https://r.example.com/x' } };
const CHECKS = ['scrape/dropped-label', 'promql/unknown-label', 'alert/template-label-dropped', 'dashboard/legend-label-dropped'];

function project(jobs: ScrapeJob[], rules: Parameters<typeof ruleGroup>[0]['rules'], panels: Array<{ expr: string; legendFormat?: string }> = []) {
  return defineProject({
    name: 'shop',
    metrics: [latency, depth],
    prometheus: { scrapeJobs: jobs },
    ruleGroups: [ruleGroup({ name: 'shop', rules })],
    dashboards: panels.length > 0 ? [dashboard({ title: 'Shop', panels: [timeseriesPanel({ title: 'P', targets: panels })] })] : [],
  });
}
const found = (p: ReturnType<typeof project>) => runOn(p, CHECKS).map((d) => `${d.id}: ${d.message}`);

const dropBuckets = scrapeJob({ name: 'shop', targets: ['shop:8000'], metricRelabel: [{ action: 'drop', sourceLabels: ['__name__'], regex: 'shop_latency_seconds_bucket' }] });
const p99 = 'histogram_quantile(0.99, sum by (le) (rate(shop_latency_seconds_bucket[5m]))) > 1';

describe('series a drop/keep removes', () => {
  it('a drop on __name__: the selector of those series (in a rule and a panel) matches nothing; the other series of the histogram are fine', () => {
    const p = project([dropBuckets], [alert({ ...basics, name: 'Slow', expr: p99 }), alert({ ...basics, name: 'Rate', expr: 'sum(rate(shop_latency_seconds_count[5m])) > 1' })], [{ expr: 'histogram_quantile(0.99, sum by (le) (rate(shop_latency_seconds_bucket[$__rate_interval])))' }]);
    expect(found(p)).toEqual([
      'scrape/dropped-label: alert Slow selects shop_latency_seconds_bucket, but scrape job "shop" metricRelabel[0] (drop __name__ "shop_latency_seconds_bucket") drops those series before storage: the selector matches nothing',
      'scrape/dropped-label: panel P selects shop_latency_seconds_bucket, but scrape job "shop" metricRelabel[0] (drop __name__ "shop_latency_seconds_bucket") drops those series before storage: the selector matches nothing',
    ]);
  });

  it('a keep on __name__ that leaves the series out; a drop on a label value the selector fixes; on the job label', () => {
    const keep = scrapeJob({ name: 'shop', targets: ['shop:8000'], metricRelabel: [{ action: 'keep', sourceLabels: ['__name__'], regex: 'shop_queue_.*|up' }] });
    expect(found(project([keep], [alert({ ...basics, name: 'Slow', expr: p99 }), alert({ ...basics, name: 'Deep', expr: 'shop_queue_depth > 1' })]))).toEqual([
      expect.stringContaining('alert Slow selects shop_latency_seconds_bucket, but scrape job "shop" metricRelabel[0] (keep __name__ "shop_queue_.*|up") drops those series'),
    ]);
    const dropLow = scrapeJob({ name: 'shop', targets: ['shop:8000'], metricRelabel: [{ action: 'drop', sourceLabels: ['__name__', 'queue'], regex: 'shop_queue_depth;low' }] });
    expect(found(project([dropLow], [alert({ ...basics, name: 'Low', expr: 'shop_queue_depth{queue="low"} > 1' }), alert({ ...basics, name: 'High', expr: 'shop_queue_depth{queue="high"} > 1' }), alert({ ...basics, name: 'Any', expr: 'shop_queue_depth > 1' })]))).toEqual([
      expect.stringContaining('alert Low selects shop_queue_depth, but scrape job "shop" metricRelabel[0] (drop __name__,queue "shop_queue_depth;low")'),
    ]);
    const dropJob = scrapeJob({ name: 'shop', targets: ['shop:8000'], labels: { env: 'dev' }, metricRelabel: [{ action: 'drop', sourceLabels: ['env', '__name__'], regex: 'dev;shop_queue_.*' }] });
    expect(found(project([dropJob], [alert({ ...basics, name: 'Deep', expr: 'shop_queue_depth > 1' })]))).toEqual([expect.stringContaining('alert Deep selects shop_queue_depth, but scrape job "shop" metricRelabel[0]')]);
  });

  it('quiet when another job stores the series, when a value the rule reads is not known, or after a rule that rewrites it', () => {
    const other = scrapeJob({ name: 'shop-b', targets: ['shop-b:8000'] });
    expect(found(project([dropBuckets, other], [alert({ ...basics, name: 'Slow', expr: p99 })]))).toEqual([]);
    const dropLow = scrapeJob({ name: 'shop', targets: ['shop:8000'], metricRelabel: [{ action: 'drop', sourceLabels: ['queue'], regex: 'low' }] });
    expect(found(project([dropLow], [alert({ ...basics, name: 'Re', expr: 'shop_queue_depth{queue=~"lo.*"} > 1' })]))).toEqual([]);
    const rewritten = scrapeJob({
      name: 'shop',
      targets: ['shop:8000'],
      metricRelabel: [{ sourceLabels: ['queue'], regex: 'l(.*)', targetLabel: 'queue', replacement: 'x$1' }, { action: 'drop', sourceLabels: ['queue'], regex: 'low' }],
    });
    expect(found(project([rewritten], [alert({ ...basics, name: 'Low', expr: 'shop_queue_depth{queue="low"} > 1' })]))).toEqual([]);
    // honorLabels: the scraped job/static labels may win, only the name is certain.
    const honour = scrapeJob({ name: 'shop', targets: ['shop:8000'], honorLabels: true, labels: { env: 'dev' }, metricRelabel: [{ action: 'drop', sourceLabels: ['env'], regex: 'dev' }] });
    expect(found(project([honour], [alert({ ...basics, name: 'Deep', expr: 'shop_queue_depth > 1' })]))).toEqual([]);
  });
});

describe('values a replace overwrites', () => {
  it('a matcher on a label every series gets a literal value for matches nothing', () => {
    const job = scrapeJob({ name: 'shop', targets: ['shop:8000'], metricRelabel: [{ targetLabel: 'env', replacement: 'prod' }] });
    expect(found(project([job], [alert({ ...basics, name: 'Staging', expr: 'shop_queue_depth{env="staging"} > 1' }), alert({ ...basics, name: 'Prod', expr: 'shop_queue_depth{env=~"prod|x"} > 1' })]))).toEqual([
      'scrape/dropped-label: alert Staging filters "shop_queue_depth" on env="staging", but scrape job "shop" metricRelabel[0] (replace env with "prod") sets "env" on every series before storage: the selector matches nothing',
    ]);
    const conditional = scrapeJob({ name: 'shop', targets: ['shop:8000'], metricRelabel: [{ sourceLabels: ['queue'], regex: 'low', targetLabel: 'env', replacement: 'prod' }] });
    expect(found(project([conditional], [alert({ ...basics, name: 'Staging', expr: 'shop_queue_depth{env="staging"} > 1' })]))).toEqual([]);
  });
});

describe('labels a labeldrop/labelkeep removes', () => {
  const dropQueue = scrapeJob({ name: 'shop', targets: ['shop:8000'], metricRelabel: [{ action: 'labeldrop', regex: 'queue' }] });

  it('{{ $labels.queue }} in an alert and {{queue}} in a legend are reported with the scrape job as the cause, once per use', () => {
    const deep = alert({ ...basics, name: 'Deep', expr: 'shop_queue_depth > 100', labels: { severity: 'warning', queue: '{{ $labels.queue }}' }, annotations: { ...basics.annotations, description: 'Queue {{ $labels.queue }} is deep' } });
    const messages = found(project([dropQueue], [deep], [{ expr: 'shop_queue_depth', legendFormat: '{{queue}}' }]));
    expect(messages).toEqual([
      'alert/template-label-dropped: alert Deep uses {{ $labels.queue }} in label queue, but the metricRelabel of the scrape jobs that store its metrics removes "queue": it renders empty',
      'alert/template-label-dropped: alert Deep uses {{ $labels.queue }} in description, but the metricRelabel of the scrape jobs that store its metrics removes "queue": it renders empty',
      'dashboard/legend-label-dropped: panel P: targets[0].legendFormat uses {{queue}}, but the metricRelabel of the scrape jobs that store its metrics removes "queue": the legend shows it empty, and the series look alike',
    ]);
  });

  it('a matcher or by (queue) is reported by scrape/dropped-label alone (not also as an unknown label); a recorded series does not have it either', () => {
    const rules = [
      alert({ ...basics, name: 'Low', expr: 'shop_queue_depth{queue="low"} > 1' }),
      record({ name: 'queue:shop_queue_depth:max', expr: 'max by (queue) (shop_queue_depth)' }),
      alert({ ...basics, name: 'FromRecord', expr: 'queue:shop_queue_depth:max > 1', annotations: { ...basics.annotations, description: '{{ $labels.queue }}' } }),
    ];
    const messages = found(project([dropQueue], rules));
    expect(messages.filter((m) => m.startsWith('promql/unknown-label'))).toEqual([]);
    expect(messages).toEqual([
      expect.stringMatching(/^scrape\/dropped-label: alert Low filters "shop_queue_depth" on label "queue"/),
      expect.stringMatching(/^scrape\/dropped-label: record queue:shop_queue_depth:max uses by \(queue\)/),
      // The record would keep queue but for the scrape: the scrape is the cause, through the record.
      expect.stringMatching(/^alert\/template-label-dropped: alert FromRecord uses \{\{ \$labels.queue \}\} in description, but the metricRelabel of the scrape jobs that store its metrics removes "queue"/),
    ]);
  });

  it('quiet when a job that may scrape the metric keeps the label', () => {
    const deep = alert({ ...basics, name: 'Deep', expr: 'shop_queue_depth > 100', annotations: { ...basics.annotations, description: 'Queue {{ $labels.queue }}' } });
    expect(found(project([dropQueue, scrapeJob({ name: 'other', targets: ['other:8000'] })], [deep]))).toEqual([]);
  });
});
