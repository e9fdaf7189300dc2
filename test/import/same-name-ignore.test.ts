// Two alerts of one name in an imported group, the second breaking a check: its ignore is written on
// the second, not on the first (which silenced nothing of its own and, by path, the second's finding).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';
import { importProject } from '../helpers/imported.js';

const RULES = `groups:
- name: up
  rules:
  - alert: TargetDown
    expr: up == 0
    for: 5m
    labels: { severity: warning }
    annotations: { summary: Down, description: Down }
  - alert: TargetDown
    expr: up > 1
    for: 15m
    labels: { severity: critical }
    annotations: { summary: Down, description: Down }
`;

describe('import: alerts of one name in a group', () => {
  it('writes the ignore on the alert that breaks the check', async () => {
    const inputs = tempDir('totem-mon-import-in-');
    mkdirSync(inputs, { recursive: true });
    writeFileSync(path.join(inputs, 'rules.yml'), RULES);
    const { into } = importProject();
    const result = await runCli(['import', inputs, '--into', into]);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const source = readFileSync(path.join(into, 'rules/up.ts'), 'utf8');
    const [first, rest] = source.split('export const targetDown2');
    const [second, group] = rest!.split('export const up ');
    expect(first).not.toContain('ignore');
    expect(group).not.toContain('ignore');
    expect(second).toContain("'promql/impossible-threshold': 'imported as written: alert TargetDown: \"> 1\" never holds");
  }, 60_000);
});
