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
    prometheus: { global: { scrapeInterval }, scrapeJobs: [scrapeJob({ job: 'app', targets: ['app:8000'] })] },
    ruleGroups: [ruleGroup({ name: 'g', rules })],
  });
}

const good = {
  for: '5m',
  labels: { severity: 'warning' },
  annotations: { summary: 'Something', description: 'On {{ $labels.route }}', runbook_url: 'https://runbooks/x' },
};

function a(expr: string, extra: Partial<Parameters<typeof alert>[0]> = {}): AlertRule {
  return alert({ alert: 'TestAlert', expr, ...good, ...extra });
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
}

const cases: Case[] = [
  { id: 'promql/syntax', fires: [a('sum(rate(app_requests_total[5m]) > 1')], quiet: [a('sum by (route) (rate(app_requests_total[5m])) > 1')], says: 'syntax error' },
  { id: 'promql/syntax', fires: [a('rate(app_requests_total) > 1')], quiet: [a('rate(app_requests_total[5m]) > 1'), a('rate(app_requests_total[5m] offset 1h) > 1', { alert: 'Offset' }), a('rate((app_requests_total[5m])) > 1', { alert: 'Paren' })], says: 'needs a range vector' },
  { id: 'promql/unknown-metric', fires: [a('rate(app_missing_total[5m]) > 1')], quiet: [a('rate(app_requests_total[5m]) > 1')], says: '"app_missing_total"' },
  { id: 'promql/unknown-metric', fires: [a('app_queue_lenght > 1')], quiet: [a('app_queue_length > 1')], says: 'Did you mean "app_queue_length"' },
  { id: 'promql/unknown-label', fires: [a('app_queue_length{queu="a"} > 1')], quiet: [a('app_queue_length{queue="a", job="app"} > 1')], says: 'label "queu"' },
  { id: 'promql/unknown-label', fires: [a('sum by (status) (rate(app_requests_total[5m])) > 1', { annotations: { ...good.annotations, description: 'x' } })], quiet: [a('sum by (code) (rate(app_requests_total[5m])) > 1', { annotations: { ...good.annotations, description: 'x' } })], says: 'by (status)' },
  { id: 'promql/unknown-label', fires: [a('rate(app_requests_total[5m]) / on(queue) app_queue_length > 1')], quiet: [a('rate(app_requests_total[5m]) / on(job) group_left app_queue_length > 1')], says: 'on (queue)' },
  { id: 'promql/rate-on-non-counter', fires: [a('rate(app_queue_length[5m]) > 1')], quiet: [a('rate(app_latency_seconds_count[5m]) > 1'), a('deriv(app_queue_length[5m]) > 1')], says: 'gauge "app_queue_length"' },
  { id: 'promql/quantile-without-le', fires: [a('histogram_quantile(0.9, sum by (route) (rate(app_latency_seconds_bucket[5m]))) > 1')], quiet: [a('histogram_quantile(0.9, sum by (le, route) (rate(app_latency_seconds_bucket[5m]))) > 1')], says: 'no "le" label' },
  { id: 'promql/rate-range-too-short', fires: [a('rate(app_requests_total[30s]) > 1')], quiet: [a('rate(app_requests_total[1m]) > 1')], says: 'fewer than 4 scrape intervals' },
  { id: 'promql/counter-compared-raw', fires: [a('sum by (route) (app_requests_total) > 100')], quiet: [a('sum by (route) (increase(app_requests_total[1h])) > 100'), a('count by (route) (app_requests_total) > 3', { alert: 'Count' })], says: 'raw value of counter' },
  { id: 'promql/regex-matcher', fires: [a('app_queue_length{queue=~"main"} > 1')], quiet: [a('app_queue_length{queue=~"main|backup"} > 1')], says: 'no regex' },
  { id: 'alert/missing-for', fires: [a('app_queue_length > 1', { for: undefined })], quiet: [a('app_queue_length > 1')], says: 'no "for"' },
  { id: 'alert/absent-for', fires: [a('absent(app_queue_length{job="app"})', { for: '15s', annotations: { ...good.annotations, description: 'x' } })], quiet: [a('absent(app_queue_length{job="app"})', { for: '1m', annotations: { ...good.annotations, description: 'x' } })], says: 'absent()' },
  { id: 'alert/severity', fires: [a('app_queue_length > 1', { labels: { severity: 'page' } })], quiet: [a('app_queue_length > 1', { labels: { severity: 'critical' } })], says: '"page"' },
  { id: 'alert/annotations', fires: [a('app_queue_length > 1', { annotations: { summary: 'x', description: '' } })], quiet: [a('app_queue_length > 1')], says: 'no description' },
  { id: 'alert/annotations', fires: [a('app_queue_length > 1', { annotations: { summary: 'x', description: 'y' } })], quiet: [a('app_queue_length > 1')], says: 'no runbook_url' },
  { id: 'alert/template-label-dropped', fires: [a('sum(rate(app_requests_total[5m])) > 1')], quiet: [a('sum by (route) (rate(app_requests_total[5m])) > 1')], says: '{{ $labels.route }}' },
  { id: 'alert/comparison', fires: [a('rate(app_requests_total[5m])'), a('rate(app_requests_total[5m]) > bool 1')], quiet: [a('rate(app_requests_total[5m]) > 1'), a('# a comment line first\nrate(app_requests_total[5m]) > 1', { alert: 'Commented' }), a('absent(app_queue_length)', { annotations: { ...good.annotations, description: 'x' } })], says: 'no condition' },
  { id: 'alert/naming', fires: [a('app_queue_length > 1', { alert: 'queue_too_long' })], quiet: [a('app_queue_length > 1', { alert: 'QueueTooLong' })], says: 'not CamelCase' },
  { id: 'alert/fragile-expression', fires: [a('topk(3, app_queue_length) > 1')], quiet: [a('app_queue_length > 1')], says: 'topk' },
  { id: 'alert/fragile-expression', fires: [a('app_queue_length > 1', { for: undefined, labels: { severity: 'warning', value: '{{ $value }}' } })], quiet: [a('app_queue_length > 1')], says: 'query value into label' },
  { id: 'alert/duplicate-name', fires: [a('app_queue_length > 1'), a('app_queue_length > 2')], quiet: [a('app_queue_length > 1'), a('app_queue_length > 2', { labels: { severity: 'critical' } })], says: 'defined twice' },
  { id: 'record/naming', fires: [record({ record: 'requests_rate', expr: 'sum(rate(app_requests_total[5m]))' })], quiet: [record({ record: 'job:app_requests:rate5m', expr: 'sum by (job) (rate(app_requests_total[5m]))' })], says: 'level:metric:operations' },
];

describe('each check fires on its mistake and stays quiet on the fix', () => {
  for (const c of cases) {
    it(`${c.id}: ${c.says}`, () => {
      const fired = runOn(project(c.fires), [check(c.id)]);
      expect(fired.length, `expected ${c.id} to fire`).toBeGreaterThan(0);
      expect(fired.map((d) => d.message).join('\n')).toContain(c.says);
      for (const d of fired) {
        expect(d.id).toBe(c.id);
        expect(d.source?.file).toMatch(/checks\.test\.ts$/);
        expect(d.path?.[0]).toBe('ruleGroups');
      }
      expect(runOn(project(c.quiet), [check(c.id)])).toEqual([]);
    });
  }

  it('a recording rule makes its output series known, with the labels it keeps', () => {
    const rules = [
      record({ record: 'route:app_requests:rate5m', expr: 'sum by (route) (rate(app_requests_total[5m]))' }),
      a('route:app_requests:rate5m{route="/x"} > 1'),
      a('route:app_requests:rate5m{code="500"} > 1', { alert: 'Other' }),
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
