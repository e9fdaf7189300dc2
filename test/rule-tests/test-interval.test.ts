/** A rule's `testInterval` is its unit tests' `evaluation_interval` (default: its group's, then the global one). */
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { alert, counter, defineProject, record, ruleGroup, synth } from '../../src/index.js';

const jobs = counter({ name: 'jobs_total', help: 'Jobs done', labels: ['queue'] });
const input = [{ series: 'jobs_total{queue="a"}', values: '0+1x30' }];

async function evaluationIntervals(testInterval: string | undefined): Promise<Record<string, unknown>> {
  const rate = record({ name: 'queue:jobs:rate5m', expr: 'sum by (queue) (rate(jobs_total[5m]))', tests: [{ name: 'rate', input, at: '10m', expect: [{ labels: { queue: 'a' }, value: 1 / 60 }] }], ...(testInterval ? { testInterval } : {}) });
  const stuck = alert({
    name: 'QueueStuck',
    expr: 'queue:jobs:rate5m == 0',
    for: '10m',
    labels: { severity: 'warning' },
    annotations: { summary: 'Queue stuck', description: 'No job done', runbook_url: 'https://runbooks.example.com/queue' },
    tests: [{ name: 'busy', input, at: '20m', expect: [] }],
    ...(testInterval ? { testInterval } : {}),
  });
  const project = defineProject({
    name: 'queues',
    metrics: [jobs],
    prometheus: { global: { evaluationInterval: '30s' }, scrapeJobs: [] },
    ruleGroups: [ruleGroup({ name: 'queues', interval: '15s', rules: [rate, stuck] })],
  });
  const { files, diagnostics } = await synth(project);
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return Object.fromEntries(
    ['queuestuck', 'queue-jobs-rate5m'].map((stem) => [stem, (parse(files[`prometheus/tests/queues/${stem}.test.yml`]!) as { evaluation_interval: string }).evaluation_interval]),
  );
}

describe('testInterval', () => {
  it("sets the evaluation interval of the rule's unit tests, alerts and recording rules alike", async () => {
    expect(await evaluationIntervals('5m')).toEqual({ queuestuck: '5m', 'queue-jobs-rate5m': '5m' });
  });

  it("defaults to the group's interval", async () => {
    expect(await evaluationIntervals(undefined)).toEqual({ queuestuck: '15s', 'queue-jobs-rate5m': '15s' });
  });

  it('is a duration, checked by the schema', async () => {
    const bad = alert({ name: 'A', expr: 'vector(1)', labels: { severity: 'info' }, annotations: { summary: 's', description: 'd' }, testInterval: '5 minutes' });
    const { diagnostics } = await synth(defineProject({ name: 'x', metrics: [], prometheus: { scrapeJobs: [] }, ruleGroups: [ruleGroup({ name: 'g', rules: [bad] })] }));
    expect(diagnostics.map((d) => [d.id, d.path?.join('.')])).toContainEqual(['schema', 'ruleGroups.g.rules.A.testInterval']);
  });
});
