import { existsSync } from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { FIXTURES, REPO, tempDir } from '../helpers/cli.js';

// The repository's own vitest config, run in a child vitest on a check whose golden file is missing.
async function runWithMissingGolden(env: Record<string, string>) {
  const golden = path.join(tempDir(), 'golden.json');
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('VITEST') && k !== 'CI' && k !== 'UPDATE_SNAPSHOT'));
  const run = await execa(path.join(REPO, 'node_modules/.bin/vitest'), ['run', '--config', path.join(FIXTURES, 'golden/vitest.config.ts')], {
    env: { ...inherited, ...env, GOLDEN_FILE: golden, NO_COLOR: '1' },
    extendEnv: false,
    reject: false,
    all: true,
    timeout: 60_000,
  });
  return { run, written: existsSync(golden) };
}

describe('golden files are never written silently (#12)', () => {
  it('a missing golden fails under CI (CI=1) and writes nothing', async () => {
    const { run, written } = await runWithMissingGolden({ CI: '1' });
    expect(run.exitCode, run.all).toBe(1);
    expect(run.all).toMatch(/Snapshots\s+1 failed/);
    expect(written).toBe(false);
  });

  it('outside CI too: only `vitest run -u`, by hand, writes it', async () => {
    const { run, written } = await runWithMissingGolden({});
    expect(run.exitCode, run.all).toBe(1);
    expect(written).toBe(false);
  });
});
