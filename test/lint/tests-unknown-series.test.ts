import { describe, expect, it } from 'vitest';
import { alert, defineProject, rate, record, ruleGroup, scrapeJob, sumBy, type AlertRule, type RecordingRule } from '../../src/index.js';
import { CHECKS } from '../../src/lint/index.js';
import { fileOf, runOn } from '../helpers/model.js';
import { pinned } from '../helpers/alertmanager.js';
import { catalogue, failures, queueDepth, requests, texts } from '../fixtures/rule-tests/base.js';

const check = CHECKS.find((c) => c.id === 'tests/unknown-series')!;
const CATALOGUE_HINT = 'build input series from the catalogue (metric.select({ … })), so the types and this check follow the metric names';
const SERIES_HINT = 'write a series as metric{label="value"}, best with metric.select({ … }) from the catalogue';

const failureRate = record({ name: 'route:orders_failures:rate5m', expr: sumBy(['route'], rate(failures, '5m')) });

function queueLong(series: string, values = '2x10'): AlertRule {
  return alert({
    name: 'QueueLong',
    expr: `max by (queue) (${queueDepth}) > 10`,
    for: '2m',
    labels: { severity: 'warning' },
    annotations: texts,
    tests: [{ name: 'a short queue is quiet', input: [{ series, values }], at: '5m', expect: [] }],
  });
}

function run(rules: Array<AlertRule | RecordingRule>) {
  const project = defineProject({
    name: 'orders',
    metrics: catalogue,
    prometheus: { scrapeJobs: [scrapeJob({ name: 'orders-api', targets: ['orders:8080'], labels: { cluster: 'eu-1' } })] },
    ruleGroups: [ruleGroup({ name: 'orders', rules: [failureRate, ...rules] })],
  });
  return runOn(project, [check]).map(pinned);
}

const at = (rule: AlertRule | RecordingRule, name: string, caseName: string, input: number) => ({
  path: ['ruleGroups', 'orders', 'rules', name, 'tests', caseName, `input[${input}]`, 'series'],
  file: fileOf(rule),
  line: rule.source!.line,
});

describe('tests/unknown-series', () => {
  it('fires on a metric name typo in the input of a quiet case, with did-you-mean', () => {
    const rule = queueLong('orders_queue_dept{queue="emails"}');
    expect(run([rule])).toEqual([
      {
        message:
          'test case "a short queue is quiet" of alert QueueLong feeds "orders_queue_dept", which is not in the catalogue: no rule reads it, so the case passes or fails for the wrong reason. Did you mean "orders_queue_depth"?',
        hint: CATALOGUE_HINT,
        ...at(rule, 'QueueLong', 'a short queue is quiet', 0),
        highlighted: 'orders_queue_dept',
      },
    ]);
  });

  it('fires on a label typo, with did-you-mean and the labels the series has', () => {
    const rule = queueLong('orders_queue_depth{queu="emails"}');
    expect(run([rule])).toEqual([
      {
        message:
          'test case "a short queue is quiet" of alert QueueLong feeds "orders_queue_depth" with label "queu", which that series does not have: the rule\'s matchers and groupings never see it. Did you mean "queue"?',
        hint: 'its labels are: queue, job, instance, cluster',
        ...at(rule, 'QueueLong', 'a short queue is quiet', 0),
        highlighted: 'queu="emails"',
      },
    ]);
  });

  it('fires on every bad series of a recording rule case, the second input included', () => {
    const rule = record({
      name: 'route:orders_requests:rate5m',
      expr: sumBy(['route'], rate(requests, '5m')),
      tests: [
        {
          name: 'sums codes',
          input: [
            { series: requests.select({ route: '/pay', code: '200' }), values: '0+60x20' },
            { series: 'orders_requests_total{route="/pay", status="500"}', values: '0+60x20' },
            { series: 'orders_request_total{route="/pay"}', values: '0+60x20' },
          ],
          at: '10m',
          expect: [{ labels: { route: '/pay' }, value: 2 }],
        },
      ],
    });
    expect(run([rule])).toEqual([
      {
        message:
          'test case "sums codes" of recording rule route:orders_requests:rate5m feeds "orders_requests_total" with label "status", which that series does not have: the rule\'s matchers and groupings never see it.',
        hint: 'its labels are: route, code, job, instance, cluster',
        ...at(rule, 'route:orders_requests:rate5m', 'sums codes', 1),
        highlighted: 'status="500"',
      },
      {
        message:
          'test case "sums codes" of recording rule route:orders_requests:rate5m feeds "orders_request_total", which is not in the catalogue: no rule reads it, so the case passes or fails for the wrong reason. Did you mean "orders_requests_total"?',
        hint: CATALOGUE_HINT,
        ...at(rule, 'route:orders_requests:rate5m', 'sums codes', 2),
        highlighted: 'orders_request_total',
      },
    ]);
  });

  it('fires on an input that is not a series', () => {
    const rule = queueLong('orders_queue_depth{queue=emails}');
    expect(run([rule])).toEqual([
      {
        message: 'test case "a short queue is quiet" of alert QueueLong feeds "orders_queue_depth{queue=emails}", which is not a series: promtool cannot load it.',
        hint: SERIES_HINT,
        ...at(rule, 'QueueLong', 'a short queue is quiet', 0),
        highlighted: 'orders_queue_depth{queue=emails}',
      },
    ]);
  });

  it('stays quiet on series built from the catalogue, with job, instance and scrape labels', () => {
    expect(run([queueLong(queueDepth.select({ queue: 'emails', job: 'orders-api', instance: 'orders:8080' })), queueLong('orders_queue_depth{queue="emails", cluster="eu-1"}')])).toEqual([]);
  });

  it('stays quiet on a recorded series fed as input, and on the {__name__="…"} form', () => {
    const onRecorded = alert({
      name: 'PaymentsFailing',
      expr: `${failureRate.name} > 1`,
      for: '5m',
      labels: { severity: 'critical' },
      annotations: texts,
      tests: [
        { name: 'recorded input', input: [{ series: 'route:orders_failures:rate5m{route="/pay"}', values: '5x20' }], at: '10m', expect: [{ labels: { route: '/pay' } }] },
        { name: 'name matcher', input: [{ series: '{__name__="route:orders_failures:rate5m", route="/pay"}', values: '0x20' }], at: '10m', expect: [] },
      ],
    });
    expect(run([onRecorded])).toEqual([]);
  });
});
