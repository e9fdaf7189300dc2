/**
 * Two definitions on one output path, or on paths one file on macOS and Windows, or on a name
 * Windows cannot hold: refused at the definitions, nothing written. Every path a definition
 * becomes counts (rule files, rule test files, runbooks, dashboards and their folders, templates).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/cli.js';
import { edit, generate, goodCopy } from '../helpers/output.js';
import { pathClashes } from '../../src/compile/clashes.js';

function project(edits: Array<[string, string]>): string {
  const definitions = goodCopy();
  for (const [from, to] of edits) edit(path.join(definitions, 'index.ts'), from, to);
  return definitions;
}

const WITH_DOCS: [string, string] = ['ruleGroups: [alerts, records],', 'ruleGroups: [alerts, records],\n  docs: {},'];
const renameAlerts = (a: string, b: string): Array<[string, string]> => [
  ["name: 'QueueTooLong'", `name: '${a}'`],
  ["name: 'HighErrorRate'", `name: '${b}'`],
];

async function refused(definitions: string): Promise<string> {
  const out = path.join(tempDir(), 'out');
  const result = await generate(definitions, out);
  expect(result.code, result.stderr).toBe(1);
  expect(existsSync(out)).toBe(false);
  return result.stderr;
}

describe('two definitions on one output path', () => {
  it('alerts "Target Down" and "Target_Down" share a runbook file: refused naming both', async () => {
    const stderr = await refused(project([...renameAlerts('Target Down', 'Target_Down'), WITH_DOCS]));
    expect(stderr).toMatch(/error \[output\/path-clash\] good\/index\.ts:\d+ › ruleGroups › app_alerts › rules › Target_Down: alerts "Target Down" and "Target_Down" would both be written to docs\/alerts\/Target_Down\.md/);
  });

  it('without docs the same alerts write no runbook, so nothing clashes', async () => {
    const out = path.join(tempDir(), 'out');
    const result = await generate(project(renameAlerts('Target Down', 'Target_Down')), out);
    expect(result.stderr).not.toContain('output/path-clash');
  });

});

describe('output/portable-name on every path written', () => {
  it('an alert named "Con" writes docs/alerts/Con.md: refused at the alert', async () => {
    const stderr = await refused(project([...renameAlerts('Con', 'HighErrorRate'), WITH_DOCS]));
    expect(stderr).toMatch(/error \[output\/portable-name\] good\/index\.ts:\d+ › ruleGroups › app_alerts › rules › Con: alert "Con" would be written to docs\/alerts\/Con\.md; "con" is a device name Windows reserves/);
  });

  it('a tested alert named "Con" writes prometheus/tests/<group>/con.test.yml: refused at the alert', async () => {
    const stderr = await refused(
      project([
        ["name: 'QueueTooLong', expr: `${queue} > 10` }", "name: 'Con', expr: `${queue} > 10`, tests: [{ name: 'quiet', input: [{ series: queue.select({ queue: 'a' }), values: '1x10' }], at: '5m', expect: [] }] }"],
      ]),
    );
    expect(stderr).toMatch(/error \[output\/portable-name\] .*rules › Con: rule "Con" would be written to prometheus\/tests\/app_alerts\/con\.test\.yml and prometheus\/tests\/app_alerts\/con\.rules\.yml; "con" is a device name/);
  });

  it('alerts "TargetDown" and "targetdown" write two runbooks that are one file on macOS and Windows', async () => {
    const stderr = await refused(project([...renameAlerts('TargetDown', 'targetdown'), WITH_DOCS]));
    expect(stderr).toMatch(/error \[output\/portable-name\] .*alerts "TargetDown" and "targetdown" would be written to docs\/alerts\/TargetDown\.md and docs\/alerts\/targetdown\.md, which differ only in case/);
  });

  const dashboards = (name: string): Array<[string, string]> => [
    ["name: 'good',", `name: '${name}',`],
    ['import { alert,', 'import { dashboard, ratePanel, alert,'],
    [
      'ruleGroups: [alerts, records],',
      "ruleGroups: [alerts, records],\n  dashboards: [dashboard({ title: 'A', panels: [ratePanel(requests, { title: 'R' })] }), dashboard({ title: 'B', folder: 'Other', panels: [ratePanel(requests, { title: 'R' })] })],",
    ],
  ];

  it('a project named "CON" is the default dashboard folder: refused', async () => {
    const stderr = await refused(project(dashboards('CON')));
    expect(stderr).toMatch(/error \[output\/portable-name\] .*grafana\/dashboards\/CON\/a\.json; "con" is a device name Windows reserves/);
  });

  it('a project named "Web Service." as the default dashboard folder is a schema error at name', async () => {
    const stderr = await refused(project(dashboards('Web Service.')));
    expect(stderr).toMatch(/good\/index\.ts:\d+ › name: invalid project name for a dashboard folder/);
  });

  it('a project named "../../evil" as the default dashboard folder is a schema error at name, not output/outside', async () => {
    const stderr = await refused(project(dashboards('../../evil')));
    expect(stderr).toMatch(/› name: invalid project name for a dashboard folder/);
    expect(stderr).not.toContain('output/outside');
  });

  it('a project named "../../evil" with no dashboard folder is just a name', async () => {
    const definitions = project([["name: 'good',", "name: '../../evil',"]]);
    const out = path.join(tempDir(), 'out');
    const result = await generate(definitions, out);
    expect(result.code, result.stderr).toBe(0);
  });
});

describe('the guard where the compiled files are assembled', () => {
  it('two compiled files on one path are an error naming the path, once', () => {
    const files = [
      { path: 'a.yml', content: '1' },
      { path: 'b.yml', content: '1' },
      { path: 'b.yml', content: '2' },
      { path: 'b.yml', content: '3' },
      { path: 'c.yml', content: '1' },
    ];
    expect(pathClashes(files)).toEqual([expect.objectContaining({ id: 'output/path-clash', severity: 'error', file: 'b.yml', message: expect.stringContaining('b.yml') })]);
    expect(pathClashes(files.filter((f) => f.path !== 'b.yml'))).toEqual([]);
  });
});

describe('the guard compares paths as macOS and Windows do, whatever is ignored', () => {
  const file = (p: string) => ({ path: p, content: '' });
  const sorted = (...paths: string[]) => paths.sort().map(file);

  it.each([
    ['case', 'docs/alerts/TargetDown.md', 'docs/alerts/targetdown.md'],
    ['case in a folder', 'grafana/dashboards/Team/a.json', 'grafana/dashboards/team/a.json'],
    ['NFC and NFD', 'docs/alerts/Caf\u00e9.md', 'docs/alerts/Cafe\u0301.md'],
    ['the Kelvin sign', 'docs/alerts/\u212a.md', 'docs/alerts/k.md'],
    ['a long s', 'docs/alerts/\u017fx.md', 'docs/alerts/Sx.md'],
    ['a final dot (Windows drops it)', 'alertmanager/templates/a.tmpl', 'alertmanager/templates/a.tmpl.'],
    ['a final space in a folder', 'grafana/dashboards/Team /a.json', 'grafana/dashboards/team/a.json'],
  ])('%s: one file there, an error naming both paths', (_, a, b) => {
    const found = pathClashes(sorted(a, b));
    expect(found).toEqual([expect.objectContaining({ id: 'output/path-clash', severity: 'error', message: expect.stringContaining('one file on macOS and Windows') })]);
    expect(found[0]!.message).toContain(a);
    expect(found[0]!.message).toContain(b);
  });

  it('a file where another needs a folder (in any case) clashes', () => {
    expect(pathClashes(sorted('docs/a.md', 'docs/A.md/b.md'))).toEqual([expect.objectContaining({ message: expect.stringContaining('docs/a.md is a file and the folder of docs/A.md/b.md') })]);
  });

  it.each([
    ['another extension', 'a.yml', 'a.yaml'],
    ['a sharp s and "ss"', 'docs/alerts/Stra\u00dfe.md', 'docs/alerts/Strasse.md'],
    ['an accent', 'docs/alerts/Cafe.md', 'docs/alerts/Caf\u00e9.md'],
    ['a dot inside', 'a.b.yml', 'ab.yml'],
    ['a folder and a file beside it', 'docs/a/b.md', 'docs/a.md'],
  ])('%s: two files everywhere, nothing reported', (_, a, b) => {
    expect(pathClashes(sorted(a, b))).toEqual([]);
  });

  it('reports at both definitions when it knows them, with a hint', () => {
    const owners = [
      { what: 'alert', name: '"TargetDown"', files: ['docs/alerts/TargetDown.md'], where: { path: ['ruleGroups', 'g', 'rules', 'TargetDown'], source: { file: 'd/a.ts', line: 3, column: 1 } } },
      { what: 'alert', name: '"targetdown"', files: ['docs/alerts/targetdown.md'], where: { path: ['ruleGroups', 'g', 'rules', 'targetdown'], source: { file: 'd/b.ts', line: 7, column: 1 } } },
    ];
    const found = pathClashes(sorted('docs/alerts/TargetDown.md', 'docs/alerts/targetdown.md'), () => owners);
    expect(found).toHaveLength(2);
    expect(found.map((d) => d.source)).toEqual([owners[0]!.where.source, owners[1]!.where.source]);
    for (const d of found) {
      expect(d.message).toContain('alerts "TargetDown" and "targetdown" would be written to docs/alerts/TargetDown.md and docs/alerts/targetdown.md');
      expect(d.hint).toMatch(/rename one of them/);
    }
  });

  it('with output/portable-name off, alerts "TargetDown" and "targetdown" are still refused, at both alerts', async () => {
    const stderr = await refused(
      project([...renameAlerts('TargetDown', 'targetdown'), WITH_DOCS, ['ruleGroups: [alerts, records],', "ruleGroups: [alerts, records],\n  lint: { checks: { 'output/portable-name': 'off' } },"]]),
    );
    expect(stderr).not.toContain('output/portable-name');
    expect(stderr).toMatch(/error \[output\/path-clash\] good\/index\.ts:\d+ › ruleGroups › app_alerts › rules › TargetDown: alerts "TargetDown" and "targetdown" would be written to docs\/alerts\/TargetDown\.md and docs\/alerts\/targetdown\.md, which are one file on macOS and Windows/);
    expect(stderr).toMatch(/error \[output\/path-clash\] good\/index\.ts:\d+ › ruleGroups › app_alerts › rules › targetdown: alerts "TargetDown" and "targetdown"/);
  });

  it('with output/portable-name ignored on an alert, still refused', async () => {
    const stderr = await refused(
      project([
        ["name: 'QueueTooLong'", "name: 'TargetDown', ignore: { 'output/portable-name': 'on Linux only' }"],
        ["name: 'HighErrorRate'", "name: 'targetdown', ignore: { 'output/portable-name': 'on Linux only' }"],
        WITH_DOCS,
      ]),
    );
    expect(stderr).toContain('[output/path-clash]');
  });
});

