// Alert rules, each with unit tests: a case that makes it fire and one that must not.
// `totem-mon validate` runs them with `promtool test rules`. The series in a test are written with
// promtool's notation: '0+100x20' starts at 0 and adds 100 at each step, 20 times (one step a minute).
import { alert, histogramQuantile, rate, ratio, re, ruleGroup } from 'totem-mon';
import { requestDuration, requests, up } from './metrics.js';

const web = { job: 'web' } as const;
const ok = { series: requests.select({ ...web, code: '200' }), values: '0+100x20' };

export const highErrorRate = alert({
  name: 'HighErrorRate',
  // The share of 5xx answers over 5 minutes, per scrape job.
  expr: `${ratio(rate(requests, '5m', { code: re('5..') }), rate(requests, '5m'), ['job'])} > 0.05`,
  for: '5m',
  labels: { severity: 'critical' },
  annotations: {
    summary: 'Many requests fail',
    description: 'More than 5% of the requests of {{ $labels.job }} failed over the last 5 minutes.',
    runbook_url: 'https://runbooks.example.com/HighErrorRate',
  },
  tests: [
    {
      name: '10 errors for 100 successes fires',
      input: [ok, { series: requests.select({ ...web, code: '500' }), values: '0+10x20' }],
      at: '10m',
      // The rule's labels are added; static annotations too; templated ones are given rendered.
      expect: [{ labels: web, annotations: { description: 'More than 5% of the requests of web failed over the last 5 minutes.' } }],
    },
    { name: '1 error for 100 successes does not fire', input: [ok, { series: requests.select({ ...web, code: '500' }), values: '0+1x20' }], at: '10m', expect: [] },
  ],
});

export const highLatency = alert({
  name: 'HighLatency',
  expr: `${histogramQuantile(0.95, requestDuration, { range: '5m', by: ['job'] })} > 0.5`,
  for: '10m',
  labels: { severity: 'warning' },
  annotations: {
    summary: 'Slow answers',
    description: 'The 95th percentile of the response time is above 0.5 s.',
    runbook_url: 'https://runbooks.example.com/HighLatency',
  },
  tests: [
    {
      name: 'every request between 0.5 s and 1 s fires',
      input: [
        { series: requestDuration.bucket({ ...web, le: '0.5' }), values: '0+0x30' },
        { series: requestDuration.bucket({ ...web, le: '1' }), values: '0+60x30' },
        { series: requestDuration.bucket({ ...web, le: '+Inf' }), values: '0+60x30' },
      ],
      at: '20m',
      expect: [{ labels: web }],
    },
    {
      name: 'requests under 0.25 s do not fire',
      input: [
        { series: requestDuration.bucket({ ...web, le: '0.25' }), values: '0+60x30' },
        { series: requestDuration.bucket({ ...web, le: '+Inf' }), values: '0+60x30' },
      ],
      at: '20m',
      expect: [],
    },
  ],
});

export const targetDown = alert({
  name: 'TargetDown',
  expr: `${up} == 0`,
  for: '2m',
  labels: { severity: 'critical' },
  annotations: {
    summary: 'A target is down',
    description: 'Prometheus has not reached {{ $labels.instance }} of {{ $labels.job }} for 2 minutes.',
    runbook_url: 'https://runbooks.example.com/TargetDown',
  },
  tests: [
    {
      name: 'unreachable for 5 minutes fires',
      input: [{ series: up.select({ ...web, instance: 'web:8080' }), values: '0x10' }],
      at: '5m',
      expect: [{ labels: { ...web, instance: 'web:8080' }, annotations: { description: 'Prometheus has not reached web:8080 of web for 2 minutes.' } }],
    },
    { name: 'reachable does not fire', input: [{ series: up.select({ ...web, instance: 'web:8080' }), values: '1x10' }], at: '5m', expect: [] },
  ],
});

export const webAlerts = ruleGroup({ name: 'web_alerts', rules: [highErrorRate, highLatency, targetDown] });
