// #14 "Alertmanager meaning" and #12 item 4: checks that read the routing tree and inhibit rules
// against the declared alerts. Each: at least 3 fire and 2 quiet cases on the orders system.
import { describe, expect, it } from 'vitest';
import { re } from '../../src/index.js';
import { alert, apiErrors, backlog, inhibitRule, lintOrders, postgresDown, route, teamRoutes, totalBacklog } from './orders-project.js';

const only = (id: string, c: Parameters<typeof lintOrders>[1] = {}) => lintOrders([id], c);
const summary = (ds: ReturnType<typeof lintOrders>) => ds.map((d) => ({ severity: d.severity, message: d.message, hint: d.hint, path: d.path?.join(' › ') }));

describe('alertmanager/inhibit-unmatched', () => {
  const id = 'alertmanager/inhibit-unmatched';
  it('fires: a target alertname that no alert has, with did-you-mean', () => {
    const [d, ...rest] = only(id, { inhibitRules: [inhibitRule({ sourceMatchers: { alertname: 'PostgresDown' }, targetMatchers: { alertname: 'OrdersApiError' }, equal: ['cluster'] })] });
    expect(rest).toEqual([]);
    expect(summary([d!])).toEqual([
      {
        severity: 'warning',
        message:
          'inhibitRules[0]: the target {alertname="OrdersApiError"} matches no alert rule: no alert rule can produce alertname="OrdersApiError": ' +
          'the alert rules set alertname to "JobQueueBacklog", "OrdersApiErrors", "PostgresDown". Did you mean alertname="OrdersApiErrors"?',
        hint: 'fix the matcher (values are case-sensitive): as written, the rule mutes no alert of this project',
        path: 'alertmanager › inhibitRules[0] › targetMatchers',
      },
    ]);
    expect(d!.source?.file).toMatch(/alertmanager-meaning\.test\.ts$/);
  });
  it('fires: a source severity in the wrong case', () => {
    expect(only(id, { inhibitRules: [inhibitRule({ sourceMatchers: { severity: 'Critical' }, targetMatchers: { severity: 'warning' }, equal: ['cluster'] })] }).map((d) => d.message)).toEqual([
      'inhibitRules[0]: the source {severity="Critical"} matches no alert rule: no alert rule can produce severity="Critical": the alert rules set severity to "critical", "warning". Did you mean severity="critical"?',
    ]);
  });
  it('fires: a label no alert carries, on both sides, and matchers no single alert satisfies together', () => {
    const both = only(id, { inhibitRules: [inhibitRule({ sourceMatchers: { tier: 'db' }, targetMatchers: { team: 'orders', alertname: 'PostgresDown' } })] });
    expect(both.map((d) => d.message)).toEqual([
      'inhibitRules[0]: the source {tier="db"} matches no alert rule: no alert rule can produce tier="db": no alert rule has a label tier.',
      'inhibitRules[0]: the target {team="orders", alertname="PostgresDown"} matches no alert rule: no single alert rule satisfies all of them',
    ]);
  });
  it('quiet: both sides match declared alerts, also through a label the expression keeps', () => {
    expect(only(id)).toEqual([]);
    expect(only(id, { inhibitRules: [inhibitRule({ sourceMatchers: { alertname: 'PostgresDown' }, targetMatchers: { queue: re('emails|sms') }, equal: ['cluster'] })] })).toEqual([]);
  });
  it('quiet: no alerts declared at all (nothing to compare with)', () => {
    expect(only(id, { alerts: [] })).toEqual([]);
  });
});

describe('alertmanager/inhibit-equal', () => {
  const id = 'alertmanager/inhibit-equal';
  it('fires: a typo in equal (no alert carries it): every source mutes every target', () => {
    const [d, ...rest] = only(id, { inhibitRules: [inhibitRule({ sourceMatchers: { alertname: 'PostgresDown' }, targetMatchers: { team: 'orders' }, equal: ['clsuter'] })] });
    expect(rest).toEqual([]);
    expect(summary([d!])).toEqual([
      {
        severity: 'error',
        message:
          'inhibitRules[0]: equal label "clsuter" is carried by no alert on either side (sources: PostgresDown; targets: OrdersApiErrors, JobQueueBacklog): ' +
          'it is always equal (empty on both), so every source mutes every target everywhere. Did you mean "cluster"?',
        hint: 'name a label both sides carry (a rule label, a label the expressions keep, a scrape or external label)',
        path: 'alertmanager › inhibitRules[0] › equal[0]',
      },
    ]);
  });
  it('fires: a label only the source carries (the target aggregates it away): never equal', () => {
    const ds = only(id, {
      alerts: [apiErrors, postgresDown, totalBacklog],
      inhibitRules: [inhibitRule({ sourceMatchers: { alertname: 'PostgresDown' }, targetMatchers: { alertname: 'TotalBacklog' }, equal: ['cluster'] })],
    });
    expect(summary(ds)).toEqual([
      {
        severity: 'error',
        message: 'inhibitRules[0]: equal label "cluster" is carried by the source alerts but by no target alert (TotalBacklog): it is never equal, so the rule never mutes anything.',
        hint: 'keep "cluster" in the target alerts\' expressions (e.g. sum by (cluster, …)) or drop it from equal',
        path: 'alertmanager › inhibitRules[0] › equal[0]',
      },
    ]);
  });
  it('fires: a label only the target carries', () => {
    const ds = only(id, { inhibitRules: [inhibitRule({ sourceMatchers: { alertname: 'PostgresDown' }, targetMatchers: { alertname: 'JobQueueBacklog' }, equal: ['queue'] })] });
    expect(ds.map((d) => d.message)).toEqual([
      'inhibitRules[0]: equal label "queue" is carried by the target alerts but by no source alert (PostgresDown): it is never equal, so the rule never mutes anything.',
    ]);
  });
  it('quiet: scrape labels (cluster), external labels (region) and rule labels (team) count on both sides', () => {
    expect(only(id)).toEqual([]);
    expect(only(id, { inhibitRules: [inhibitRule({ sourceMatchers: { severity: 'critical' }, targetMatchers: { severity: 'warning' }, equal: ['region', 'team', 'cluster'] })] })).toEqual([]);
  });
  it('fires (warning): no equal at all, so every source mutes every target in every cluster, naming the labels both sides carry', () => {
    const [d, ...rest] = only(id, { inhibitRules: [inhibitRule({ sourceMatchers: { severity: 'critical' }, targetMatchers: { severity: 'warning' } })] });
    expect(rest).toEqual([]);
    expect(summary([d!])).toEqual([
      {
        severity: 'warning',
        message:
          'inhibitRules[0]: no equal labels: every source alert (OrdersApiErrors, PostgresDown) mutes every target alert (JobQueueBacklog) wherever they fire, ' +
          'one cluster or service down silencing all the others.',
        hint: "scope it with labels both sides carry: equal: ['cluster', 'region', 'team'] (or some of them); if one source really should mute every target, say so with ignore: { 'alertmanager/inhibit-equal': 'why' }",
        path: 'alertmanager › inhibitRules[0]',
      },
    ]);
  });
  it('fires (warning): no equal, suggesting only labels that can be equal (not alertname or severity, which differ)', () => {
    const ds = only(id, {
      alerts: [apiErrors, postgresDown, totalBacklog],
      inhibitRules: [inhibitRule({ sourceMatchers: { alertname: 'PostgresDown' }, targetMatchers: { alertname: 'TotalBacklog' } })],
    });
    // TotalBacklog keeps no cluster (sum without by): only the external label is on both sides.
    expect(ds.map((d) => [d.severity, d.hint])).toEqual([
      ['warning', "scope it with labels both sides carry: equal: ['region'] (or some of them); if one source really should mute every target, say so with ignore: { 'alertmanager/inhibit-equal': 'why' }"],
    ]);
  });
  it('quiet: no equal, silenced with ignore; and left to inhibit-self when one alert matches both sides', () => {
    const ignore = { 'alertmanager/inhibit-equal': 'a Postgres down anywhere mutes the orders team everywhere' };
    expect(only(id, { inhibitRules: [inhibitRule({ sourceMatchers: { alertname: 'PostgresDown' }, targetMatchers: { team: 'orders' }, ignore })] })).toEqual([]);
    expect(only(id, { inhibitRules: [inhibitRule({ sourceMatchers: { severity: 'critical' }, targetMatchers: { team: 'platform' } })] })).toEqual([]);
  });
  it('quiet: a rule whose matchers match nothing is left to inhibit-unmatched', () => {
    expect(only(id, { inhibitRules: [inhibitRule({ sourceMatchers: { alertname: 'Nope' }, targetMatchers: { team: 'orders' }, equal: ['clsuter'] })] })).toEqual([]);
  });
});

describe('alertmanager/inhibit-self', () => {
  const id = 'alertmanager/inhibit-self';
  it('fires: source and target the same severity, without equal', () => {
    const [d, ...rest] = only(id, { inhibitRules: [inhibitRule({ sourceMatchers: { severity: 'critical' }, targetMatchers: { team: 'platform' } })] });
    expect(rest).toEqual([]);
    expect(summary([d!])).toEqual([
      {
        severity: 'error',
        message:
          'inhibitRules[0]: alert PostgresDown matches both the source {severity="critical"} and the target {team="platform"}, and the rule has no equal labels: ' +
          'it would inhibit itself (Alertmanager skips that silently) and any other source mutes every target everywhere',
        hint: "make source and target different alerts (e.g. severity: 'critical' → severity: 'warning') and scope the rule with equal: ['alertname', 'cluster', …]",
        path: 'alertmanager › inhibitRules[0]',
      },
    ]);
  });
  it('fires: a regex source that includes the target, naming every alert on both sides', () => {
    const ds = only(id, { inhibitRules: [inhibitRule({ sourceMatchers: { severity: re('critical|warning') }, targetMatchers: { team: 'orders' } })] });
    expect(ds.map((d) => d.message)).toEqual([
      'inhibitRules[0]: alert OrdersApiErrors, JobQueueBacklog matches both the source {severity=~"critical|warning"} and the target {team="orders"}, and the rule has no equal labels: ' +
        'it would inhibit itself (Alertmanager skips that silently) and any other source mutes every target everywhere',
    ]);
  });
  it('fires: identical source and target matchers', () => {
    expect(only(id, { inhibitRules: [inhibitRule({ sourceMatchers: { alertname: 'PostgresDown' }, targetMatchers: { alertname: 'PostgresDown' } })] })).toHaveLength(1);
  });
  it('quiet: the same overlap with equal labels, and disjoint sides without', () => {
    expect(only(id, { inhibitRules: [inhibitRule({ sourceMatchers: { severity: 'critical' }, targetMatchers: { team: 'platform' }, equal: ['alertname', 'cluster'] })] })).toEqual([]);
    expect(only(id, { inhibitRules: [inhibitRule({ sourceMatchers: { severity: 'critical' }, targetMatchers: { severity: 'warning' } })] })).toEqual([]);
  });
  it('quiet: an overlap only through a label the expression gives (not certain)', () => {
    expect(only(id, { inhibitRules: [inhibitRule({ sourceMatchers: { alertname: 'JobQueueBacklog' }, targetMatchers: { queue: 'emails' } })] })).toEqual([]);
  });  it('fires with equal labels when every alert the rule selects matches both sides: it mutes nothing', () => {
    const same = inhibitRule({ sourceMatchers: { alertname: 'PostgresDown' }, targetMatchers: { alertname: 'PostgresDown' }, equal: ['cluster'] });
    const regex = inhibitRule({ sourceMatchers: { team: 'orders' }, targetMatchers: { severity: re('critical|warning'), team: 'orders' }, equal: ['cluster'] });
    expect(only(id, { inhibitRules: [same, regex] }).map((d) => d.message)).toEqual([
      'inhibitRules[0]: every alert it selects (PostgresDown) matches both the source {alertname="PostgresDown"} and the target {alertname="PostgresDown"}: ' +
        'Alertmanager never lets an alert that matches both sides mute another that does, so the rule mutes nothing',
      'inhibitRules[1]: every alert it selects (OrdersApiErrors, JobQueueBacklog) matches both the source {team="orders"} and the target {severity=~"critical|warning", team="orders"}: ' +
        'Alertmanager never lets an alert that matches both sides mute another that does, so the rule mutes nothing',
    ]);
  });
  it('quiet with equal labels when one alert is on one side only (it can mute, or be muted)', () => {
    expect(only(id, { inhibitRules: [inhibitRule({ sourceMatchers: { severity: 'critical' }, targetMatchers: { team: 'orders' }, equal: ['cluster'] })] })).toEqual([]);
    expect(only(id, { inhibitRules: [inhibitRule({ sourceMatchers: { team: 'orders' }, targetMatchers: { severity: 'warning' }, equal: ['cluster'] })] })).toEqual([]);
  });
});

describe('alertmanager/shadowed-route', () => {
  const id = 'alertmanager/shadowed-route';
  it('fires: a route without matchers before others', () => {
    const [d, ...rest] = only(id, { routes: [route({ receiver: 'orders-slack' }), ...teamRoutes] });
    expect(rest).toHaveLength(2);
    expect(summary([d!])).toEqual([
      {
        severity: 'error',
        message:
          'route {team="orders", severity="critical"} (routes[1]) is never reached: routes[0] (no matchers) before it takes every alert it would match and has no continue. ' +
          'It would have taken: OrdersApiErrors.',
        hint: "move it before routes[0], narrow routes[0]'s matchers, or give routes[0] continue: true if both should notify",
        path: 'alertmanager › route › routes[1]',
      },
    ]);
  });
  it('fires: a broader sibling first (team) shadows a narrower one (team and severity), also nested', () => {
    const broad = route({ matchers: { team: 'orders' }, receiver: 'orders-slack' });
    const narrow = route({ matchers: { team: 'orders', severity: 'critical' }, receiver: 'orders-pagerduty' });
    expect(only(id, { routes: [broad, narrow] }).map((d) => d.message)).toEqual([
      'route {team="orders", severity="critical"} (routes[1]) is never reached: routes[0] {team="orders"} before it takes every alert it would match and has no continue. It would have taken: OrdersApiErrors.',
    ]);
    const nested = route({ matchers: { team: 'orders' }, routes: [route({ matchers: { severity: re('critical|warning') }, receiver: 'orders-slack' }), route({ matchers: { severity: 'warning' }, receiver: 'orders-pagerduty' })] });
    expect(only(id, { routes: [nested] }).map((d) => d.message)).toEqual([
      'route {severity="warning"} (routes[0] › routes[1]) is never reached: routes[0] › routes[0] {severity=~"critical|warning"} before it takes every alert it would match and has no continue. It would have taken: JobQueueBacklog.',
    ]);
  });
  it('fires: a duplicate route, naming that no declared alert would reach it either', () => {
    const dup = route({ matchers: { team: 'billing' }, receiver: 'orders-slack' });
    expect(only(id, { routes: [...teamRoutes, dup, route({ matchers: { team: 'billing' }, receiver: 'orders-pagerduty' })] }).map((d) => d.message)).toEqual([
      'route {team="billing"} (routes[4]) is never reached: routes[3] {team="billing"} before it takes every alert it would match and has no continue. No declared alert would reach it either.',
    ]);
  });
  it('quiet: disjoint siblings, and the narrow one first', () => {
    expect(only(id)).toEqual([]);
    const narrow = route({ matchers: { team: 'orders', severity: 'critical' }, receiver: 'orders-pagerduty' });
    expect(only(id, { routes: [narrow, route({ matchers: { team: 'orders' }, receiver: 'orders-slack' })] })).toEqual([]);
  });
  it('quiet: the broad sibling has continue: true', () => {
    const broad = route({ matchers: { team: 'orders' }, receiver: 'orders-slack', continue: true });
    expect(only(id, { routes: [broad, ...teamRoutes] })).toEqual([]);
  });
});

describe('alertmanager/severity-mismatch', () => {
  const id = 'alertmanager/severity-mismatch';
  it('fires: a route testing Critical while the alerts say critical', () => {
    const [d, ...rest] = only(id, { routes: [route({ matchers: { severity: 'Critical' }, receiver: 'orders-pagerduty' }), ...teamRoutes] });
    expect(rest).toEqual([]);
    expect(summary([d!])).toEqual([
      {
        severity: 'error',
        message: 'route {severity="Critical"} tests severity "Critical", which no alert carries (the alerts use "critical", "warning"). Did you mean "critical"?',
        hint: 'severity values are case-sensitive and must be spelled as in the alerts: use one set of values everywhere',
        path: 'alertmanager › route › routes[0] › matchers',
      },
    ]);
  });
  it('fires: a misspelt value inside a regex alternative of an inhibit rule', () => {
    const ds = only(id, { inhibitRules: [inhibitRule({ sourceMatchers: { severity: re('critcal|page') }, targetMatchers: { severity: 'warning' }, equal: ['cluster'] })] });
    expect(ds.map((d) => d.message)).toEqual([
      'inhibitRules[0] source {severity=~"critcal|page"} tests severity "critcal", which no alert carries (the alerts use "critical", "warning"). Did you mean "critical"?',
      'inhibitRules[0] source {severity=~"critcal|page"} tests severity "page", which no alert carries (the alerts use "critical", "warning").',
    ]);
    expect(ds[0]?.path).toEqual(['alertmanager', 'inhibitRules[0]', 'sourceMatchers']);
  });
  it('fires: an alert whose severity is a variant of what the routes test', () => {
    const shouting = alert({ ...backlog, labels: { severity: 'Warning', team: 'orders' } });
    const ds = only(id, { alerts: [apiErrors, shouting, postgresDown] });
    expect(summary(ds)).toEqual([
      {
        severity: 'error',
        message: 'alert JobQueueBacklog has severity "Warning", but the routes and inhibit rules test "critical", "warning": no severity route takes it. Did you mean "warning"?',
        hint: 'severity values are case-sensitive and must be spelled as in the routes',
        path: 'ruleGroups › orders › rules › JobQueueBacklog › labels › severity',
      },
    ]);
  });
  it('quiet: one set of values everywhere, literal regex alternatives included', () => {
    expect(only(id)).toEqual([]);
    expect(only(id, { routes: [route({ matchers: { severity: re('critical|warning') }, receiver: 'orders-slack' })] })).toEqual([]);
  });
  it('quiet: routes that do not test severity, and regexes that are not literal lists', () => {
    expect(only(id, { routes: [route({ matchers: { team: 'orders' }, receiver: 'orders-slack' })] })).toEqual([]);
    expect(only(id, { routes: [route({ matchers: { severity: re('crit.*') }, receiver: 'orders-slack' })] })).toEqual([]);
  });
});

describe('tests/routing-labels', () => {
  const id = 'tests/routing-labels';
  it('fires: an alertname copied with a typo', () => {
    const [d, ...rest] = only(id, { tests: [{ name: 'api errors page', labels: { alertname: 'OrdersApiError', severity: 'critical', team: 'orders' }, receivers: ['orders-pagerduty'] }] });
    expect(rest).toEqual([]);
    expect(summary([d!])).toEqual([
      {
        severity: 'warning',
        message: 'routing test "api errors page": labels look like a typo of what the alerts carry: alertname="OrdersApiError": did you mean "OrdersApiErrors"?',
        hint: 'name the alert definition instead of copying its labels: { alert: myAlert, labels: { …series labels } }',
        path: 'alertmanager › tests[0]',
      },
    ]);
  });
  it('fires: a value in another case and a label name one letter off, in the company too', () => {
    const ds = only(id, {
      tests: [
        {
          name: 'postgres mutes the api',
          alert: apiErrors,
          labels: { cluster: 'sp1' },
          alsoFiring: [{ labels: { alertname: 'PostgresDown', severity: 'Critical', tem: 'platform' } }],
          receivers: [],
        },
      ],
    });
    expect(ds.map((d) => d.message)).toEqual([
      'routing test "postgres mutes the api": alsoFiring[0] labels look like a typo of what the alerts carry: severity="Critical": did you mean "critical"?; label tem: did you mean team?',
    ]);
  });
  it('fires: a test that names an alert the project does not declare', () => {
    const stray = alert({ ...postgresDown, name: 'PostgresDownOld' });
    expect(only(id, { tests: [{ alert: stray, receivers: ['platform-pagerduty'] }] }).map((d) => d.message)).toEqual([
      'routing test "PostgresDownOld": names alert PostgresDownOld, which no rule group of the project declares',
    ]);
  });
  it('quiet: alerts named by their definitions, and exact labels', () => {
    expect(only(id, { tests: [{ alert: backlog, labels: { cluster: 'sp1', queue: 'emails' }, receivers: ['orders-slack'] }] })).toEqual([]);
    expect(only(id, { tests: [{ labels: { alertname: 'PostgresDown', severity: 'critical', team: 'platform' }, receivers: ['platform-pagerduty'] }] })).toEqual([]);
  });
  it('quiet: labels of an alert that is not declared here and resembles nothing (e.g. from another Prometheus)', () => {
    expect(only(id, { tests: [{ labels: { alertname: 'Watchdog', severity: 'none' }, receivers: ['fallback'] }] })).toEqual([]);
  });
});
