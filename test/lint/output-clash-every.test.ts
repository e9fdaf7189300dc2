/**
 * Audit round 23: output/path-clash and output/portable-name reported, for each definition, only its
 * first clash (a `break` after it): a definition clashing with two others had the second reported
 * only once the first was fixed, on the next run. Every pair of definitions that clash is now
 * reported in one run, each pair once (at the later one, naming the first file they share).
 */
import { describe, expect, it } from 'vitest';
import { alert, alertmanager, counter, defineProject, receiver, route, ruleGroup, scrapeJob, type Project, type Rule } from '../../src/index.js';
import { outputPathClash } from '../../src/lint/output-path-clash.js';
import { outputPortableName } from '../../src/lint/output-portable-name.js';
import { runOn } from '../helpers/model.js';
import { pathClashes } from '../../src/compile/clashes.js';

const requests = counter({ name: 'app_requests_total', help: 'Requests.', labels: ['route'] });

function down(name: string, tested = false): Rule {
  return alert({
    name,
    expr: 'sum(rate(app_requests_total[5m])) > 10',
    for: '5m',
    labels: { severity: 'warning' },
    annotations: { summary: 'Too many requests.', description: 'Too many requests.' },
    ...(tested ? { tests: [{ name: 'quiet', input: [{ series: requests.select({ route: 'a' }), values: '0x10' }], at: '5m', expect: [] }] } : {}),
  });
}

function project(groups: Array<{ name: string; rules: Rule[] }>, templates = false): Project {
  return defineProject({
    name: 'clashes',
    metrics: [requests],
    prometheus: { global: { scrapeInterval: '15s' }, scrapeJobs: [scrapeJob({ name: 'app', targets: ['app:8000'] })] },
    ruleGroups: groups.map((g) => ruleGroup(g)),
    docs: {},
    ...(templates ? { alertmanager: alertmanager({ receivers: [receiver({ name: 'team' })], route: route({ receiver: 'team' }) }) } : {}),
  });
}

const messages = (found: ReadonlyArray<{ message: string; path?: string[] }>) => found.map((d) => `${d.path?.at(-1)}: ${d.message}`);

describe('output/path-clash: every clash in one run', () => {
  it('three alerts on one runbook: each pair once, the third alert with both of its clashes', () => {
    const found = runOn(project([{ name: 'app', rules: [down('Target Down'), down('Target_Down'), down('Target/Down')] }]), [outputPathClash]);
    expect(messages(found)).toEqual([
      'Target_Down: alerts "Target Down" and "Target_Down" would both be written to docs/alerts/Target_Down.md',
      'Target/Down: alerts "Target Down" and "Target/Down" would both be written to docs/alerts/Target_Down.md',
      'Target/Down: alerts "Target_Down" and "Target/Down" would both be written to docs/alerts/Target_Down.md',
    ]);
  });

  it('two alerts on one runbook: one finding (not one per file or per side)', () => {
    expect(runOn(project([{ name: 'app', rules: [down('Target Down'), down('Target_Down')] }]), [outputPathClash])).toHaveLength(1);
  });
});

describe('output/portable-name: every clash in one run', () => {
  it('three alerts whose runbooks differ only in case: each pair once', () => {
    const found = runOn(project([{ name: 'app', rules: [down('TargetDown'), down('targetdown'), down('TARGETDOWN')] }]), [outputPortableName]);
    expect(messages(found)).toEqual([
      'targetdown: alerts "TargetDown" and "targetdown" would be written to docs/alerts/TargetDown.md and docs/alerts/targetdown.md, which differ only in case: one file on macOS and Windows',
      'TARGETDOWN: alerts "TargetDown" and "TARGETDOWN" would be written to docs/alerts/TargetDown.md and docs/alerts/TARGETDOWN.md, which differ only in case: one file on macOS and Windows',
      'TARGETDOWN: alerts "targetdown" and "TARGETDOWN" would be written to docs/alerts/targetdown.md and docs/alerts/TARGETDOWN.md, which differ only in case: one file on macOS and Windows',
    ]);
  });

  it('three templates that differ only in case: each pair once', () => {
    const templates = Object.fromEntries(['Team.tmpl', 'team.tmpl', 'TEAM.tmpl'].map((name) => [name, '{{ define "x" }}x{{ end }}\n']));
    const found = runOn(project([], true), [outputPortableName], { templates });
    expect(found.map((d) => d.message.replace(/ would be written.*/, ''))).toEqual(['templates TEAM.tmpl and Team.tmpl', 'templates TEAM.tmpl and team.tmpl', 'templates Team.tmpl and team.tmpl']);
  });
});

describe('the guard where the files are assembled: every clash in one run', () => {
  const owner = (name: string) => ({ what: 'alert', name: `"${name}"`, files: [`docs/alerts/${name}.md`], where: { path: ['ruleGroups', 'g', 'rules', name] } });

  it('three paths that are one file on macOS and Windows: each pair once, at both definitions', () => {
    const owners = ['TARGETDOWN', 'TargetDown', 'targetdown'].map(owner);
    const files = owners.map((o) => ({ path: o.files[0]!, content: '' }));
    const found = pathClashes(files, () => owners);
    expect(found.map((d) => `${d.path!.at(-1)}: ${d.message.replace(/ would be written.*/, '')}`)).toEqual([
      'TARGETDOWN: alerts "TARGETDOWN" and "TargetDown"',
      'TargetDown: alerts "TARGETDOWN" and "TargetDown"',
      'TARGETDOWN: alerts "TARGETDOWN" and "targetdown"',
      'targetdown: alerts "TARGETDOWN" and "targetdown"',
      'TargetDown: alerts "TargetDown" and "targetdown"',
      'targetdown: alerts "TargetDown" and "targetdown"',
    ]);
  });

  it('a file that is the folder of two others (in two cases): both reported', () => {
    const found = pathClashes([{ path: 'docs/a.md', content: '' }, { path: 'docs/A.md/b.md', content: '' }, { path: 'docs/a.md/c.md', content: '' }]);
    expect(found.map((d) => d.message)).toEqual([
      expect.stringContaining('docs/a.md is a file and the folder of docs/A.md/b.md'),
      expect.stringContaining('docs/a.md is a file and the folder of docs/a.md/c.md'),
    ]);
  });
});
