/**
 * A synthesized definitions folder that makes every check of expression scope find something, in
 * alert expressions, a recording rule and panel queries (with Grafana variables), with two alerts
 * of one name in a group, ignores (some stale) and check settings: the set test/lint/expression-scope.test.ts
 * cuts into shards and test/app/check-shards.test.ts checks on two threads.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Expressions each of which some check of expression scope reports (and others that pass). */
const EXPRESSIONS = [
  'sum(rate(app_requests_total[5m])',
  'rate(app_requests_total) > 1',
  'app_request_total > 1',
  'app_requests_total{routee="/"} > 1',
  'sum by (routee) (rate(app_requests_total[5m])) > 1',
  'sum without (nothing) (rate(app_requests_total[5m])) > 1',
  'rate(app_queue_length[5m]) > 1',
  'histogram_quantile(0.9, sum(rate(app_latency_seconds_bucket[5m]))) > 1',
  'rate(app_requests_total[20s]) > 1',
  'rate(app_requests_total[40s]) > 1',
  'app_requests_total > 100',
  'app_requests_total{route=~"/api"} > 1',
  'app_requests_total{route=~".*"} > 1',
  'sum by (route) (rate(app_requests_total[5m])) / sum by (code) (rate(app_requests_total[5m])) > 1',
  'rate(app_requests_total[5m]) / on (route) sum by (route) (rate(app_errors_total[5m])) > 1',
  'histogram_quantile(95, sum by (le) (rate(app_latency_seconds_bucket[5m]))) > 1',
  'absent(app_queue_length > 10)',
  'absent(sum(app_queue_length))',
  'absent(app_queue_length)',
  'rate(app:queue:sum[5m]) > 1',
  'rate((sum(app_queue_length))[10m:1m]) > 1',
  'app_queue_length[5m]',
  'app_queue_length{job="nope"} > 1',
  'app_queue_length{job=~"nope|app"} > 1',
  'app_queue_length{queue="a"} > 1',
  'app_queue_length{shard="1"} > 1',
  'sum by (shard) (app_queue_length) > 1',
  'sum by (queue) (app_queue_length) > 1',
  'sum(app_queue_length)',
  'sum(app_queue_length) > bool 1',
  'topk(3, app_queue_length) > 1',
  'app_queue_length > 10',
  'sum by (queue, job) (app_queue_length) > 10',
];

const PANEL_QUERIES = [
  ...EXPRESSIONS.map((e) => e.replace('[5m]', '[$__rate_interval]')),
  'app_requests_total',
  'app_latency_seconds_count',
  'histogram_quantile(0.9, sum by (le) (rate(app_latency_seconds_bucket[$__rate_interval])))',
  'sum(rate(app_requests_total{route="$route"}[$__rate_interval])) / sum(rate(app_requests_total[$__rate_interval]))',
  'app_queue_length{queue=~"$queue"}',
];

function alertCall(name: string, expr: string, i: number): string {
  const labels = i % 4 === 0 ? "{ severity: 'warning', job: 'app' }" : i % 4 === 1 ? "{ severity: 'warning', value: '{{ $value }}' }" : "{ severity: 'warning' }";
  const forValue = i % 3 === 0 ? '10s' : '5m';
  return `alert({ name: '${name}', expr: ${JSON.stringify(expr)}, for: '${forValue}', labels: ${labels}, annotations: { summary: 'S', description: 'On {{ $labels.queue }} of {{ $labels.route }}', runbook_url: 'https://runbooks.example.com/${name}' } })`;
}

/** Writes the definitions (in `dir`/definitions) and returns their folder. */
export function brokenDefinitions(dir: string): string {
  const definitions = path.join(dir, 'definitions');
  mkdirSync(definitions, { recursive: true });
  const groups = [0, 1, 2].map((g) => {
    const rules = EXPRESSIONS.map((e, i) => alertCall(`A${g}_${i % 9}`, e, i + g));
    if (g === 1) rules.splice(3, 0, "record({ name: 'app:queue:sum', expr: 'sum(app_queue_length)' })");
    return `ruleGroup({ name: 'g${g}', rules: [\n    ${rules.join(',\n    ')},\n  ] })`;
  });
  const dashboards = [0, 1].map((d) => {
    const panels = PANEL_QUERIES.map((q, i) => {
      const unit = ["'ms'", "'percent'", "'s'", 'undefined'][i % 4];
      // Ignores in the worker's shard: some silence findings, some are stale.
      const ignore = i % 5 === 0 ? ", ignore: { 'promql/unknown-label': 'on purpose', 'promql/syntax': 'on purpose' }" : '';
      return `timeseriesPanel({ title: 'P${d}_${i}', unit: ${unit}, targets: [{ expr: ${JSON.stringify(q)} }, { expr: 'app_queue_length' }]${ignore} })`;
    });
    return `dashboard({ title: 'D${d}', panels: [\n    ${panels.join(',\n    ')},\n  ] })`;
  });
  writeFileSync(
    path.join(definitions, 'index.ts'),
    `import { alert, counter, dashboard, defineProject, gauge, histogram, record, ruleGroup, scrapeJob, timeseriesPanel } from 'totem-mon';

const requests = counter({ name: 'app_requests_total', help: 'Requests.', labels: ['route', 'code'] });
const errors = counter({ name: 'app_errors_total', help: 'Errors.', labels: ['route'] });
const latency = histogram({ name: 'app_latency_seconds', help: 'Latency.', labels: ['route'], buckets: [0.1, 0.5, 1], unit: 'seconds' });
const queue = gauge({ name: 'app_queue_length', help: 'Queue.', labels: ['queue', 'shard'] });

export default defineProject({
  name: 'shards',
  metrics: [requests, errors, latency, queue],
  prometheus: {
    global: { scrapeInterval: '15s', evaluationInterval: '15s' },
    scrapeJobs: [scrapeJob({ name: 'app', targets: ['app:8000'], metricRelabel: [{ action: 'labeldrop', regex: 'shard' }] })],
  },
  ruleGroups: [
  ${groups.join(',\n  ')},
  ],
  dashboards: [
  ${dashboards.join(',\n  ')},
  ],
  lint: { checks: { 'promql/regex-matcher': 'off', 'promql/rate-range-too-short': 'info', 'dashboard/counter-without-rate': 'error' } },
});
`,
  );
  return definitions;
}
