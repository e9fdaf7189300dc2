/**
 * Rule groups that clash, as each configured output profile sees them: the findings name the paths
 * the profiles really write (thanos/rules/…, prometheus/rules/…), Mimir alone refuses only what
 * Mimir refuses (the same name twice in the namespace), and one clash is one finding, the most
 * specific one (rules/duplicate-group, dashboard/uid, output/portable-name), not also the generic
 * output/path-clash of the guard where the files are assembled.
 */
import { describe, expect, it } from 'vitest';
import {
  counter, dashboard, defineProject, files, mimir, prometheusOperator, ratePanel, record, ruleGroup, scrapeJob, slo, thanos,
  type Dashboard, type Output, type Project, type RuleGroup,
} from '../../src/index.js';
import { lint } from '../../src/app/synth.js';
import { base, requests as sloRequests } from '../slo/helpers.js';

const requests = counter({ name: 'app_requests_total', help: 'Requests.', labels: ['route'] });

function group(name: string, record_ = 'route:app_requests:rate5m'): RuleGroup {
  return ruleGroup({ name, rules: [record({ name: record_, expr: 'sum by (route) (rate(app_requests_total[5m]))' })] });
}

function project(parts: { groups?: RuleGroup[]; dashboards?: Dashboard[]; outputs?: Output[]; slos?: Array<[string, string]>; checks?: Record<string, string> }): Project {
  return defineProject({
    name: 'clashes',
    metrics: [requests, sloRequests],
    prometheus: { global: { scrapeInterval: '15s' }, scrapeJobs: [scrapeJob({ name: 'app', targets: ['app:8000'] })] },
    ruleGroups: parts.groups ?? [],
    dashboards: parts.dashboards ?? [],
    ...(parts.slos ? { slos: parts.slos.map(([service, name], i) => slo({ ...base, service, name, alerting: { ...base.alerting, name: `AppBudgetBurn${i}` } })) } : {}),
    ...(parts.outputs ? { outputs: parts.outputs } : {}),
    ...(parts.checks ? { lint: { checks: parts.checks as never } } : {}),
  });
}

/** Every clash finding `validate --offline` reports (the checks, and the guard on the files compiled regardless): `id › where: message`. */
function clashes(p: Project): string[] {
  return lint(p)
    .diagnostics.filter((d) => /^(rules\/duplicate-group|output\/path-clash|output\/portable-name|dashboard\/uid)$/.test(d.id))
    .map((d) => `${d.id} › ${d.path?.join(' › ')}: ${d.message}`);
}

describe('rules/duplicate-group names the rule files the configured profiles write', () => {
  const webs = [group('Web', 'a:app_requests:rate5m'), group('web')];

  it.each([
    ['thanos() alone', [thanos()], 'thanos/rules/web.yml'],
    ['files() alone', [files()], 'prometheus/rules/web.yml'],
    ['the default (files)', undefined, 'prometheus/rules/web.yml'],
    ['files() and thanos()', [files(), thanos()], 'prometheus/rules/web.yml and thanos/rules/web.yml'],
    ['thanos() and mimir()', [thanos(), mimir()], 'thanos/rules/web.yml'],
  ])('%s', (_, outputs, written) => {
    expect(clashes(project({ groups: webs, ...(outputs ? { outputs } : {}) }))).toEqual([`rules/duplicate-group › ruleGroups › web: rule groups "Web" and "web" would both be written to ${written}`]);
  });

  it('the SLO-aware findings name them too (a group of the definitions named like an SLO’s, with thanos() alone)', () => {
    const found = clashes(project({ slos: [['app', 'availability']], groups: [group('SLO-app-availability-alerts', 'a:app_requests:rate5m')], outputs: [thanos()] }));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^rules\/duplicate-group › ruleGroups › SLO-app-availability-alerts: rule groups "SLO-app-availability-alerts" and "slo-app-availability-alerts" \(both written to thanos\/rules\/slo-app-availability-alerts\.yml\): SLO "availability" of service "app" makes a group of that name/);
  });

  it('two SLOs of one name in services "A" and "a" (one path, slos › c): found as the SLOs’ clash, at both', () => {
    const found = clashes(project({ slos: [['A', 'c'], ['a', 'c']] }));
    expect(found).toHaveLength(2);
    for (const f of found) expect(f).toMatch(/^rules\/duplicate-group › slos › c › name: SLO "c" of service "(A|a)" and SLO "c" of service "(a|A)" .*both make rule groups "slo-A-c" and "slo-a-c" \(both written to prometheus\/rules\/slo-a-c\.yml\): an SLO's rule groups are named slo-<service>-<slo>$/);
  });
});

describe('mimir() alone refuses only what Mimir refuses: one group name twice in the namespace', () => {
  // mimirtool's RuleNamespace.Validate keys the groups of a namespace by their exact name.
  it.each([
    ['a b', 'a_b'],
    ['a b', 'a-b'],
    ['a.b', 'a_b'],
    ['Web', 'web'],
    ['WEB', 'web'],
    ['slo-x', 'SLO-x'],
  ])('"%s" and "%s" are two groups there: no finding', (a, b) => {
    expect(clashes(project({ groups: [group(a, 'a:app_requests:rate5m'), group(b)], outputs: [mimir()] }))).toEqual([]);
    expect(clashes(project({ groups: [group(a, 'a:app_requests:rate5m'), group(b)], outputs: [mimir(), prometheusOperator({ namespace: 'm' })] }))).toEqual([]);
  });

  it('the same name twice is refused', () => {
    expect(clashes(project({ groups: [group('web', 'a:app_requests:rate5m'), group('web')], outputs: [mimir()] }))).toEqual(['rules/duplicate-group › ruleGroups › web: rule group "web" is defined twice']);
  });

  it('what another configured profile would clash on is still refused', () => {
    const groups = [group('a b', 'a:app_requests:rate5m'), group('A-B')];
    expect(clashes(project({ groups, outputs: [mimir(), thanos()] }))).toEqual(['rules/duplicate-group › ruleGroups › A-B: rule groups "a b" and "A-B" would both be written to thanos/rules/a-b.yml']);
    expect(clashes(project({ groups, outputs: [mimir(), files()] }))).toEqual(['rules/duplicate-group › ruleGroups › A-B: rule groups "a b" and "A-B" would both be written to prometheus/rules/a-b.yml']);
  });
});

describe('one clash, one finding: the most specific', () => {
  const board = (uid: string) => dashboard({ title: `Board ${uid}`, uid, panels: [ratePanel(requests, { title: 'Rate' })] });

  it('two SLOs whose groups share names: the two SLO-aware findings only, no generic ones per group file', () => {
    const found = clashes(project({ slos: [['a-b', 'c'], ['a', 'b-c']] }));
    expect(found.map((f) => f.split(':')[0])).toEqual(['rules/duplicate-group › slos › c › name', 'rules/duplicate-group › slos › b-c › name']);
  });

  it('with thanos() too: still the two SLO-aware findings', () => {
    expect(clashes(project({ slos: [['a-b', 'c'], ['a', 'b-c']], outputs: [files(), thanos()] }))).toHaveLength(2);
  });

  it('a group of the definitions named like an SLO’s: the finding at the group only', () => {
    expect(clashes(project({ slos: [['app', 'availability']], groups: [group('slo-app-availability-alerts', 'a:app_requests:rate5m')] }))).toEqual([
      expect.stringMatching(/^rules\/duplicate-group › ruleGroups › slo-app-availability-alerts: the rule group "slo-app-availability-alerts": SLO "availability" of service "app" makes a group/),
    ]);
  });

  it('groups "X" and "x" with files() and thanos(): one finding, not a generic pair for each of the two rule files', () => {
    expect(clashes(project({ groups: [group('X', 'a:app_requests:rate5m'), group('x')], outputs: [files(), thanos()] }))).toEqual([
      'rules/duplicate-group › ruleGroups › x: rule groups "X" and "x" would both be written to prometheus/rules/x.yml and thanos/rules/x.yml',
    ]);
  });

  it('dashboards of one uid: dashboard/uid only; uids "Shop" and "shop": output/portable-name only', () => {
    expect(clashes(project({ dashboards: [board('shop'), board('shop')] }))).toEqual([expect.stringMatching(/^dashboard\/uid › dashboards › Board shop › uid: dashboards Board shop and Board shop have the same uid "shop"/)]);
    expect(clashes(project({ dashboards: [board('Shop'), board('shop')] }))).toEqual([expect.stringMatching(/^output\/portable-name › dashboards › Board shop › uid: dashboards Board Shop and Board shop would be written to grafana\/dashboards\/Shop\.json and grafana\/dashboards\/shop\.json/)]);
  });

  it('with the specific check off or only a warning, the guard still refuses: once per pair of definitions, at both', () => {
    const groups = [group('X', 'a:app_requests:rate5m'), group('x')];
    for (const setting of ['off', 'warning']) {
      const found = clashes(project({ groups, outputs: [files(), thanos()], checks: { 'rules/duplicate-group': setting } })).filter((f) => f.startsWith('output/path-clash'));
      expect(found, setting).toEqual([
        'output/path-clash › ruleGroups › X: rule groups "X" and "x" would both be written to prometheus/rules/x.yml: one would be lost',
        'output/path-clash › ruleGroups › x: rule groups "X" and "x" would both be written to prometheus/rules/x.yml: one would be lost',
      ]);
    }
    const boards = clashes(project({ dashboards: [board('Shop'), board('shop')], checks: { 'output/portable-name': 'warning' } }));
    expect(boards.filter((f) => f.startsWith('output/path-clash'))).toHaveLength(2);
  });
});
