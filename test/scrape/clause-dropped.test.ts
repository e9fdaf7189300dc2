// Audit round 24: without (…), ignoring (…) and group_left/right (…) on a label every scrape job
// of the series removes (labeldrop, labelkeep) were reported by no check (promql/unknown-label
// leaves a removed label to scrape/dropped-label, which judged only by and on). Removing or
// ignoring a label that is never there does nothing: a warning naming the rule; copying it copies
// an empty value: an error, as for by/on.
import { describe, expect, it } from 'vitest';
import { alert, defineProject, gauge, ruleGroup, scrapeJob, type Rule } from '../../src/index.js';
import { runOn } from '../helpers/model.js';

const depth = gauge({ name: 'shop_queue_depth', help: 'Depth', labels: ['queue', 'env', 'pod'] });
const owner = gauge({ name: 'shop_queue_owner', help: 'Owner', labels: ['queue', 'team', 'pod'] });
const basics = { for: '5m', labels: { severity: 'warning' }, annotations: { summary: 's', description: 'd', runbook_url: 'https://r.example.com/x' } };
const dropPod = scrapeJob({ name: 'shop', targets: ['shop:8000'], metricRelabel: [{ action: 'labeldrop', regex: 'pod' }] });
const keepPod = scrapeJob({ name: 'other', targets: ['other:8000'] });
const USES = ['scrape/dropped-label', 'promql/unknown-label'];

const project = (rules: Rule[], scrapeJobs = [dropPod]) =>
  defineProject({ name: 'shop', metrics: [depth, owner], prometheus: { scrapeJobs }, ruleGroups: [ruleGroup({ name: 'shop', rules })] });
const rule = (name: string, expr: string) => alert({ ...basics, name, expr });

describe('a clause on a label the scrape removes', () => {
  it('without, ignoring: a warning; group_left/right: an error; each naming the job and rule, at the label', () => {
    const rules = [
      rule('Without', 'sum without (pod) (shop_queue_depth) > 1'),
      rule('Ignoring', 'shop_queue_depth / ignoring (pod) shop_queue_owner > 1'),
      rule('GroupLeft', 'max by (queue) (shop_queue_depth) * on (queue) group_left (pod) shop_queue_owner > 1'),
      rule('GroupRight', 'shop_queue_depth * on (queue) group_right (pod) max by (queue) (shop_queue_owner) > 1'),
    ];
    const found = runOn(project(rules), USES);
    expect(found.map((d) => [d.id, d.severity, d.message])).toEqual([
      ['scrape/dropped-label', 'warning', 'alert Without uses without (pod), but scrape job "shop" metricRelabel[0] (labeldrop "pod") removes "pod" before storage: nothing is removed'],
      ['scrape/dropped-label', 'warning', 'alert Ignoring uses ignoring (pod), but scrape job "shop" metricRelabel[0] (labeldrop "pod") removes "pod" before storage: nothing is ignored'],
      ['scrape/dropped-label', 'error', 'alert GroupLeft uses group_left (pod), but scrape job "shop" metricRelabel[0] (labeldrop "pod") removes "pod" before storage: it copies an empty value'],
      ['scrape/dropped-label', 'error', 'alert GroupRight uses group_right (pod), but scrape job "shop" metricRelabel[0] (labeldrop "pod") removes "pod" before storage: it copies an empty value'],
    ]);
    expect(found[0]!.hint).toBe('keep the label (narrow the rule\'s regex) or remove the label from without (…): it is never there');
    expect(found.map((d) => d.excerpt && d.excerpt.text.slice(d.excerpt.from, d.excerpt.to))).toEqual(['pod', 'pod', 'pod', 'pod']);
  });

  it('quiet when a job that may scrape the series keeps the label, when the expression drops it anyway (promql/unknown-label says so, once), and on a label no rule removes', () => {
    expect(runOn(project([rule('Without', 'sum without (pod) (shop_queue_depth) > 1')], [dropPod, keepPod]), USES)).toEqual([]);
    expect(runOn(project([rule('Env', 'sum without (env) (shop_queue_depth) > 1')]), USES)).toEqual([]);
    const nested = runOn(project([rule('Nested', 'sum without (pod) (sum by (queue) (shop_queue_depth)) > 1')]), USES);
    expect(nested.map((d) => [d.id, d.severity])).toEqual([['promql/unknown-label', 'warning']]);
  });
});
