// #12 item 5: labels the scrape adds are series labels, for the lint and for the types.
import { describe, expect, it } from 'vitest';
import { alert, defineProject, gauge, ruleGroup, scrapeJob, type ScrapeJob } from '../../src/index.js';
import { CHECKS } from '../../src/lint/index.js';
import { runOn } from '../helpers/model.js';
// The orders fixture declares `cluster` in TargetLabels (module augmentation): selectors accept it.
import { jobsQueued } from '../fixtures/routing/orders/orders.js';

const annotations = { summary: 'Backlog', description: 'Backlog in {{ $labels.cluster }}', runbook_url: 'https://runbooks.example.com/' };

function lint(expr: string, jobs: ScrapeJob[], externalLabels?: Record<string, string>) {
  const project = defineProject({
    name: 'orders',
    metrics: [jobsQueued],
    prometheus: { ...(externalLabels ? { global: { externalLabels } } : {}), scrapeJobs: jobs },
    ruleGroups: [ruleGroup({ name: 'orders', rules: [alert({ name: 'JobQueueBacklog', expr, for: '15m', labels: { severity: 'warning' }, annotations })] })],
  });
  return runOn(project, CHECKS.filter((c) => c.id === 'promql/unknown-label' || c.id === 'alert/template-label-dropped'));
}

const withCluster = [scrapeJob({ name: 'worker', targets: ['worker:9000'], labels: { cluster: 'sp1' } })];

describe('scrape labels', () => {
  it('a label a scrape job attaches is known: by, selectors, $labels', () => {
    expect(lint('sum by (cluster, queue) (orders_jobs_queued) > 100', withCluster)).toEqual([]);
    expect(lint(`sum by (cluster, queue) (${jobsQueued.select({ cluster: "sp1" })}) > 100`, withCluster)).toEqual([]);
  });

  it('without the scrape label it is still an unknown label (the type declaration alone does not make it true)', () => {
    const found = lint('sum by (cluster, queue) (orders_jobs_queued) > 100', [scrapeJob({ name: 'worker', targets: ['worker:9000'] })]);
    expect(found.map((d) => d.id)).toContain('promql/unknown-label');
  });

  it('external labels are not series labels: Prometheus adds them only to what leaves it', () => {
    const found = lint('sum by (cluster, queue) (orders_jobs_queued) > 100', [scrapeJob({ name: 'worker', targets: ['worker:9000'] })], { cluster: 'sp1' });
    expect(found.map((d) => d.id)).toContain('promql/unknown-label');
  });

  it('types: a declared target label type-checks in select(), an undeclared one does not', () => {
    expect(jobsQueued.select({ cluster: 'sp1', queue: 'emails' })).toBe('orders_jobs_queued{cluster="sp1",queue="emails"}');
    const other = gauge({ name: 'other', help: 'x' });
    // @ts-expect-error `zone` is neither a label of the metric nor a declared target label
    expect(other.select({ zone: 'a' })).toBe('other{zone="a"}');
  });
});
