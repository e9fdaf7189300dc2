/** Shared by the output-safety tests: a writable copy of the good fixture and generate runs on it. */
import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { FIXTURES, runCli, tempDir } from './cli.js';

export const GOOD = path.join(FIXTURES, 'good');
export const RULES = 'prometheus/rules';
export const MANIFEST = '.totem-mon-manifest.json';

/** The good fixture and the shared base it imports, in a temp folder (so a test can edit it). */
export function goodCopy(): string {
  const root = tempDir();
  cpSync(path.join(FIXTURES, 'shared'), path.join(root, 'shared'), { recursive: true });
  cpSync(GOOD, path.join(root, 'good'), { recursive: true });
  return path.join(root, 'good');
}

export function edit(file: string, from: string, to: string): void {
  const text = readFileSync(file, 'utf8');
  expect(text, `${file} should contain ${from}`).toContain(from);
  writeFileSync(file, text.replace(from, to));
}

export async function generate(definitions: string, out: string, ...extra: string[]) {
  return runCli(['generate', '--definitions', definitions, '--out', out, ...extra]);
}

/** A fresh out/ generated from the given definitions (the good fixture by default). */
export async function freshOut(definitions = GOOD): Promise<string> {
  const out = path.join(tempDir(), 'out');
  const result = await generate(definitions, out);
  expect(result.code, result.stderr).toBe(0);
  return out;
}

/** Adds two rule groups (two new files) to a good copy. */
export function addTwoGroups(definitions: string): void {
  edit(
    path.join(definitions, 'index.ts'),
    'ruleGroups: [alerts, records]',
    "ruleGroups: [alerts, records, ruleGroup({ name: 'x1', rules: [record({ name: 'a:app_requests:rate1', expr: `sum(${rate(requests)})` })] }), " +
      "ruleGroup({ name: 'x2', rules: [record({ name: 'a:app_requests:rate2', expr: `sum(${rate(requests)})` })] })]",
  );
}

/** Every file under a folder by path relative to it, the manifest left out (it is generate's bookkeeping, not output). */
export function filesUnder(dir: string, base = dir): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) Object.assign(files, filesUnder(full, base));
    else if (entry.name !== MANIFEST) files[path.relative(base, full).split(path.sep).join('/')] = readFileSync(full, 'utf8');
  }
  return files;
}
