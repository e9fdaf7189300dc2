// Composition: a project assembled from team modules, and defaults shared by many alerts (group
// labels, alertDefaults), written out in the model so the generated files are explicit.
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { FIXTURES, runCli } from '../helpers/cli.js';
import { itWithBinaries } from '../helpers/tools.js';
import { fromDefinitions, fromProject } from '../../src/app/stages.js';
import {
  alert, alertmanager, counter, defineProject, receiver, record, route, ruleGroup, scrapeJob, secretFile, team,
} from '../../src/index.js';
import type { AlertDefaults, Project, Team } from '../../src/index.js';
import type { Diagnostic } from '../../src/diagnostic.js';

const withTools = itWithBinaries(['promtool', 'amtool']);
const TEAMS = path.join(FIXTURES, 'api', 'teams');

interface RuleFile {
  groups: Array<{ name: string; rules: Array<{ alert?: string; record?: string; for?: string; labels?: Record<string, string>; annotations?: Record<string, string> }> }>;
}
interface AmRoute {
  receiver?: string;
  matchers?: string[];
  routes?: AmRoute[];
}

describe('two teams in two files (fixture api/teams)', () => {
  it('generate: each team’s alerts carry its labels, its route is made from its receivers and labels', async () => {
    const result = await fromDefinitions({ definitions: TEAMS });
    expect(result.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
    const file = (p: string) => parse(result.files!.find((f) => f.path === p)!.content) as unknown;
    const payments = (file('prometheus/rules/payments.yml') as RuleFile).groups[0]!.rules;
    expect(payments.map((r) => [r.alert, r.labels, r.for, r.annotations?.['runbook_url']])).toEqual([
      ['PaymentsFailing', { team: 'payments', severity: 'critical' }, '5m', 'https://runbooks.example.com/payments'],
      ['PaymentsQueued', { team: 'payments', severity: 'warning' }, '5m', 'https://runbooks.example.com/payments'],
    ]);
    const orders = (file('prometheus/rules/orders.yml') as RuleFile).groups[0]!.rules;
    // Group labels reach every rule; the team's labels and defaults only its alerts.
    expect(orders.map((r) => [r.alert ?? r.record, r.labels, r.for])).toEqual([
      ['route:shop_order_requests:error_ratio5m', { service: 'orders' }, undefined],
      ['OrdersFailing', { team: 'orders', service: 'orders', severity: 'warning' }, '10m'],
    ]);
    const am = file('alertmanager/alertmanager.yml') as { route: AmRoute; receivers: Array<{ name: string }> };
    expect(am.route.routes).toEqual([
      { receiver: 'orders-chat', matchers: ['team="orders"'] },
      { receiver: 'payments-chat', matchers: ['team="payments"'], routes: [{ receiver: 'payments-pager', matchers: ['severity="critical"'] }] },
    ]);
    expect(am.receivers.map((r) => r.name)).toEqual(['fallback', 'orders-chat', 'payments-pager', 'payments-chat']);
    expect(result.files!.map((f) => f.path)).toContain('grafana/dashboards/payments.json');
  });

  withTools('validate: 0 errors, 0 warnings with promtool and amtool (the teams’ unit and routing tests pass)', async () => {
    const { code, stdout, stderr } = await runCli(['validate', '--definitions', TEAMS]);
    expect(stdout + stderr).toContain('0 errors, 0 warnings');
    expect(stdout).toContain('amtool');
    expect(code).toBe(0);
  });
});

// ── in memory: precedence, recording rules, routing tests and refusals ────────────────────────

const requests = counter({ name: 'app_requests_total', help: 'requests', labels: ['route'] });
const texts = { summary: 'Slow', description: 'Slow', runbook_url: 'https://runbooks.example.com/slow' };

function run(project: Project) {
  return fromProject(project, { entry: 'index.ts', templates: () => ({ templates: [], diagnostics: [] }) });
}
const errorsOf = (ds: readonly Diagnostic[]) => ds.filter((d) => d.severity === 'error').map((d) => [d.id, d.path?.join(' › '), d.message]);

function projectWith(teams: Team[], extra: Partial<Parameters<typeof defineProject>[0]> = {}): Project {
  const fallback = receiver({ name: 'fallback', webhook: [{ url: 'http://alerts.example.com/fallback' }] });
  return defineProject({
    name: 'app',
    metrics: [requests],
    prometheus: { scrapeJobs: [scrapeJob({ name: 'app', targets: ['app:8000'] })] },
    alertmanager: alertmanager({ receivers: [fallback], route: route({ receiver: 'fallback' }) }),
    teams,
    ...extra,
  });
}

describe('defaults: the alert’s own value wins, then its group’s, then its team’s', () => {
  const shared: AlertDefaults = { for: '15m', keepFiringFor: '5m', labels: { page: 'no', tier: 'team' }, annotations: { dashboard: 'team', runbook_url: 'https://runbooks.example.com/team' } };
  const own = alert({ name: 'Own', expr: `${requests} > 1`, for: '1m', labels: { severity: 'warning', tier: 'alert' }, annotations: texts });
  const plain = alert({ name: 'Plain', expr: `${requests} > 2`, labels: { severity: 'info' }, annotations: { summary: 'x', description: 'y' } });
  const recorded = record({ name: 'route:app_requests:sum', expr: `sum by (route) (${requests})`, labels: { tier: 'record' } });
  const t = team({
    name: 'web',
    labels: { team: 'web', tier: 'team-label' },
    alertDefaults: shared,
    ruleGroups: [ruleGroup({ name: 'web', labels: { tier: 'group', zone: 'a' }, alertDefaults: { for: '10m', annotations: { dashboard: 'group' } }, rules: [own, plain, recorded] })],
  });
  const model = run(projectWith([t])).model!;
  const rules = model.ruleGroups[0]!.rules;
  const byName = (n: string) => rules.find((r) => r.name === n)!;

  it('labels', () => {
    expect(byName('Own').labels).toEqual({ page: 'no', team: 'web', tier: 'alert', zone: 'a', severity: 'warning' });
    expect(byName('Plain').labels).toEqual({ page: 'no', team: 'web', tier: 'group', zone: 'a', severity: 'info' });
  });

  it('for, keepFiringFor and annotations', () => {
    const o = byName('Own');
    const p = byName('Plain');
    expect(o.kind === 'alert' && [o.for, o.keepFiringFor, o.annotations]).toEqual([
      '1m', '5m', { dashboard: 'group', runbook_url: 'https://runbooks.example.com/slow', summary: 'Slow', description: 'Slow' },
    ]);
    expect(p.kind === 'alert' && [p.for, p.annotations]).toEqual(['10m', { dashboard: 'group', runbook_url: 'https://runbooks.example.com/team', summary: 'x', description: 'y' }]);
  });

  it('recording rules get the group’s labels, not the team’s or the alert defaults', () => {
    expect(byName('route:app_requests:sum').labels).toEqual({ zone: 'a', tier: 'record' });
  });

  it('a project without teams: group labels and defaults apply the same way', () => {
    const group = ruleGroup({ name: 'g', labels: { zone: 'b' }, alertDefaults: { for: '3m' }, rules: [plain] });
    const m = run(projectWith([], { ruleGroups: [group] })).model!;
    const rule = m.ruleGroups[0]!.rules[0]!;
    expect(rule.kind === 'alert' && [rule.labels, rule.for]).toEqual([{ zone: 'b', severity: 'info' }, '3m']);
  });
});

describe('team routes and routing tests', () => {
  const slow = alert({ name: 'SlowRequests', expr: `${requests} > 1`, for: '5m', labels: { severity: 'critical' }, annotations: texts });
  const chat = receiver({ name: 'web-chat', webhook: [{ url: 'http://alerts.example.com/web' }] });
  const pager = receiver({ name: 'web-pager', webhook: [{ url: 'http://alerts.example.com/pager' }] });

  it('a routing test naming a team alert sees the team’s labels, and the team route takes it', () => {
    const t = team({
      name: 'web',
      labels: { team: 'web' },
      ruleGroups: [ruleGroup({ name: 'web', rules: [slow] })],
      receivers: [chat, pager],
      routes: [route({ matchers: { severity: 'critical' }, receiver: 'web-pager' })],
      tests: [{ alert: slow, receivers: ['web-pager'] }],
    });
    const result = run(projectWith([t]));
    expect(errorsOf(result.diagnostics)).toEqual([]);
    const test = result.model!.alertmanager!.tests[0]!;
    expect([test.alert, test.labels]).toEqual(['SlowRequests', { team: 'web', severity: 'critical', alertname: 'SlowRequests' }]);
    // The team's first receiver is its route's receiver when it names none.
    expect(result.model!.alertmanager!.route.routes[0]).toMatchObject({ receiver: 'web-chat', matchers: [{ label: 'team', op: '=', value: 'web' }] });
  });

  it('team routes come first, before the project’s own routes', () => {
    const ops = receiver({ name: 'ops', webhook: [{ url: 'http://alerts.example.com/ops' }] });
    const project = projectWith([team({ name: 'web', labels: { team: 'web' }, ruleGroups: [ruleGroup({ name: 'web', rules: [slow] })], receivers: [chat] })], {
      alertmanager: alertmanager({
        receivers: [ops],
        route: route({ receiver: 'ops', routes: [route({ matchers: { severity: 'critical' }, receiver: 'ops' })] }),
      }),
    });
    const routes = run(project).model!.alertmanager!.route.routes;
    expect(routes.map((r) => r.receiver)).toEqual(['web-chat', 'ops']);
  });

  it('team routes may only name the team’s receivers (types)', () => {
    team({
      name: 'web',
      labels: { team: 'web' },
      receivers: [chat],
      // @ts-expect-error 'ops' is not a receiver of the team
      routes: [route({ matchers: { severity: 'critical' }, receiver: 'ops' })],
    });
    // @ts-expect-error nor its default receiver
    team({ name: 'web', labels: { team: 'web' }, receivers: [chat], receiver: 'web-pager' });
  });
});

describe('refused team definitions', () => {
  it('a team without labels', () => {
    const result = run(projectWith([team({ name: 'web', labels: {} })]));
    expect(errorsOf(result.diagnostics)).toEqual([['schema', 'teams › web › labels', 'a team needs at least one label']]);
  });

  it('team receivers without a project Alertmanager', () => {
    const chat = receiver({ name: 'web-chat', webhook: [{ url: 'http://alerts.example.com/web' }] });
    const project = defineProject({
      name: 'app',
      metrics: [requests],
      prometheus: { scrapeJobs: [scrapeJob({ name: 'app', targets: ['app:8000'] })] },
      teams: [team({ name: 'web', labels: { team: 'web' }, receivers: [chat] })],
    });
    expect(errorsOf(run(project).diagnostics)).toEqual([['schema', 'teams › web › receivers', 'team web has receivers, but the project has no alertmanager']]);
  });

  it('a literal secret in a team receiver, as in the Alertmanager’s', () => {
    const leaky = receiver({ name: 'web-pd', pagerduty: [{ routingKey: secretFile('/etc/am/pd') }] });
    const raw = { ...leaky, pagerduty: [{ routingKey: '0123456789abcdef0123456789abcdef' }] };
    const result = run(projectWith([{ ...team({ name: 'web', labels: { team: 'web' } }), receivers: [raw] } as unknown as Team]));
    expect(errorsOf(result.diagnostics).map(([id, p]) => [id, p])).toEqual([['schema', 'teams › web › receivers › web-pd › pagerduty[0] › routingKey']]);
  });
});
