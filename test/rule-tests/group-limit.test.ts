/** A rule group's `limit` (Prometheus's: the most alerts / series one evaluation may produce) reaches every rule file that holds the group. */
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { alert, counter, defineProject, prometheusOperator, files, ruleGroup, synth } from '../../src/index.js';

const jobs = counter({ name: 'jobs_total', help: 'Jobs done', labels: ['queue'] });
const stuck = alert({
  name: 'QueueStuck',
  expr: 'sum by (queue) (rate(jobs_total[5m])) == 0',
  for: '10m',
  labels: { severity: 'warning' },
  annotations: { summary: 'Queue stuck', description: 'No job done', runbook_url: 'https://runbooks.example.com/queue' },
  tests: [{ name: 'busy', input: [{ series: 'jobs_total{queue="a"}', values: '0+1x30' }], at: '20m', expect: [] }],
});

type RuleFile = { groups: Array<{ name: string; limit?: number }> };

describe('ruleGroup limit', () => {
  it('is written on the group in the rule file, the PrometheusRule and the rules a test loads', async () => {
    const project = defineProject({
      name: 'queues',
      metrics: [jobs],
      prometheus: { scrapeJobs: [] },
      ruleGroups: [ruleGroup({ name: 'queues', limit: 10, rules: [stuck] })],
      outputs: [files(), prometheusOperator({ namespace: 'monitoring' })],
    });
    const result = await synth(project);
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect((parse(result.files['prometheus/rules/queues.yml']!) as RuleFile).groups[0]).toMatchObject({ name: 'queues', limit: 10 });
    expect((parse(result.files['prometheus/tests/queues/queuestuck.rules.yml']!) as RuleFile).groups[0]).toMatchObject({ limit: 10 });
    const operator = Object.entries(result.files).find(([f]) => f.startsWith('prometheus-operator/') && f.includes('queues'))!;
    expect((parse(operator[1]) as { spec: RuleFile }).spec.groups[0]).toMatchObject({ limit: 10 });
  });

  it('is a positive whole number, checked by the schema', async () => {
    const project = defineProject({ name: 'q', metrics: [jobs], prometheus: { scrapeJobs: [] }, ruleGroups: [ruleGroup({ name: 'queues', limit: 0.5, rules: [stuck] })] });
    const { diagnostics } = await synth(project);
    expect(diagnostics.map((d) => [d.id, d.path?.join('.')])).toContainEqual(['schema', 'ruleGroups.queues.limit']);
  });
});
