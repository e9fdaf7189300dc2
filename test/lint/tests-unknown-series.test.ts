import { describe, expect, it } from 'vitest';
import { alert, defineProject, histogram, rate, record, ruleGroup, scrapeJob, sumBy, summary, type AlertRule, type RecordingRule } from '../../src/index.js';
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

describe('tests/unknown-series: le and quantile as the instrumentation exposes them', () => {
  const latency = histogram({ name: 'api_latency_seconds', help: 'Latency.', buckets: [0.25, 1, 2.5, 1000000] });
  const exported = histogram({ name: 'proxy_latency_seconds', help: 'Latency.', buckets: [1], exporter: 'envoy' });
  const size = summary({ name: 'api_request_bytes', help: 'Sizes.' });
  const slowShare = `sum(rate(${latency.name}_bucket{le=~"1(\\\\.0)?"}[5m])) / sum(rate(${latency.name}_count[5m])) < 0.9`;

  function slow(input: string[], expectLabels?: Record<string, string>, expr = slowShare): AlertRule {
    return alert({
      name: 'Slow',
      expr,
      for: '5m',
      labels: { severity: 'warning' },
      annotations: texts,
      tests: [{ name: 'slow requests fire', input: input.map((series) => ({ series, values: '0+1x10' })), at: '10m', expect: expectLabels ? [{ labels: expectLabels }] : [] }],
    });
  }

  function findings(rules: AlertRule[], python = true) {
    const project = defineProject({
      name: 'api',
      metrics: [latency, exported, size],
      prometheus: { scrapeJobs: [scrapeJob({ name: 'api', targets: ['api:8080'] })] },
      ruleGroups: [ruleGroup({ name: 'api', rules })],
      ...(python ? { instrument: { python: {} } } : {}),
    });
    return runOn(project, [check]).map((d) => ({ message: d.message, hint: d.hint, path: d.path?.slice(-3).join(' › ') }));
  }

  it('fires on le="1" where the generated Python module exposes le="1.0", with the exposed text', () => {
    expect(findings([slow([`${latency.name}_bucket{le="1"}`, `${latency.name}_count`])])).toEqual([
      {
        message:
          'test case "slow requests fire" of alert Slow feeds "api_latency_seconds_bucket" with le="1", but the project\'s generated Python module (prometheus_client) exposes the bucket 1 of api_latency_seconds as le="1.0": label values are compared as text, so the application never writes le="1": the case passes on a series production never has.',
        hint: 'write le="1.0", as the application exposes it (Go clients and prom-client would write le="1")',
        path: 'slow requests fire › input[0] › series',
      },
    ]);
    expect(findings([slow([`${latency.name}_bucket{le="1000000"}`])])[0]?.hint).toBe('write le="1e+06", as the application exposes it (Go clients and prom-client would write le="1000000")');
    expect(findings([slow([`${latency.name}_bucket{le="0.250"}`])])[0]?.hint).toMatch(/^write le="0\.25"/);
  });

  it('fires on a bound the histogram does not have, whatever the instrumentation', () => {
    for (const python of [true, false]) {
      const [f] = findings([slow([`${latency.name}_bucket{le="0.5"}`])], python);
      expect(f?.message).toContain('api_latency_seconds has no bucket le="0.5" (buckets 0.25, 1, 2.5, 1000000, +Inf): no client exposes that series');
    }
  });

  it('fires on an expected le in the other text, where the rule reads the buckets', () => {
    const byLe = `sum by (le) (rate(${latency.name}_bucket[5m])) > 1`;
    const got = findings([slow([`${latency.name}_bucket{le="1.0"}`], { le: '1', severity: 'warning' }, byLe)]);
    expect(got).toEqual([
      expect.objectContaining({ message: expect.stringMatching(/^test case "slow requests fire" of alert Slow expects le="1", but .* exposes the bucket 1 of api_latency_seconds as le="1\.0"/), path: 'expect[0] › labels › le' }),
    ]);
    expect(findings([slow([`${latency.name}_bucket{le="1.0"}`], { le: '1.0', severity: 'warning' }, byLe)])).toEqual([]);
  });

  it('fires on the quantiles of a summary the generated Python module exposes', () => {
    const [f] = findings([slow([`${size.name}{quantile="0.9"}`], undefined, `${size.name}{quantile="0.9"} > 1000`)]);
    expect(f?.message).toContain("with quantile=\"0.9\", but the project's generated Python module exposes api_request_bytes with prometheus_client's Summary, which has no quantiles");
  });

  it('is quiet where the instrumentation does not settle the text, and on the exposed text', () => {
    // No generated instrumentation: Go clients write 1, prometheus_client 1.0; either may be right.
    expect(findings([slow([`${latency.name}_bucket{le="1"}`, `${size.name}{quantile="0.9"}`])], false)).toEqual([]);
    // An exporter's histogram: its own client decides.
    expect(findings([slow([`${exported.name}_bucket{le="1"}`])])).toEqual([]);
    expect(findings([slow([`${latency.name}_bucket{le="1.0"}`, `${latency.name}_bucket{le="+Inf"}`, `${latency.name}_bucket{le="1e+06"}`, `${latency.name}_count`])])).toEqual([]);
    // An expected le where the rule reads no buckets is not the buckets' (a label of the rule's own).
    expect(findings([slow([`${latency.name}_count`], { le: '1', severity: 'warning' }, `sum(rate(${latency.name}_count[5m])) > 1`)])).toEqual([]);
  });
});
