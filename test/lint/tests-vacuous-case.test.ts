import { describe, expect, it } from 'vitest';
import { alert, defineProject, rate, record, ruleGroup, scrapeJob, sumBy, type AlertRule, type AlertTestCase, type RecordingRule } from '../../src/index.js';
import { CHECKS } from '../../src/lint/index.js';
import { fileOf, runOn } from '../helpers/model.js';
import { pinned } from '../helpers/alertmanager.js';
import { catalogue, failures, queueDepth, texts } from '../fixtures/rule-tests/base.js';

const check = CHECKS.find((c) => c.id === 'tests/vacuous-case')!;
const emails = queueDepth.select({ queue: 'emails' });

function queueLong(tests: AlertTestCase[], expr = `max by (queue) (${queueDepth}) > 10`): AlertRule {
  return alert({ name: 'QueueLong', expr, for: '5m', labels: { severity: 'warning' }, annotations: texts, tests });
}

function run(rules: Array<AlertRule | RecordingRule>) {
  const project = defineProject({
    name: 'orders',
    metrics: catalogue,
    prometheus: { scrapeJobs: [scrapeJob({ name: 'orders-api', targets: ['orders:8080'] })] },
    ruleGroups: [ruleGroup({ name: 'orders', rules })],
  });
  return runOn(project, [check]).map(pinned);
}

const at = (rule: AlertRule | RecordingRule, name: string, caseName: string) => ({
  path: ['ruleGroups', 'orders', 'rules', name, 'tests', caseName, 'at'],
  file: fileOf(rule),
  line: rule.source!.line,
  highlighted: undefined,
});

const staleMessage = (lead: string, ends: string, window = '5m') =>
  `${lead}, but ${ends}: every series is stale by then (no sample in the ${window} before, or a stale marker after the last one), so the rule sees no data and this case proves nothing.`;

describe('tests/vacuous-case', () => {
  it('fires on a quiet case evaluated before for could elapse', () => {
    const rule = queueLong([{ name: 'quiet at first', input: [{ series: emails, values: '20x10' }], at: '3m', expect: [] }]);
    expect(run([rule])).toEqual([
      {
        message:
          'test case "quiet at first" of alert QueueLong expects no alert at 3m, before its for: 5m could elapse: the alert cannot fire by then whatever the input, so this case proves nothing.',
        hint: 'evaluate at 5m or later, with input lasting until then (a burst shorter than for is tested by evaluating after for)',
        ...at(rule, 'QueueLong', 'quiet at first'),
      },
    ]);
  });

  it('fires on a quiet case evaluated after its input went stale (no sample in the last 5m)', () => {
    const rule = queueLong([{ name: 'quiet later', input: [{ series: emails, values: '2x10' }], at: '30m', expect: [] }]);
    expect(run([rule])).toEqual([
      {
        message: staleMessage('test case "quiet later" of alert QueueLong expects no alert at 30m', 'its input ends at 10m'),
        hint: "make the input last until 30m (values: '…x30' at interval 1m) or evaluate earlier",
        ...at(rule, 'QueueLong', 'quiet later'),
      },
    ]);
  });

  it('fires when a stale marker ends every series before the evaluation, and when the input has no sample at all', () => {
    const rule = queueLong([
      { name: 'marked stale', input: [{ series: emails, values: '2x5 stale' }], at: '8m', expect: [] },
      { name: 'only gaps', interval: '30s', input: [{ series: emails, values: '_x30' }], at: '10m', expect: [] },
    ]);
    expect(run([rule])).toEqual([
      {
        message: staleMessage('test case "marked stale" of alert QueueLong expects no alert at 8m', 'its input ends at 5m'),
        hint: "make the input last until 8m (values: '…x8' at interval 1m) or evaluate earlier",
        ...at(rule, 'QueueLong', 'marked stale'),
      },
      {
        message: staleMessage('test case "only gaps" of alert QueueLong expects no alert at 10m', 'its input has no sample'),
        hint: "make the input last until 10m (values: '…x20' at interval 30s) or evaluate earlier",
        ...at(rule, 'QueueLong', 'only gaps'),
      },
    ]);
  });

  it('fires on a recording rule case expecting nothing after its input ended, judged against the longest range read', () => {
    const rule = record({
      name: 'route:orders_failures:rate10m',
      expr: sumBy(['route'], rate(failures, '10m')),
      tests: [{ name: 'nothing recorded', input: [{ series: failures.select({ route: '/pay' }), values: '0+1x10' }], at: '40m', expect: [] }],
    });
    expect(run([rule])).toEqual([
      {
        message: staleMessage('test case "nothing recorded" of recording rule route:orders_failures:rate10m expects nothing recorded at 40m', 'its input ends at 10m', '10m'),
        hint: "make the input last until 40m (values: '…x40' at interval 1m) or evaluate earlier",
        ...at(rule, 'route:orders_failures:rate10m', 'nothing recorded'),
      },
    ]);
  });

  it('stays quiet on quiet cases evaluated after for, on input still there, and on firing cases', () => {
    const rule = queueLong([
      { name: 'a short queue is quiet', input: [{ series: emails, values: '2x20' }], at: '10m', expect: [] },
      { name: 'a 3-minute burst is quiet', input: [{ series: emails, values: '2x4 20x2 2x20' }], at: '10m', expect: [] },
      { name: 'input ended 4 minutes ago', input: [{ series: emails, values: '2x6' }], at: '10m', expect: [] },
      { name: 'fires', input: [{ series: emails, values: '20x20' }], at: '10m', expect: [{ labels: { queue: 'emails' } }] },
    ]);
    expect(run([rule])).toEqual([]);
  });

  it('stays quiet when the rule, or a recording rule it reads, looks back further than the input is old, or reads other times', () => {
    const hourly = record({ name: 'route:orders_failures:rate1h', expr: sumBy(['route'], rate(failures, '1h')) });
    const onHourly = alert({
      name: 'FailuresHourly',
      expr: `${hourly.name} > 1`,
      for: '5m',
      labels: { severity: 'warning' },
      annotations: texts,
      tests: [{ name: 'quiet 20m after', input: [{ series: failures.select({ route: '/pay' }), values: '0+1x30' }], at: '50m', expect: [] }],
    });
    const shifted = queueLong(
      [{ name: 'yesterday', input: [{ series: emails, values: '2x10' }], at: '30m', expect: [] }],
      `max by (queue) (${queueDepth} offset 25m) > 10`,
    );
    expect(run([hourly, onHourly, shifted])).toEqual([]);
  });
});
