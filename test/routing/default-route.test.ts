// #12 item 2: a typo in a routing label is silent in Alertmanager. Every alert that only the root
// route takes is named (warning; error with --strict or when the root is declared unexpectedOnly),
// in text, json and github reports, with a "did you mean".
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  alert, alertmanager, counter, defineProject, rate, re, receiver, route, ruleGroup, scrapeJob, secretFile,
  type AlertRule, type Route,
} from '../../src/index.js';
import { CHECKS } from '../../src/lint/index.js';
import { jsonReportSchema } from '../../src/report/json.js';
import { FIXTURES, runCli } from '../helpers/cli.js';
import { runOn } from '../helpers/model.js';

const failed = counter({ name: 'orders_failed_total', help: 'Failed orders.', labels: ['reason'] });
const annotations = { summary: 'Orders failing', description: 'Orders fail: {{ $labels.reason }}', runbook_url: 'https://runbooks.example.com/' };
const ordersAlert = (name: string, labels: AlertRule['labels'], expr = `sum by (reason) (${rate(failed, '5m')}) > 1`) =>
  alert({ name: name, expr, for: '5m', labels, annotations });

type Names = 'fallback' | 'orders-pager' | 'orders-chat';
function check(rules: AlertRule[], routes: Route<Names>[], extra: { unexpectedOnly?: boolean } = {}) {
  const project = defineProject({
    name: 'orders',
    metrics: [failed],
    prometheus: { scrapeJobs: [scrapeJob({ name: 'orders', targets: ['orders:8080'] })] },
    ruleGroups: [ruleGroup({ name: 'orders', rules })],
    alertmanager: alertmanager({
      receivers: [
        receiver({ name: 'fallback' }),
        receiver({ name: 'orders-pager', pagerduty: [{ routingKey: secretFile('/s/pd') }] }),
        receiver({ name: 'orders-chat', slack: [{ channel: '#orders', apiUrl: secretFile('/s/slack') }] }),
      ],
      route: route({ receiver: 'fallback', ...extra, routes }),
    }),
  });
  return runOn(project, CHECKS.filter((c) => c.id === 'alertmanager/default-route'));
}

const byTeam = [
  route({ matchers: { team: 'orders', severity: 'critical' }, receiver: 'orders-pager' }),
  route({ matchers: { team: 'orders', severity: 'warning' }, receiver: 'orders-chat' }),
];

describe('alertmanager/default-route', () => {
  it('fires: a team value one letter off, with did-you-mean and the alert location', () => {
    const [d, ...rest] = check([ordersAlert('OrdersFailing', { severity: 'critical', team: 'order' })], byTeam);
    expect(rest).toEqual([]);
    expect(d).toMatchObject({
      id: 'alertmanager/default-route',
      severity: 'warning',
      message:
        'alert OrdersFailing reaches only the root route (receiver fallback): no route below the root matches ' +
        '{alertname="OrdersFailing", severity="critical", team="order"}. Did you mean team="orders" instead of team="order"?',
      path: ['ruleGroups', 'orders', 'rules', 'OrdersFailing', 'labels'],
    });
    expect(d?.source?.file).toMatch(/default-route\.test\.ts$/);
  });

  it('fires: a severity in the wrong case, and a label name typo', () => {
    const caseOnly = check([ordersAlert('OrdersFailing', { severity: 'Critical', team: 'orders' })], byTeam);
    expect(caseOnly.map((d) => d.message)).toEqual([
      'alert OrdersFailing reaches only the root route (receiver fallback): no route below the root matches ' +
        '{alertname="OrdersFailing", severity="Critical", team="orders"}. Did you mean severity="critical" instead of severity="Critical"?',
    ]);
    const labelName = check([ordersAlert('OrdersFailing', { severity: 'critical', teem: 'orders' })], byTeam);
    expect(labelName.map((d) => d.message)).toEqual([
      'alert OrdersFailing reaches only the root route (receiver fallback): no route below the root matches ' +
        '{alertname="OrdersFailing", severity="critical", teem="orders"}. Did you mean label team instead of teem?',
    ]);
  });

  it('fires: an alert no route expects at all, named without a suggestion; an error when the root is unexpectedOnly', () => {
    const rules = [ordersAlert('DiskAlmostFull', { severity: 'warning' }), ordersAlert('OrdersFailing', { severity: 'critical', team: 'orders' })];
    const warned = check(rules, byTeam);
    expect(warned.map((d) => [d.severity, d.message])).toEqual([
      ['warning', 'alert DiskAlmostFull reaches only the root route (receiver fallback): no route below the root matches {alertname="DiskAlmostFull", severity="warning"}.'],
    ]);
    const strict = check(rules, byTeam, { unexpectedOnly: true });
    expect(strict.map((d) => d.severity)).toEqual(['error']);
    expect(strict[0]?.message).toContain('and the root receiver is for unexpected alerts only (unexpectedOnly: true)');
    expect(strict[0]?.hint).toBe('fix the alert labels or add a route for it: every declared alert must be routed below the root');
  });

  it('quiet: every alert routed, including by a label its expression gives (any value may match)', () => {
    expect(check([ordersAlert('OrdersFailing', { severity: 'critical', team: 'orders' })], byTeam)).toEqual([]);
    const byReason = [route({ matchers: { reason: re('card|stock') }, receiver: 'orders-pager' })];
    expect(check([ordersAlert('OrdersFailing', { severity: 'critical' })], byReason)).toEqual([]);
  });

  it('quiet: a root with no routes below it sends everything to one receiver on purpose', () => {
    expect(check([ordersAlert('OrdersFailing', { severity: 'critical' })], [])).toEqual([]);
  });
});

describe('the default route in the reports', () => {
  const fixture = path.join(FIXTURES, 'routing/typo-team');

  it('text: named in the finding and the summary; the routing test that names the alert breaks', async () => {
    const r = await runCli(['validate', '--definitions', fixture, '--offline']);
    expect(r.stdout).toMatch(/^warning \[alertmanager\/default-route\] typo-team\/index\.ts:11 › ruleGroups › payments › rules › PaymentsFailing › labels: alert PaymentsFailing reaches only the root route \(receiver fallback\).*Did you mean team="payments" instead of team="payment"\?$/m);
    expect(r.stdout).toContain('(1 alert to the default route: PaymentsFailing)');
    expect(r.stdout).toMatch(/error \[tests\/routing\] .*routing test "PaymentsFailing provider=acme": expected payments-pagerduty, got fallback/);
    expect(r.stdout).toMatch(/warning \[alertmanager\/unmatched-route\] .*route \{team="payments"\} matches no alert rule: .* Did you mean team="payment"\?/);
  });

  it('json: the report carries the default-route alerts by name (schema-checked)', async () => {
    const r = await runCli(['validate', '--definitions', fixture, '--offline', '--format', 'json']);
    const report = jsonReportSchema.parse(JSON.parse(r.stdout));
    expect(report.defaultRoute).toMatchObject({
      receiver: 'fallback',
      unexpectedOnly: false,
      alerts: [{ alert: 'PaymentsFailing', labels: { alertname: 'PaymentsFailing', severity: 'critical', team: 'payment' }, path: ['ruleGroups', 'payments', 'rules', 'PaymentsFailing'] }],
    });
    expect(report.defaultRoute?.alerts[0]?.location?.file).toBe('typo-team/index.ts');
    expect(report.diagnostics.find((d) => d.id === 'alertmanager/default-route')?.severity).toBe('warning');
  });

  it('github: a warning annotation at the alert', async () => {
    const r = await runCli(['validate', '--definitions', fixture, '--offline', '--format', 'github']);
    expect(r.stdout).toMatch(/^::warning file=typo-team\/index\.ts,line=11,col=\d+,title=alertmanager\/default-route::.*alert PaymentsFailing reaches only the root route/m);
  });

  it('--strict turns the warning (and every other warning) into an error', async () => {
    const r = await runCli(['validate', '--definitions', fixture, '--offline', '--strict', '--format', 'json']);
    const report = jsonReportSchema.parse(JSON.parse(r.stdout));
    expect(r.code).toBe(1);
    expect(report.diagnostics.filter((d) => d.severity === 'warning')).toEqual([]);
    expect(report.diagnostics.find((d) => d.id === 'alertmanager/default-route')?.severity).toBe('error');
  });

  it('unexpectedOnly on the root: an error, and generate refuses', async () => {
    process.env['TYPO_TEAM_UNEXPECTED_ONLY'] = '1';
    try {
      const r = await runCli(['validate', '--definitions', fixture, '--offline', '--format', 'json']);
      const report = jsonReportSchema.parse(JSON.parse(r.stdout));
      expect(report.defaultRoute?.unexpectedOnly).toBe(true);
      expect(report.diagnostics.find((d) => d.id === 'alertmanager/default-route')?.severity).toBe('error');
    } finally {
      delete process.env['TYPO_TEAM_UNEXPECTED_ONLY'];
    }
  });

  it('unexpectedOnly is refused below the root', () => {
    const bad = route({ receiver: 'fallback', routes: [route({ matchers: { team: 'x' }, receiver: 'fallback', unexpectedOnly: true })] });
    const project = defineProject({
      name: 'x',
      metrics: [failed],
      prometheus: { scrapeJobs: [] },
      alertmanager: alertmanager({ receivers: [receiver({ name: 'fallback' })], route: bad }),
    });
    expect(() => runOn(project, [])).toThrow(/unexpectedOnly is for the root route/);
  });
});

describe('alertmanager/default-route through a team route', () => {
  // team="orders" has no receiver of its own: an orders alert whose severity none of its routes
  // test falls through to the root's receiver.
  const nested = [
    route({
      matchers: { team: 'orders' },
      routes: [
        route({ matchers: { severity: 'critical' }, receiver: 'orders-pager' }),
        route({ matchers: { severity: 'warning' }, receiver: 'orders-chat' }),
      ],
    }),
  ] as Route<Names>[];

  it('fires: a severity typo under the team route, naming the route it falls through', () => {
    expect(check([ordersAlert('OrdersFailing', { severity: 'critcal', team: 'orders' })], nested).map((d) => d.message)).toEqual([
      "alert OrdersFailing reaches only the root's receiver fallback: routes[0] {team=\"orders\"} takes it because none of the routes below it match " +
        '{alertname="OrdersFailing", severity="critcal", team="orders"}, and has no receiver of its own. Did you mean severity="critical" instead of severity="critcal"?',
    ]);
  });

  it('quiet: a team route with a receiver of its own is the team default, not a fall-through', () => {
    const withOwn = [route({ ...nested[0]!, receiver: 'orders-chat' })] as Route<Names>[];
    expect(check([ordersAlert('OrdersFailing', { severity: 'info', team: 'orders' })], withOwn)).toEqual([]);
  });

  it('quiet: a severity the expression gives may match a route below', () => {
    const bySeverityLabel = ordersAlert('OrdersFailing', { severity: 'critical', team: 'orders' }, `sum by (reason) (${rate(failed, '5m')}) > 1`);
    const byReason = [route({ matchers: { team: 'orders' }, routes: [route({ matchers: { reason: 'card' }, receiver: 'orders-pager' })] })] as Route<Names>[];
    expect(check([bySeverityLabel], byReason)).toEqual([]);
  });
});
