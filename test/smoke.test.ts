import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { REPO, runCli, tempDir, snapshotTree } from './helpers/cli.js';

describe('generate on the Totem definitions', () => {
  it('writes prometheus.yml and the rule files', async () => {
    const out = tempDir();
    const result = await runCli(['generate', '--definitions', path.join(REPO, 'definitions'), '--out', out]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const tree = snapshotTree(out);
    expect(Object.keys(tree)).toContain('prometheus/prometheus.yml');
    expect(Object.keys(tree)).toContain('prometheus/rules/totem_alerts.yml');
  });
});
