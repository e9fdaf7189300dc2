/**
 * Without a totem-mon.config.ts, the same definitions and out/ make the same bytes from any working
 * folder: generated comments name out/ from the folder holding the definitions folder.
 */
import { cpSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FIXTURES, runCli, snapshotTree, tempDir } from '../helpers/cli.js';
import { edit } from '../helpers/output.js';

const cwd = process.cwd();
afterEach(() => process.chdir(cwd));

/** <root>/monitoring/definitions (the good fixture with a dashboard) and its shared base. */
function monitoringProject(): string {
  const root = tempDir();
  cpSync(path.join(FIXTURES, 'shared'), path.join(root, 'monitoring/shared'), { recursive: true });
  cpSync(path.join(FIXTURES, 'good'), path.join(root, 'monitoring/definitions'), { recursive: true });
  const index = path.join(root, 'monitoring/definitions/index.ts');
  edit(index, 'import { alert,', 'import { dashboard, ratePanel, alert,');
  edit(index, 'ruleGroups: [alerts, records],', "ruleGroups: [alerts, records],\n  dashboards: [dashboard({ title: 'A', panels: [ratePanel(requests, { title: 'R' })] })],");
  return root;
}

describe('output bytes do not depend on the working folder', () => {
  it('generate in monitoring/, then --check from its parent with --definitions and --out: up to date', async () => {
    const root = monitoringProject();
    process.chdir(path.join(root, 'monitoring'));
    const first = await runCli(['generate']);
    expect(first.code, first.stderr).toBe(0);
    const tree = snapshotTree(path.join(root, 'monitoring/out'));
    expect(tree['grafana/provisioning/dashboards/totem-mon.yml']).toContain('out/grafana/dashboards');

    process.chdir(root);
    const check = await runCli(['generate', '--check', '--definitions', 'monitoring/definitions', '--out', 'monitoring/out']);
    expect(check.code, check.stdout + check.stderr).toBe(0);

    process.chdir(path.join(root, 'monitoring/definitions'));
    const inside = await runCli(['generate', '--check', '--definitions', '.', '--out', '../out']);
    expect(inside.code, inside.stdout + inside.stderr).toBe(0);
  });
});
