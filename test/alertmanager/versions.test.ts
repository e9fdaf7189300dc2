// The Alertmanager side of the target versions (src/model/version-facts.ts): what the output writes
// that some Alertmanager releases lack (or read differently) is refused for a target that admits one.
import { describe, expect, it } from 'vitest';
import { execa } from 'execa';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { FIXTURES, runCli, tempDir } from '../helpers/cli.js';
import { findBinary, itWithBinaries } from '../helpers/tools.js';
import { atLeast } from '../../src/model/version-order.js';
import {
  alert, alertmanager, counter, defineProject, inhibitRule, rate, receiver, route, ruleGroup, scrapeJob, secretFile,
  type AlertmanagerOptions, type ProjectOptions, type Route,
} from '../../src/index.js';
import { lint, synth } from '../../src/app/synth.js';
import { formatMatcher } from '../../src/model/routing.js';
import { labelArgs } from '../../src/validate/routing-tests.js';
import { availability, FACTS } from '../../src/model/version-facts.js';

const errors = counter({ name: 'app_errors_total', help: 'Errors.', labels: ['service'] });
const annotations = { summary: 'Erros', description: 'Erros demais', runbook_url: 'https://runbooks/x' };
const rules = [alert({ name: 'Errors', expr: `sum by (service) (${rate(errors, '5m')}) > 1`, for: '5m', labels: { severity: 'critical' }, annotations })];
const chat = receiver({ name: 'chat', slack: [{ apiUrl: secretFile('/s/slack'), channel: '#c' }] });
const pager = receiver({ name: 'pager', pagerduty: [{ routingKey: secretFile('/s/pd') }] });

function project(routes: Route<'chat' | 'pager'>[], extra: Partial<AlertmanagerOptions> = {}, options: Partial<ProjectOptions> = {}) {
  return defineProject({
    name: 't',
    metrics: [errors],
    prometheus: { scrapeJobs: [scrapeJob({ name: 'app', targets: ['app:1'] })] },
    ruleGroups: [ruleGroup({ name: 'g', rules })],
    alertmanager: alertmanager({ receivers: [chat, pager], route: route({ receiver: 'chat', groupBy: ['alertname'], routes }), ...extra }),
    ...options,
  });
}

const versionFindings = (p: unknown) =>
  lint(p)
    .diagnostics.filter((d) => d.id === 'version/unsupported')
    .map((d) => ({ message: d.message, hint: d.hint, path: d.path?.join('.'), line: d.source?.line !== undefined }));

const schemaErrors = (p: unknown) => lint(p).diagnostics.filter((d) => d.id !== 'version/unsupported' && d.severity === 'error' && d.id === undefined);

const alertmanagerYml = (p: unknown) => synth(p).files['alertmanager/alertmanager.yml'] ?? '';

describe('version/unsupported: Alertmanager', () => {
  it('an empty groupBy on a route below the root: Alertmanager before 0.31 ignores it (the route keeps its parent’s grouping)', () => {
    const p = project([route({ matchers: { severity: 'critical' }, receiver: 'pager', groupBy: [] })]);
    expect(versionFindings(p)).toEqual([
      {
        message:
          'route.routes[0] uses an empty groupBy (group_by: [], no grouping below a grouping parent), which Alertmanager 0.25 (the target version, the default) does not have: it came in Alertmanager 0.31',
        hint: "if your Alertmanager is 0.31 or newer, set versions: { alertmanager: '0.31' } (or the release it runs, or '>=0.31') in defineProject or totem-mon.config.ts; otherwise remove it",
        path: 'alertmanager.route.routes[0].groupBy',
        line: true,
      },
    ]);
    expect(versionFindings(project([route({ matchers: { severity: 'critical' }, receiver: 'pager', groupBy: [] })], {}, { versions: { alertmanager: '0.31' } }))).toEqual([]);
    // `>=0.30` admits 0.30, which ignores it.
    expect(versionFindings(project([route({ matchers: { severity: 'critical' }, receiver: 'pager', groupBy: [] })], {}, { versions: { alertmanager: '>=0.30' } }))).toHaveLength(1);
  });

  it('an empty groupBy on the root, or a nested one: the root’s means no grouping in every release; nested routes are found too', () => {
    const root = defineProject({
      name: 't',
      metrics: [errors],
      prometheus: { scrapeJobs: [scrapeJob({ name: 'app', targets: ['app:1'] })] },
      ruleGroups: [ruleGroup({ name: 'g', rules })],
      alertmanager: alertmanager({ receivers: [chat, pager], route: route({ receiver: 'chat', groupBy: [], routes: [route({ matchers: { severity: 'critical' }, receiver: 'pager', groupBy: [] })] }) }),
    });
    // Below a root that groups by nothing, an ignored empty groupBy changes nothing either.
    expect(versionFindings(root)).toEqual([]);
    const nested = project([route({ matchers: { severity: 'critical' }, receiver: 'pager', routes: [route({ matchers: { service: 'a' }, groupBy: [] })] })]);
    expect(versionFindings(nested).map((f) => f.path)).toEqual(['alertmanager.route.routes[0].routes[0].groupBy']);
  });

  it('UTF-8 label names in a route’s matchers and groupBy need Alertmanager 0.27; the matcher is written with the name quoted', () => {
    const p = (versions?: ProjectOptions['versions']) =>
      project([route({ matchers: { 'k8s.namespace': 'shop' }, receiver: 'pager', groupBy: ['alertname', 'service.name'] })], {}, versions ? { versions } : {});
    expect(schemaErrors(p())).toEqual([]);
    expect(versionFindings(p()).map((f) => [f.path, f.message])).toEqual([
      [
        'alertmanager.route.routes[0].matchers.k8s.namespace',
        'route.routes[0] (matcher on "k8s.namespace") uses UTF-8 matchers and label names (the new matcher parser), which Alertmanager 0.25 (the target version, the default) does not have: it came in Alertmanager 0.27',
      ],
      [
        'alertmanager.route.routes[0].groupBy[1]',
        'route.routes[0] (groupBy "service.name") uses UTF-8 matchers and label names (the new matcher parser), which Alertmanager 0.25 (the target version, the default) does not have: it came in Alertmanager 0.27',
      ],
    ]);
    expect(versionFindings(p({ alertmanager: '0.26' }))).toHaveLength(2);
    expect(versionFindings(p({ alertmanager: '0.27' }))).toEqual([]);
    expect(versionFindings(p({ alertmanager: '>=0.27' }))).toEqual([]);
    const yml = alertmanagerYml(p({ alertmanager: '0.27' }));
    expect(yml).toContain(`- '"k8s.namespace"="shop"'`);
    expect(yml).toContain('- service.name');
  });

  it('UTF-8 label names in an inhibit rule: matchers from 0.27, equal from 0.28 (0.27 still read equal as classic names)', () => {
    const p = (versions?: ProjectOptions['versions']) =>
      project([], { inhibitRules: [inhibitRule({ sourceMatchers: { 'k8s.severity': 'critical' }, targetMatchers: { severity: 'warning' }, equal: ['k8s.cluster'] })] }, versions ? { versions } : {});
    expect(versionFindings(p()).map((f) => [f.path, f.message.replace(/, which .*: it came in/, ' … came in')])).toEqual([
      ['alertmanager.inhibitRules[0].sourceMatchers.k8s.severity', 'inhibitRules[0] (matcher on "k8s.severity") uses UTF-8 matchers and label names (the new matcher parser) … came in Alertmanager 0.27'],
      ['alertmanager.inhibitRules[0].equal[0]', 'inhibitRules[0] (equal "k8s.cluster") uses UTF-8 label names in an inhibit rule’s equal … came in Alertmanager 0.28'],
    ]);
    expect(versionFindings(p({ alertmanager: '0.27' })).map((f) => f.path)).toEqual(['alertmanager.inhibitRules[0].equal[0]']);
    expect(versionFindings(p({ alertmanager: '0.28' }))).toEqual([]);
  });

  it('a routing test with a UTF-8 label: Alertmanager before 0.27 refuses such an alert (amtool its argument); simulated all the same', () => {
    const p = (versions?: ProjectOptions['versions']) =>
      project(
        [route({ matchers: { 'k8s.namespace': 'shop' }, receiver: 'pager' })],
        {
          tests: [
            { name: 'shop pages', labels: { alertname: 'Errors', 'k8s.namespace': 'shop' }, receivers: ['pager'] },
            { name: 'others chat', labels: { alertname: 'Errors' }, alsoFiring: [{ labels: { 'k8s.cluster': 'b' } }], receivers: ['chat'] },
          ],
        },
        versions ? { versions } : {},
      );
    expect(versionFindings(p()).map((f) => f.path)).toEqual([
      'alertmanager.route.routes[0].matchers.k8s.namespace',
      'alertmanager.tests[0].labels.k8s.namespace',
      'alertmanager.tests[1].alsoFiring[0].labels.k8s.cluster',
    ]);
    const at27 = lint(p({ alertmanager: '0.27' })).diagnostics;
    expect(at27.filter((d) => d.id === 'version/unsupported' || d.id?.startsWith('tests/routing') || d.severity === 'error')).toEqual([]);
    expect(labelArgs({ 'k8s.namespace': 'shop', alertname: 'Errors' })).toEqual(['alertname="Errors"', '"k8s.namespace"="shop"']);
  });

  it('classic names stay unquoted in the output and raise nothing on the default target', () => {
    const p = project([route({ matchers: { severity: 'critical', team: 'db' }, receiver: 'pager', groupBy: ['alertname'] })]);
    expect(versionFindings(p)).toEqual([]);
    expect(alertmanagerYml(p)).toContain(`- severity="critical"`);
    expect(formatMatcher({ label: 'severity', op: '=', value: 'x' })).toBe('severity="x"');
    expect(formatMatcher({ label: 'k8s.ns', op: '=~', value: 'a|b' })).toBe('"k8s.ns"=~"a|b"');
    expect(formatMatcher({ label: 'say "hi"\\', op: '!=', value: '' })).toBe('"say \\"hi\\"\\\\"!=""');
  });

  it('label names Alertmanager refuses in every release stay refused: empty, reserved (__), not valid UTF-8', () => {
    for (const bad of ['', '__name', 'a\uD800b']) {
      const p = project([route({ matchers: { [bad]: 'x' }, receiver: 'pager' })], {}, { versions: { alertmanager: '0.28' } });
      expect(lint(p).diagnostics.some((d) => d.severity === 'error' && d.id !== 'version/unsupported')).toBe(true);
    }
  });

  it('the facts: every field totem-mon writes for Alertmanager is in the oldest release the facts know, or gated', () => {
    for (const id of ['timeIntervals', 'activeTimeIntervals', 'timeIntervalLocation', 'smtpPasswordFile', 'pagerdutyKeyFiles'] as const) {
      expect(availability(FACTS[id], '0.25')).toBe(true);
    }
    expect(availability(FACTS.timeIntervals, '0.23')).toBe(false);
    expect(availability(FACTS.emptyGroupBy, '0.x')).toBe(false);
    expect(availability(FACTS.emptyGroupBy, '0.31.2')).toBe(true);
  });
});

describe('the facts against the installed amtool', () => {
  itWithBinaries(['amtool'])('a quoted UTF-8 matcher name passes amtool from 0.27 on and fails before, as the gate says', async () => {
    const amtool = findBinary('amtool')!;
    const version = /version (\d+\.\d+)/.exec((await execa(amtool, ['--version'], { reject: false })).stdout + '')?.[1];
    expect(version).toBeDefined();
    const p = project([route({ matchers: { 'k8s.namespace': 'shop' }, receiver: 'pager', groupBy: ['alertname'] })], {}, { versions: { alertmanager: '0.27' } });
    const file = path.join(tempDir(), 'alertmanager.yml');
    writeFileSync(file, alertmanagerYml(p));
    const result = await execa(amtool, ['check-config', file], { timeout: 30_000, reject: false });
    expect(result.exitCode === 0).toBe(atLeast(version!, '0.27'));
    expect(versionFindings(p).length === 0).toBe(true);
    expect(versionFindings(project([route({ matchers: { 'k8s.namespace': 'shop' }, receiver: 'pager' })], {}, { versions: { alertmanager: version as '0.25' } })).length === 0).toBe(
      atLeast(version!, '0.27'),
    );
  });
});

describe('validate on a version-gated Alertmanager field', () => {
  itWithBinaries(['promtool', 'amtool'])('judges it for the installed amtool’s own release, and says so in the summary', async () => {
    const version = /version (\d+\.\d+)/.exec((await execa(findBinary('amtool')!, ['--version'], { reject: false })).stdout)![1]!;
    const r = await runCli(['validate', '--definitions', path.join(FIXTURES, 'alertmanager', 'version-gated')]);
    expect(r.stdout).toContain(`Alertmanager ${version} (installed)`);
    const finding = /error \[version\/unsupported\] .*version-gated\/index\.ts:17 › alertmanager › route › routes\[0\] › groupBy: .*/.exec(r.stdout)?.[0];
    if (atLeast(version, '0.31')) expect(finding).toBeUndefined();
    else expect(finding).toContain(`which Alertmanager ${version} (the target version, the installed tool) does not have: it came in Alertmanager 0.31`);
  }, 60_000);
});
