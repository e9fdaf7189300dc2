/**
 * Issue 13, `--out` that would put generated files among the user's own: an empty value (the current
 * folder), the definitions folder or one of its ancestors, a repository root. Usage errors, exit 2.
 */
import { cpSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FIXTURES, runCli, tempDir } from '../helpers/cli.js';

let root = '';
const cwd = process.cwd();

beforeEach(() => {
  // A small repository: <root>/.git, <root>/infra/definitions (+ shared/), run from <root>.
  root = tempDir();
  mkdirSync(path.join(root, '.git'));
  cpSync(path.join(FIXTURES, 'shared'), path.join(root, 'infra/shared'), { recursive: true });
  cpSync(path.join(FIXTURES, 'good'), path.join(root, 'infra/definitions'), { recursive: true });
  process.chdir(root);
});

afterEach(() => process.chdir(cwd));

async function generateInto(out: string, ...extra: string[]) {
  return runCli(['generate', '--definitions', 'infra/definitions', '--out', out, ...extra]);
}

function untouched(): void {
  expect(existsSync(path.join(root, 'prometheus'))).toBe(false);
  expect(readdirSync(path.join(root, 'infra/definitions'))).toEqual(['index.ts']);
  expect(existsSync(path.join(root, 'infra/prometheus'))).toBe(false);
}

describe('--out is refused (exit 2) when it', () => {
  it('is empty', async () => {
    const result = await generateInto('');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('totem-mon: --out is empty');
    expect(result.stderr).toContain('hint:');
    untouched();
  });

  it('is the definitions folder', async () => {
    const result = await generateInto('infra/definitions');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--out infra/definitions is the definitions folder');
    untouched();
  });

  it('is an ancestor of the definitions folder (also with --check)', async () => {
    for (const extra of [[], ['--check']]) {
      const result = await generateInto('infra', ...extra);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('--out infra contains the definitions folder');
    }
    untouched();
  });

  it('is a repository root (a folder with .git)', async () => {
    mkdirSync(path.join(root, 'other/.git'), { recursive: true });
    const result = await generateInto('other');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--out other is the root of a repository');
    expect(readdirSync(path.join(root, 'other'))).toEqual(['.git']);
  });

  it('but a plain folder next to the definitions is fine', async () => {
    const result = await generateInto('infra/out');
    expect(result.code, result.stderr).toBe(0);
  });
});
