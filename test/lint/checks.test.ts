import { describe, expect, it } from 'vitest';
import {
  alert, counter, defineProject, gauge, histogram, record, ruleGroup, scrapeJob,
  type AlertRule, type RecordingRule,
} from '../../src/index.js';
import { CHECKS } from '../../src/lint/index.js';
import type { Check } from '../../src/lint/check.js';
import { runOn } from '../helpers/model.js';

const requests = counter({ name: 'app_requests_total', help: 'Requests.', labels: ['code', 'route'] });
const queue = gauge({ name: 'app_queue_length', help: 'Queue.', labels: ['queue'] });
const latency = histogram({ name: 'app_latency_seconds', help: 'Latency.', labels: ['route'], buckets: [0.1, 1] });

function project(rules: Array<AlertRule | RecordingRule>, scrapeInterval = '15s') {
  return defineProject({
    name: 'test',
    metrics: [requests, queue, latency],
    prometheus: { global: { scrapeInterval }, scrapeJobs: [scrapeJob({ name: 'app', targets: ['app:8000'] })] },
    ruleGroups: [ruleGroup({ name: 'g', rules })],
  });
}

const good = {
  for: '5m',
  labels: { severity: 'warning' },
  annotations: { summary: 'Something', description: 'On {{ $labels.route }}', runbook_url: 'https://runbooks/x' },
};

function a(expr: string, extra: Partial<Parameters<typeof alert>[0]> = {}): AlertRule {
  return alert({ name: 'TestAlert', expr, ...good, ...extra });
}

function check(id: string): Check {
  const found = CHECKS.find((c) => c.id === id);
  if (!found) throw new Error(`no check ${id}`);
  return found;
}

interface Case {
  id: string;
  fires: Array<AlertRule | RecordingRule>;
  quiet: Array<AlertRule | RecordingRule>;
  /** A fragment of the message when it fires. */
  says: string;
  /** The hint of that finding, whole. */
  hint: string;
  /** Where that finding points, below the rule group's rules. */
  at: string[];
}

const cases: Case[] = [
  { id: 'promql/syntax', fires: [a('sum(rate(app_requests_total[5m]) > 1')], quiet: [a('sum by (route) (rate(app_requests_total[5m])) > 1')], says: 'syntax error', hint: 'check brackets, quotes and durations (5m, not 5 m); the Prometheus docs list the grammar', at: ['TestAlert', 'expr'] },
  { id: 'promql/syntax', fires: [a('rate(app_requests_total) > 1')], quiet: [a('rate(app_requests_total[5m]) > 1'), a('rate(app_requests_total[5m] offset 1h) > 1', { name: 'Offset' }), a('rate((app_requests_total[5m])) > 1', { name: 'Paren' })], says: 'needs a range vector', hint: 'add a range: rate(app_requests_total[5m])', at: ['TestAlert', 'expr'] },
  { id: 'promql/unknown-metric', fires: [a('rate(app_missing_total[5m]) > 1')], quiet: [a('rate(app_requests_total[5m]) > 1')], says: '"app_missing_total"', hint: 'declare it in the metrics of the project (counter/gauge/histogram/summary, with exporter: \'…\' if an exporter owns it), or fix the name', at: ['TestAlert', 'expr'] },
  { id: 'promql/unknown-metric', fires: [a('app_queue_lenght > 1')], quiet: [a('app_queue_length > 1')], says: 'Did you mean "app_queue_length"', hint: 'declare it in the metrics of the project (counter/gauge/histogram/summary, with exporter: \'…\' if an exporter owns it), or fix the name', at: ['TestAlert', 'expr'] },
  { id: 'promql/unknown-label', fires: [a('app_queue_length{queu="a"} > 1')], quiet: [a('app_queue_length{queue="a", job="app"} > 1')], says: 'label "queu"', hint: 'its labels are: queue, job, instance', at: ['TestAlert', 'expr'] },
  { id: 'promql/unknown-label', fires: [a('sum by (status) (rate(app_requests_total[5m])) > 1', { annotations: { ...good.annotations, description: 'x' } })], quiet: [a('sum by (code) (rate(app_requests_total[5m])) > 1', { annotations: { ...good.annotations, description: 'x' } })], says: 'by (status)', hint: 'labels available there: code, instance, job, route', at: ['TestAlert', 'expr'] },
  { id: 'promql/unknown-label', fires: [a('rate(app_requests_total[5m]) / on(queue) app_queue_length > 1')], quiet: [a('rate(app_requests_total[5m]) / on(job) group_left app_queue_length > 1')], says: 'on (queue)', hint: 'labels available there: instance, job', at: ['TestAlert', 'expr'] },
  { id: 'promql/rate-on-non-counter', fires: [a('rate(app_queue_length[5m]) > 1')], quiet: [a('rate(app_latency_seconds_count[5m]) > 1'), a('deriv(app_queue_length[5m]) > 1')], says: 'gauge "app_queue_length"', hint: 'for a gauge use deriv(), delta(), or avg_over_time()/max_over_time(); or declare the metric as a counter if it only goes up', at: ['TestAlert', 'expr'] },
  { id: 'promql/quantile-without-le', fires: [a('histogram_quantile(0.9, sum by (route) (rate(app_latency_seconds_bucket[5m]))) > 1')], quiet: [a('histogram_quantile(0.9, sum by (le, route) (rate(app_latency_seconds_bucket[5m]))) > 1')], says: 'no "le" label', hint: 'keep le in the aggregation: sum by (le) (rate(x_bucket[5m])), or sum by (le, job) (…)', at: ['TestAlert', 'expr'] },
  { id: 'promql/rate-range-too-short', fires: [a('rate(app_requests_total[30s]) > 1')], quiet: [a('rate(app_requests_total[1m]) > 1')], says: 'fewer than 4 scrape intervals', hint: 'use a range of at least 1m (in Grafana panels, $__rate_interval)', at: ['TestAlert', 'expr'] },
  { id: 'promql/counter-compared-raw', fires: [a('sum by (route) (app_requests_total) > 100')], quiet: [a('sum by (route) (increase(app_requests_total[1h])) > 100'), a('count by (route) (app_requests_total) > 3', { name: 'Count' })], says: 'raw value of counter', hint: 'compare rate(app_requests_total[5m]) or increase(app_requests_total[1h]) instead', at: ['TestAlert', 'expr'] },
  { id: 'promql/regex-matcher', fires: [a('app_queue_length{queue=~"main"} > 1')], quiet: [a('app_queue_length{queue=~"main|backup"} > 1')], says: 'no regex', hint: 'write queue=\"main\" (cheaper, and says what it means)', at: ['TestAlert', 'expr'] },
  { id: 'alert/missing-for', fires: [a('app_queue_length > 1', { for: undefined })], quiet: [a('app_queue_length > 1')], says: 'no "for"', hint: 'add for: \'5m\' (or for: \'0s\' to say on purpose that it fires at once)', at: ['TestAlert'] },
  { id: 'alert/absent-for', fires: [a('absent(app_queue_length{job="app"})', { for: '15s', annotations: { ...good.annotations, description: 'x' } })], quiet: [a('absent(app_queue_length{job="app"})', { for: '1m', annotations: { ...good.annotations, description: 'x' } })], says: 'absent()', hint: 'set for: \'30s\' or longer (2 × the scrape interval)', at: ['TestAlert', 'for'] },
  { id: 'alert/severity', fires: [a('app_queue_length > 1', { labels: { severity: 'page' } })], quiet: [a('app_queue_length > 1', { labels: { severity: 'critical' } })], says: '"page"', hint: 'routes match on severity; an unknown value falls through to the default route', at: ['TestAlert', 'labels', 'severity'] },
  { id: 'alert/annotations', fires: [a('app_queue_length > 1', { annotations: { summary: 'x', description: '' } })], quiet: [a('app_queue_length > 1')], says: 'no description', hint: 'add annotations: { description: \'…\' }', at: ['TestAlert', 'annotations'] },
  { id: 'alert/annotations', fires: [a('app_queue_length > 1', { annotations: { summary: 'x', description: 'y' } })], quiet: [a('app_queue_length > 1')], says: 'no runbook_url', hint: 'add annotations: { runbook_url: \'https://…\' }', at: ['TestAlert', 'annotations'] },
  {
    id: 'alert/annotations',
    fires: [a('app_queue_length > 1', { annotations: { ...good.annotations, runbook_url: 'see the wiki' } }), a('app_queue_length > 1', { name: 'Relative', annotations: { ...good.annotations, runbook_url: '/runbooks/queue' } })],
    quiet: [a('app_queue_length > 1'), a('app_queue_length > 1', { name: 'Templated', annotations: { ...good.annotations, runbook_url: 'https://runbooks.example.com/{{ $labels.job }}' } }), a('app_queue_length > 1', { name: 'External', annotations: { ...good.annotations, runbook_url: '{{ $externalURL }}/runbooks/queue' } })],
    says: 'which is no link (http:// or https://)',
    hint: "write the runbook's address: runbook_url: 'https://…'",
    at: ['TestAlert', 'annotations', 'runbook_url'],
  },
  { id: 'alert/template-label-dropped', fires: [a('sum(rate(app_requests_total[5m])) > 1')], quiet: [a('sum by (route) (rate(app_requests_total[5m])) > 1')], says: '{{ $labels.route }}', hint: 'the expression keeps no labels; aggregate with by (route) or drop it from the text', at: ['TestAlert', 'annotations', 'description'] },
  { id: 'alert/comparison', fires: [a('rate(app_requests_total[5m])')], quiet: [a('rate(app_requests_total[5m]) > 1'), a('# a comment line first\nrate(app_requests_total[5m]) > 1', { name: 'Commented' }), a('absent(app_queue_length)', { annotations: { ...good.annotations, description: 'x' } })], says: 'no condition', hint: 'add a comparison with a threshold, e.g. … > 0.1', at: ['TestAlert', 'expr'] },
  { id: 'alert/comparison', fires: [a('rate(app_requests_total[5m]) > bool 1')], quiet: [a('rate(app_requests_total[5m]) > 1')], says: 'no condition', hint: '"> bool" returns 0 or 1 instead of filtering; drop "bool"', at: ['TestAlert', 'expr'] },
  { id: 'alert/naming', fires: [a('app_queue_length > 1', { name: 'queue_too_long' })], quiet: [a('app_queue_length > 1', { name: 'QueueTooLong' })], says: 'not CamelCase', hint: 'e.g. HighErrorRate', at: ['queue_too_long', 'name'] },
  { id: 'alert/fragile-expression', fires: [a('topk(3, app_queue_length) > 1')], quiet: [a('app_queue_length > 1')], says: 'topk', hint: 'alert on a threshold instead, and use topk in dashboards', at: ['TestAlert', 'expr'] },
  { id: 'alert/fragile-expression', fires: [a('app_queue_length > 1', { for: undefined, labels: { severity: 'warning', value: '{{ $value }}' } })], quiet: [a('app_queue_length > 1')], says: 'query value into label', hint: 'move the value into an annotation (description)', at: ['TestAlert', 'labels', 'value'] },
  { id: 'alert/duplicate-name', fires: [a('app_queue_length > 1'), a('app_queue_length > 2')], quiet: [a('app_queue_length > 1'), a('app_queue_length > 2', { labels: { severity: 'critical' } })], says: 'defined twice', hint: 'rename one, or tell them apart with a label (e.g. a different severity)', at: ['TestAlert (2)'] },
  { id: 'record/naming', fires: [record({ name: 'requests_rate', expr: 'sum(rate(app_requests_total[5m]))' })], quiet: [record({ name: 'job:app_requests:rate5m', expr: 'sum by (job) (rate(app_requests_total[5m]))' })], says: 'level:metric:operations', hint: 'e.g. job:http_errors:rate5m (aggregation level, metric name, operations)', at: ['requests_rate', 'name'] },
];

describe('each check fires on its mistake and stays quiet on the fix', () => {
  for (const c of cases) {
    it(`${c.id}: ${c.says}`, () => {
      const fired = runOn(project(c.fires), [check(c.id)]);
      expect(fired.length, `expected ${c.id} to fire`).toBeGreaterThan(0);
      const finding = fired.find((d) => d.message.includes(c.says));
      expect(finding, fired.map((d) => d.message).join('\n')).toBeDefined();
      expect(finding!.hint).toBe(c.hint);
      expect(finding!.path).toEqual(['ruleGroups', 'g', 'rules', ...c.at]);
      for (const d of fired) {
        expect(d.id).toBe(c.id);
        expect(d.source?.file).toMatch(/checks\.test\.ts$/);
      }
      expect(runOn(project(c.quiet), [check(c.id)])).toEqual([]);
    });
  }

  it('a recording rule makes its output series known, with the labels it keeps', () => {
    const rules = [
      record({ name: 'route:app_requests:rate5m', expr: 'sum by (route) (rate(app_requests_total[5m]))' }),
      a('route:app_requests:rate5m{route="/x"} > 1'),
      a('route:app_requests:rate5m{code="500"} > 1', { name: 'Other' }),
    ];
    const found = runOn(project(rules), [check('promql/unknown-metric'), check('promql/unknown-label')]);
    expect(found.map((d) => d.message)).toEqual([expect.stringContaining('label "code"')]);
  });

  it('every registered check has a unique id, its own file name and a description', async () => {
    const { readdirSync } = await import('node:fs');
    const files = new Set(readdirSync(new URL('../../src/lint/', import.meta.url)));
    const ids = CHECKS.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const c of CHECKS) {
      expect(files.has(`${c.id.replace('/', '-')}.ts`), `src/lint/${c.id.replace('/', '-')}.ts`).toBe(true);
      expect(c.description.length).toBeGreaterThan(10);
    }
  });
});
