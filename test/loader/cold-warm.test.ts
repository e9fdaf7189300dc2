/**
 * Issue 16 "a cold CI run as fast as a warm one" and issue 13 "the transpile cache is private":
 * the loader keeps no cache at all (oxc strips a large repository's types in well under a second),
 * so a fresh CI clone and a developer's tenth run take the same path. These tests pin that down:
 * nothing is written to the temp or cache folders, a cache planted there changes nothing, and the
 * first and second runs produce byte-identical output and the same error locations.
 */
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, snapshotTree, tempDir } from '../helpers/cli.js';
import { runCliProcess } from '../helpers/process.js';
import { syntaxErrorDefinitions } from './syntax-error.js';

const LOADER = path.join(FIXTURES, 'loader');

/** A fresh temp folder, cache folder and home: what a CI runner starts with. */
function freshEnvironment(): { env: NodeJS.ProcessEnv; dirs: string[] } {
  const root = tempDir('totem-mon-cold-');
  const dirs = ['tmp', 'cache', 'home'].map((name) => path.join(root, name));
  for (const dir of dirs) mkdirSync(dir);
  const [tmp, cache, home] = dirs as [string, string, string];
  return { env: { TMPDIR: tmp, XDG_CACHE_HOME: cache, HOME: home, JITI_CACHE: undefined }, dirs };
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => statSync(path.join(dir, f)).isFile());
}

async function generate(definitions: string, env: NodeJS.ProcessEnv): Promise<Record<string, string>> {
  const out = path.join(tempDir(), 'out');
  const result = await runCliProcess(['generate', '--definitions', definitions, '--out', out], { env });
  expect(result.code, result.stderr).toBe(0);
  return snapshotTree(out);
}

async function diagnostics(definitions: string, env: NodeJS.ProcessEnv): Promise<unknown> {
  const result = await runCliProcess(['validate', '--offline', '--format', 'json', '--definitions', definitions], { env });
  return (JSON.parse(result.stdout) as { diagnostics: unknown }).diagnostics;
}

describe('cold and warm runs are the same run', () => {
  it('the first and the second generate write byte-identical files', async () => {
    const { env } = freshEnvironment();
    const cold = await generate(path.join(FIXTURES, 'good'), env);
    const warm = await generate(path.join(FIXTURES, 'good'), env);
    expect(Object.keys(cold).length).toBeGreaterThan(3);
    expect(warm).toEqual(cold);
  });

  it.each([['positions'], ['throws'], ['syntax-error']])('%s: the first and the second validate report the same problems at the same places', async (name) => {
    const { env } = freshEnvironment();
    const definitions = name === 'syntax-error' ? syntaxErrorDefinitions() : path.join(LOADER, name);
    const cold = await diagnostics(definitions, env);
    const warm = await diagnostics(definitions, env);
    expect(cold).not.toEqual([]);
    expect(warm).toEqual(cold);
  });
});

describe('no transpile cache, so none another user can fill', () => {
  it('loading writes nothing to TMPDIR, XDG_CACHE_HOME or the home folder', async () => {
    const { env, dirs } = freshEnvironment();
    await generate(path.join(LOADER, 'good'), env);
    for (const dir of dirs) expect(filesUnder(dir), dir).toEqual([]);
  });

  it('a transpiled copy planted in the shared temp or cache folder does not change the output', async () => {
    const { env, dirs } = freshEnvironment();
    const before = await generate(path.join(LOADER, 'good'), env);
    // The attacker rewrites every cached file of the definitions that exists (today's jiti kept them in $TMPDIR/jiti).
    for (const dir of dirs) {
      for (const file of filesUnder(dir)) {
        const full = path.join(dir, file);
        writeFileSync(full, readFileSync(full, 'utf8').replaceAll('QueueTooLong', 'Poisoned'));
      }
    }
    const after = await generate(path.join(LOADER, 'good'), env);
    expect(JSON.stringify(after)).not.toContain('Poisoned');
    expect(after).toEqual(before);
  });
});
