import { describe, expect, it } from 'vitest';
import {
  alert, alertmanager, counter, defineProject, inhibitRule, rate, re, receiver, route, ruleGroup, scrapeJob, secretFile,
  type AlertmanagerDefinition, type Route,
} from '../../src/index.js';
import { defaultRouteAlerts } from '../../src/lint/alertmanager-select.js';
import { buildCheckContext } from '../../src/lint/context.js';
import { modelOf, runOn, templatesOption } from '../helpers/model.js';
import type { TemplateFileModel } from '../../src/model/alertmanager.js';

const errors = counter({ name: 'app_errors_total', help: 'Errors.', labels: ['service'] });
const annotations = { summary: 'Erros', description: 'Erros demais', runbook_url: 'https://runbooks/x' };
const rules = [
  alert({ name: 'Errors', expr: `sum by (service) (${rate(errors, '5m')}) > 1`, for: '5m', labels: { severity: 'critical' }, annotations }),
  alert({ name: 'SomeErrors', expr: `sum(${rate(errors, '5m')}) > 0.1`, for: '5m', labels: { severity: 'warning' }, annotations }),
];

const chat = receiver({ name: 'chat', slack: [{ apiUrl: secretFile('/s/slack'), channel: '#c', title: '{{ template "t.title" . }}' }] });
const pager = receiver({ name: 'pager', pagerduty: [{ routingKey: secretFile('/s/pd') }] });

function project(routes: Route<'chat' | 'pager'>[]): AlertmanagerDefinition {
  return alertmanager({
    receivers: [chat, pager],
    route: route({ receiver: 'chat', routes }),
    inhibitRules: [inhibitRule({ sourceMatchers: { severity: 'critical' }, targetMatchers: { severity: 'warning' }, equal: ['alertname'] })],
  });
}

function run(am: AlertmanagerDefinition, templates: TemplateFileModel[] = []) {
  const p = defineProject({
    name: 't',
    metrics: [errors],
    prometheus: { scrapeJobs: [scrapeJob({ name: 'app', targets: ['app:1'] })] },
    ruleGroups: [ruleGroup({ name: 'g', rules })],
    alertmanager: am,
  });
  const ids = ['alertmanager/unknown-receiver', 'alertmanager/unreachable-receiver', 'alertmanager/unmatched-route', 'alertmanager/unknown-template'];
  return { model: modelOf(p, templatesOption(templates)), diagnostics: runOn(p, ids, templatesOption(templates)) };
}

const template: TemplateFileModel = { name: 't.tmpl', source: 'templates/t.tmpl', content: '{{ define "t.title" }}x{{ end }}' };

describe('alertmanager checks', () => {
  it('are quiet on a sound configuration', () => {
    const { diagnostics } = run(project([route({ matchers: { severity: 'critical' }, receiver: 'pager' })]), [template]);
    expect(diagnostics).toEqual([]);
  });

  it('unmatched-route: a severity no alert sets', () => {
    const { diagnostics } = run(project([route({ matchers: { severity: 'page' }, receiver: 'pager' })]), [template]);
    const d = diagnostics.find((x) => x.id === 'alertmanager/unmatched-route');
    expect(d?.severity).toBe('warning');
    expect(d?.message).toBe(
      'route {severity="page"} matches no alert rule: no alert rule can produce severity="page": the alert rules set severity to "critical", "warning".',
    );
  });

  it('unmatched-route: a label no alert has, but not one the expression produces', () => {
    const team = run(project([route({ matchers: { team: 'ops' }, receiver: 'pager' })]), [template]).diagnostics;
    expect(team.map((d) => d.message)).toContain(
      'route {team="ops"} matches no alert rule: no alert rule can produce team="ops": no alert rule has a label team.',
    );
    const service = run(project([route({ matchers: { service: re('db|cache') }, receiver: 'pager' })]), [template]).diagnostics;
    expect(service.filter((d) => d.id === 'alertmanager/unmatched-route')).toEqual([]);
    const both = run(project([route({ matchers: { severity: 'warning', service: 'db' }, receiver: 'pager' })]), [template]).diagnostics;
    expect(both.map((d) => d.message).join('\n')).toContain('no single alert rule satisfies all of them');
  });

  it('unknown-template: a template no file defines', () => {
    const { diagnostics } = run(project([route({ matchers: { severity: 'critical' }, receiver: 'pager' })]));
    expect(diagnostics.map((d) => d.message)).toEqual([
      'receiver chat: slack[0].title uses template "t.title", which neither the template files nor Alertmanager 0.25 define.',
    ]);
  });

  it('unreachable-receiver and the count of alerts for the default route', () => {
    const { diagnostics, model } = run(project([]), [template]);
    expect(diagnostics.map((d) => `${d.id}: ${d.message}`)).toEqual([
      'alertmanager/unreachable-receiver: receiver pager is not named by any route: no alert reaches it',
    ]);
    expect(defaultRouteAlerts(buildCheckContext(model)).map((k) => k.alert.name)).toEqual(['Errors', 'SomeErrors']);
  });

  it('the alerts for the default route are followed once per context: a second ask (the summary after the check) gets the same list', () => {
    const { model } = run(project([route({ matchers: { severity: 'critical' }, receiver: 'pager' })]), [template]);
    const context = buildCheckContext(model);
    const first = defaultRouteAlerts(context);
    expect(first.length).toBeGreaterThan(0);
    expect(defaultRouteAlerts(context)).toBe(first);
    expect(defaultRouteAlerts(buildCheckContext(model))).toEqual(first);
  });

  it('unknown-receiver names the route and suggests the closest name', () => {
    const bad = route({ matchers: { severity: 'critical' }, receiver: 'pagr' }) as unknown as Route<'pager'>;
    const { diagnostics } = run(project([bad]), [template]);
    const d = diagnostics.find((x) => x.id === 'alertmanager/unknown-receiver');
    expect(d?.severity).toBe('error');
    expect(d?.message).toBe('a route names receiver "pagr", which is not defined. Did you mean "pager"?');
    expect(d?.path).toEqual(['alertmanager', 'route', 'routes[0]', 'receiver']);
  });
});
