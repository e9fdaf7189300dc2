// Audit round 24: an aggregation bounds its labels whatever it reads, also beside a series outside
// the catalogue (group_left from an info metric): a label the scrape removes and the expression
// drops there anyway is the expression's to fix (promql/unknown-label, one finding), not a scrape
// finding; a template names both causes.
import { describe, expect, it } from 'vitest';
import { alert, defineProject, gauge, ruleGroup, scrapeJob } from '../../src/index.js';
import { runOn } from '../helpers/model.js';

const depth = gauge({ name: 'shop_queue_depth', help: 'Depth', labels: ['queue', 'env'] });
const basics = { for: '5m', labels: { severity: 'warning' }, annotations: { summary: 's', description: 'd', runbook_url: 'https://r.example.com/x' } };
const dropQueue = scrapeJob({ name: 'shop', targets: ['shop:8000'], metricRelabel: [{ action: 'labeldrop', regex: 'queue' }] });
const USES = ['scrape/dropped-label', 'promql/unknown-label', 'alert/template-label-dropped'];

type Rules = Parameters<typeof ruleGroup>[0]['rules'];
const project = (rules: Rules) => defineProject({ name: 'shop', metrics: [depth], prometheus: { scrapeJobs: [dropQueue] }, ruleGroups: [ruleGroup({ name: 'shop', rules })] });

describe('a label the scrape removes, dropped by an aggregation beside a series outside the catalogue', () => {
  it('by (queue) over it is reported once, as the expression\'s; a template names both causes', () => {
    const expr = 'sum by (queue) (max by (env) (shop_queue_depth) * on (env) group_left (owner) env_owner_info) > 1';
    const rules = [alert({ ...basics, name: 'Owned', expr, annotations: { ...basics.annotations, description: 'Queue {{ $labels.queue }}' } })];
    expect(runOn(project(rules), USES).map((d) => `${d.id}: ${d.message}`)).toEqual([
      'promql/unknown-label: alert Owned uses by (queue), but the aggregated series have no label "queue".',
      'alert/template-label-dropped: alert Owned uses {{ $labels.queue }} in description, but its expression does not keep "queue", and the metricRelabel of the scrape jobs that store its metrics removes it too: it renders empty',
    ]);
  });
});
