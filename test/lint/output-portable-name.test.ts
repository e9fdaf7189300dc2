/**
 * Issue 13, portability: an output file name that only differs in case from another (one file on
 * macOS and Windows), or that Windows reserves (con, aux, nul, com1, lpt1… with any extension), is
 * refused where it comes from: the rule group, the dashboard uid, the template file.
 */
import { describe, expect, it } from 'vitest';
import {
  alertmanager, counter, dashboard, defineProject, files, grafanaOperator, grafanaSidecar, mimir, prometheusOperator, ratePanel, receiver, record,
  route, ruleGroup, scrapeJob, thanos, type Dashboard, type Project, type RuleGroup,
} from '../../src/index.js';
import { outputPortableName } from '../../src/lint/output-portable-name.js';
import { modelOf, runOn } from '../helpers/model.js';
import { rulesDuplicateGroup } from '../../src/lint/rules-duplicate-group.js';
import { outputPathClash } from '../../src/lint/output-path-clash.js';
import { compileOutputs, filesForTools } from '../../src/app/outputs.js';

const requests = counter({ name: 'app_requests_total', help: 'Requests.', labels: ['route'] });

function group(name: string): RuleGroup {
  return ruleGroup({ name, rules: [record({ name: 'route:app_requests:rate5m', expr: 'sum by (route) (rate(app_requests_total[5m]))' })] });
}

function board(title: string, uid?: string): Dashboard {
  return dashboard({ title, ...(uid ? { uid } : {}), panels: [ratePanel(requests, { title: 'Rate' })] });
}

function project(parts: { groups?: RuleGroup[]; dashboards?: Dashboard[]; templates?: boolean }): Project {
  return defineProject({
    name: 'portable',
    metrics: [requests],
    prometheus: { global: { scrapeInterval: '15s' }, scrapeJobs: [scrapeJob({ name: 'app', targets: ['app:8000'] })] },
    ruleGroups: parts.groups ?? [],
    dashboards: parts.dashboards ?? [],
    ...(parts.templates
      ? { alertmanager: alertmanager({ receivers: [receiver({ name: 'team' })], route: route({ receiver: 'team' }) }) }
      : {}),
  });
}

function run(p: Project, templates: string[] = []) {
  return runOn(p, [outputPortableName], { templates: Object.fromEntries(templates.map((name) => [name, '{{ define "x" }}x{{ end }}\n'])) });
}

describe('output/portable-name fires', () => {
  it('on a rule group named like a Windows device (any case, any extension)', () => {
    const found = run(project({ groups: [group('CON'), group('aux.more')] }));
    expect(found.map((d) => d.message)).toEqual([
      'rule group "CON" would be written to prometheus/rules/con.yml; "con" is a device name Windows reserves, so the file cannot be created or checked out there',
      'rule group "aux.more" would be written to prometheus/rules/aux.more.yml; "aux" is a device name Windows reserves, so the file cannot be created or checked out there',
    ]);
    expect(found[0]).toMatchObject({ id: 'output/portable-name', severity: 'error', path: ['ruleGroups', 'CON'] });
    expect(found[0]!.source?.file).toMatch(/output-portable-name\.test\.ts$/);
    expect(found[0]!.hint).toBe('rename it: CON, PRN, AUX, NUL, COM0–COM9 and LPT0–LPT9 (with any extension) are not file names on Windows');
  });

  it('on dashboard uids that differ only in case', () => {
    const found = run(project({ dashboards: [board('Overview', 'Overview'), board('Small overview', 'overview')] }));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      id: 'output/portable-name',
      message:
        'dashboards Overview and Small overview would be written to grafana/dashboards/Overview.json and grafana/dashboards/overview.json, which differ only in case: one file on macOS and Windows',
      hint: 'give one of them a uid that differs in more than case',
      path: ['dashboards', 'Small overview', 'uid'],
    });
    expect(found[0]!.source?.line).toBeGreaterThan(0);
  });

  it('on a dashboard uid that is a reserved name', () => {
    const found = run(project({ dashboards: [board('Printers', 'prn'), board('Ports', 'com7')] }));
    expect(found.map((d) => d.path)).toEqual([
      ['dashboards', 'Printers', 'uid'],
      ['dashboards', 'Ports', 'uid'],
    ]);
    expect(found[1]!.message).toBe(
      'dashboard Ports would be written to grafana/dashboards/com7.json; "com7" is a device name Windows reserves, so the file cannot be created or checked out there',
    );
  });

  it('on template files: reserved names, case twins, characters Windows refuses', () => {
    const found = run(project({ templates: true }), ['Team.tmpl', 'nul.tmpl', 'team.tmpl', 'what?.tmpl']);
    expect(found.map((d) => [d.source?.file, d.message])).toEqual([
      ['templates/nul.tmpl', 'template nul.tmpl would be written to alertmanager/templates/nul.tmpl; "nul" is a device name Windows reserves, so the file cannot be created or checked out there'],
      ['templates/team.tmpl', 'templates Team.tmpl and team.tmpl would be written to alertmanager/templates/Team.tmpl and alertmanager/templates/team.tmpl, which differ only in case: one file on macOS and Windows'],
      ['templates/what?.tmpl', 'template what?.tmpl would be written to alertmanager/templates/what?.tmpl; Windows refuses the character "?" in file names'],
    ]);
  });
});

describe('output/portable-name on names one file on macOS only by their Unicode form', () => {
  it('on template files named alike in NFC and NFD', () => {
    const found = run(project({ templates: true }), ['Caf\u00e9.tmpl', 'Cafe\u0301.tmpl']);
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toContain('which differ only in case, in how accents are encoded or in final dots and spaces: one file on macOS and Windows');
  });

  it('not on names that differ in their letters', () => {
    expect(run(project({ templates: true }), ['Caf\u00e9.tmpl', 'Cafe.tmpl'])).toEqual([]);
  });
});

describe('output/portable-name stays quiet', () => {
  it('on names that only contain a reserved word', () => {
    expect(run(project({ groups: [group('console'), group('aux_rules'), group('com10')], dashboards: [board('Nul hours', 'nul-hours')] }))).toEqual([]);
  });

  it('on distinct names, templates included', () => {
    expect(run(project({ dashboards: [board('A', 'a'), board('B', 'b')], templates: true }), ['a.tmpl', 'b.tmpl'])).toEqual([]);
  });
});

// Round 21: only the files the configured profiles write are judged (a mimir-only project writes no
// prometheus/rules/*.yml), and each profile's own file names are (thanos's rule files, mimir's namespace).
describe('output/portable-name judges what the configured profiles write', () => {
  const withOutputs = (p: Project, outputs: Project['outputs']) => ({ ...p, outputs });
  const messages = (p: Project) => run(p).map((d) => [d.message, d.path?.join(' › ')]);

  it('takes groups web and Web with mimir() alone (no rule file is written), refuses them where rule files are', () => {
    const p = project({ groups: [group('web'), group('Web')] });
    const clashes = (q: Project) => runOn(q, [outputPortableName, rulesDuplicateGroup, outputPathClash]).map((d) => `${d.id}: ${d.message}`);
    expect(clashes(withOutputs(p, [mimir()]))).toEqual([]);
    expect(clashes(withOutputs(p, [mimir(), prometheusOperator({ namespace: 'monitoring' })]))).toEqual([]); // PrometheusRule names are told apart
    // (the files are assembled with the clash too: output/path-clash's guard at compile time)
    expect(clashes(withOutputs(p, [mimir(), files()]))).toContain('rules/duplicate-group: rule groups "web" and "Web" would both be written to prometheus/rules/web.yml');
    expect(clashes(withOutputs(p, [thanos()]))).toContain('rules/duplicate-group: rule groups "web" and "Web" would both be written to thanos/rules/web.yml');
    // The same name twice is refused whatever the profiles.
    expect(clashes(withOutputs(project({ groups: [group('web'), group('web')] }), [mimir()]))).toEqual(['rules/duplicate-group: rule group "web" is defined twice']);
  });

  it('keeps the in-memory rule files validate hands promtool apart for a mimir-only project', () => {
    const mimirOnly = withOutputs(project({ groups: [group('web'), group('Web'), group('WEB')] }), [mimir()]);
    const tools = filesForTools(modelOf(mimirOnly), compileOutputs(modelOf(mimirOnly))).map((f) => f.path).filter((f) => f.startsWith('prometheus/rules/'));
    expect(tools).toEqual(['prometheus/rules/web-2.yml', 'prometheus/rules/web-3.yml', 'prometheus/rules/web.yml']);
    expect(compileOutputs(modelOf(mimirOnly)).map((f) => f.path)).toEqual(['mimir/portable.yaml']);
  });

  it("judges the mimir namespace's file and each profile's own file names", () => {
    const p = project({ groups: [group('con')], dashboards: [board('Aux', 'aux')] });
    expect(messages(withOutputs(p, [mimir({ namespace: 'nul' })]))).toEqual([
      ['Mimir rule namespace "nul" would be written to mimir/nul.yaml; "nul" is a device name Windows reserves, so the file cannot be created or checked out there', 'outputs › mimir › namespace'],
    ]);
    expect(messages(withOutputs(p, [mimir({ namespace: 'shop' }), grafanaSidecar({ namespace: 'monitoring' })]))).toEqual([]); // dashboard-aux.yaml
    expect(messages(withOutputs(p, [prometheusOperator({ namespace: 'monitoring' }), grafanaOperator({ namespace: 'monitoring', instanceSelector: { dashboards: 'grafana' } })])).map((m) => m[0])).toEqual([
      'rule group "con" would be written to prometheus-operator/prometheusrules/con.yaml; "con" is a device name Windows reserves, so the file cannot be created or checked out there',
      'dashboard Aux would be written to grafana-operator/dashboards/aux.yaml; "aux" is a device name Windows reserves, so the file cannot be created or checked out there',
    ]);
  });
});
