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
