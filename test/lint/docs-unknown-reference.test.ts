import { describe, expect, it } from 'vitest';
import { alert, checklist, currentValuePanel, dashboard, defineProject, gauge, ruleGroup, scrapeJob, troubleshooting, type DocsOptions, type SourceRef } from '../../src/index.js';
import { CHECKS } from '../../src/lint/index.js';
import { fileOf, runOn } from '../helpers/model.js';
import { pinned } from '../helpers/alertmanager.js';

const check = CHECKS.find((c) => c.id === 'docs/unknown-reference')!;
const queue = gauge({ name: 'shop_queue_length', help: 'Orders waiting' });
const texts = { summary: 'Long queue', description: 'Over 10 orders wait' };
const queueLong = alert({ name: 'QueueLong', expr: `${queue} > 10`, for: '5m', labels: { severity: 'warning' }, annotations: texts });
const queueStuck = alert({ name: 'QueueStuck', expr: `${queue} > 100`, for: '5m', labels: { severity: 'critical' }, annotations: texts });
const sales = dashboard({ title: 'Sales', panels: [currentValuePanel(queue, { title: 'Queue' })] });
const ops = dashboard({ title: 'Ops', uid: 'ops', panels: [currentValuePanel(queue, { title: 'Queue' })] });

function run(docs: DocsOptions) {
  const project = defineProject({
    name: 'shop',
    metrics: [queue],
    prometheus: { scrapeJobs: [scrapeJob({ name: 'shop', targets: ['shop:8080'] })] },
    ruleGroups: [ruleGroup({ name: 'shop', rules: [queueLong] })],
    dashboards: [sales],
    docs,
  });
  return runOn(project, [check]).map(pinned);
}

const at = (definition: { source?: SourceRef | undefined }, path: string[]) => ({
  path,
  file: fileOf(definition),
  line: definition.source!.line,
  highlighted: undefined,
});

describe('docs/unknown-reference', () => {
  it('fires on a troubleshooting topic for an alert in no rule group', () => {
    const topic = troubleshooting({ title: 'Stuck', alerts: [queueLong, queueStuck], steps: ['Restart the worker'] });
    expect(run({ troubleshooting: [topic] })).toEqual([
      {
        message: 'troubleshooting "Stuck" names alert "QueueStuck", which is in no rule group of the project',
        hint: 'add the alert to a rule group in ruleGroups, or remove it from the docs',
        ...at(topic, ['docs', 'troubleshooting', '[0]', 'alerts']),
      },
    ]);
  });

  it('fires on a checklist item for an alert in no rule group', () => {
    const list = checklist({ title: 'Daily', items: ['Coffee', { text: 'Alerts', alerts: [queueStuck] }] });
    expect(run({ checklists: [list] })).toEqual([
      {
        message: 'checklist "Daily" item "Alerts" names alert "QueueStuck", which is in no rule group of the project',
        hint: 'add the alert to a rule group in ruleGroups, or remove it from the docs',
        ...at(list, ['docs', 'checklists', '[0]', 'items']),
      },
    ]);
  });

  it('fires on a checklist item for a dashboard the project does not have (by uid, or by title)', () => {
    const other = dashboard({ title: 'Sales (old)', panels: [] });
    const list = checklist({ title: 'Weekly', items: [{ text: 'Boards', dashboards: [sales, ops, other] }] });
    const common = { hint: "add the dashboard to dashboards in defineProject, or remove it from the checklist", ...at(list, ['docs', 'checklists', '[0]', 'items']) };
    expect(run({ checklists: [list] })).toEqual([
      { message: 'checklist "Weekly" item "Boards" names dashboard "ops", which is not in the project\'s dashboards', ...common },
      { message: 'checklist "Weekly" item "Boards" names dashboard "Sales (old)", which is not in the project\'s dashboards', ...common },
    ]);
  });

  it('stays quiet when every alert and dashboard named is the project\'s', () => {
    expect(
      run({
        troubleshooting: [troubleshooting({ title: 'Long', alerts: [queueLong], steps: ['Add workers'] })],
        checklists: [checklist({ title: 'Daily', items: [{ text: 'Look', dashboards: [sales], alerts: [queueLong] }] })],
      }),
    ).toEqual([]);
  });

  it('stays quiet on topics for every alert and items without references', () => {
    expect(run({ troubleshooting: [troubleshooting({ title: 'Any', steps: ['Read the logs'] })], checklists: [checklist({ title: 'Daily', items: ['Coffee'] })] })).toEqual([]);
  });
});
