// A small orders system built in memory for the Alertmanager checks' fire and quiet cases: an API
// on Postgres with a job queue, two teams, PagerDuty and Slack. Each case changes one thing.
import {
  alert, alertmanager, counter, defineProject, gauge, inhibitRule, rate, receiver, route, ruleGroup, scrapeJob, secretFile,
  type AlertRule, type InhibitRule, type Receiver, type Route, type RoutingTest, type RouteOptions, type TimeInterval,
} from '../../src/index.js';
import { CHECKS } from '../../src/lint/index.js';
import { runOn } from '../helpers/model.js';

export const requests = counter({ name: 'orders_http_requests_total', help: 'Requests.', labels: ['status'] });
export const jobsQueued = gauge({ name: 'orders_jobs_queued', help: 'Queued jobs.', labels: ['queue'] });
export const pgUp = gauge({ name: 'pg_up', help: 'Postgres up.', exporter: 'postgres_exporter' });

const annotations = { summary: 'Orders', description: 'Orders in {{ $labels.cluster }}', runbook_url: 'https://runbooks.example.com/' };

export const apiErrors = alert({
  name: 'OrdersApiErrors',
  expr: `sum by (cluster) (${rate(requests, '5m', { status: '500' })}) > 1`,
  for: '5m',
  labels: { severity: 'critical', team: 'orders' },
  annotations,
});
export const backlog = alert({
  name: 'JobQueueBacklog',
  expr: `sum by (cluster, queue) (${jobsQueued}) > 100`,
  for: '15m',
  labels: { severity: 'warning', team: 'orders' },
  annotations,
});
export const postgresDown = alert({
  name: 'PostgresDown',
  expr: `${pgUp} == 0`,
  for: '1m',
  labels: { severity: 'critical', team: 'platform' },
  annotations,
});
/** An alert whose expression keeps no cluster. */
export const totalBacklog = alert({
  name: 'TotalBacklog',
  expr: `sum(${jobsQueued}) > 1000`,
  for: '15m',
  labels: { severity: 'warning', team: 'orders' },
  annotations: { summary: 'Backlog', description: 'Too many queued jobs', runbook_url: 'https://runbooks.example.com/' },
});

export type Names = 'fallback' | 'orders-pagerduty' | 'orders-slack' | 'platform-pagerduty';

export const teamRoutes: Route<Names>[] = [
  route({ matchers: { team: 'orders', severity: 'critical' }, receiver: 'orders-pagerduty' }),
  route({ matchers: { team: 'orders', severity: 'warning' }, receiver: 'orders-slack' }),
  route({ matchers: { team: 'platform' }, receiver: 'platform-pagerduty' }),
];

export interface Case {
  alerts?: AlertRule[];
  routes?: Route<Names>[];
  inhibitRules?: InhibitRule[];
  tests?: RoutingTest<Names>[];
  /** Fields of the root route (groupBy, intervals, …) besides its receiver and routes. */
  root?: Omit<RouteOptions<Names>, 'receiver' | 'routes'>;
  timeIntervals?: TimeInterval[];
  /** Receivers that replace the default ones of the same name (templated fields, …). */
  receivers?: Receiver[];
}

/** The project with the case's changes, run through the named checks. */
export function lintOrders(ids: string[], c: Case = {}) {
  const project = defineProject({
    name: 'orders',
    metrics: [requests, jobsQueued, pgUp],
    prometheus: {
      global: { externalLabels: { region: 'sa-east' } },
      scrapeJobs: [
        scrapeJob({ name: 'orders-api', targets: ['orders-api:8080'], labels: { cluster: 'sp1' } }),
        scrapeJob({ name: 'postgres', targets: ['postgres-exporter:9187'], labels: { cluster: 'sp1' } }),
      ],
    },
    ruleGroups: [ruleGroup({ name: 'orders', rules: c.alerts ?? [apiErrors, backlog, postgresDown] })],
    alertmanager: alertmanager({
      receivers: [
        receiver({ name: 'fallback' }),
        receiver({ name: 'orders-pagerduty', pagerduty: [{ routingKey: secretFile('/s/pd-orders') }] }),
        receiver({ name: 'orders-slack', slack: [{ channel: '#orders', apiUrl: secretFile('/s/slack') }] }),
        receiver({ name: 'platform-pagerduty', pagerduty: [{ routingKey: secretFile('/s/pd-platform') }] }),
      ].map((r) => c.receivers?.find((own) => own.name === r.name) ?? r),
      route: route({ ...c.root, receiver: 'fallback', routes: c.routes ?? teamRoutes }),
      inhibitRules: c.inhibitRules ?? [
        inhibitRule({ sourceMatchers: { alertname: 'PostgresDown' }, targetMatchers: { team: 'orders' }, equal: ['cluster'] }),
      ],
      ...(c.tests ? { tests: c.tests } : {}),
      ...(c.timeIntervals ? { timeIntervals: c.timeIntervals } : {}),
    }),
  });
  return runOn(project, CHECKS.filter((check) => ids.includes(check.id)));
}

export { inhibitRule, route, alert };
