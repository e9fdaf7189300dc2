/**
 * generate removes the temporary entries of a killed run only when it provably made them (named by
 * the manifest's pending record, or marked, and holding nothing but its own files); entries under
 * those names that it did not make are reported and left in place, never deleted.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/cli.js';
import { MANIFEST, freshOut, generate, GOOD } from '../helpers/output.js';

function plantDir(out: string, name: string, files: Record<string, string>): string {
  const dir = path.join(out, name);
  mkdirSync(dir);
  for (const [file, content] of Object.entries(files)) writeFileSync(path.join(dir, file), content);
  return dir;
}

describe('leftovers generate did not make are left in place', () => {
  it('a folder named like a staging folder, holding the user\'s files, survives and is reported', async () => {
    const out = await freshOut();
    const dir = plantDir(out, '.totem-mon-staging-mine', { 'important.txt': 'keep me\n', 'file-0': 'x' });
    const result = await generate(GOOD, out);
    expect(result.code, result.stderr).toBe(0);
    expect(readFileSync(path.join(dir, 'important.txt'), 'utf8')).toBe('keep me\n');
    expect(result.stderr).toMatch(/note: .*\.totem-mon-staging-mine has a name totem-mon uses for its own temporary files, but it did not make it: left in place/);
  });

  it('a marked staging folder with a foreign file in it survives', async () => {
    const out = await freshOut();
    const dir = plantDir(out, '.totem-mon-staging-abc', { '.totem-mon-staging': '', 'file-0': 'x', 'thesis.tex': 'years of work\n' });
    expect((await generate(GOOD, out)).code).toBe(0);
    expect(existsSync(path.join(dir, 'thesis.tex'))).toBe(true);
  });

  it('lock leftovers that are folders, links or foreign files survive', async () => {
    const out = await freshOut();
    const elsewhere = path.join(tempDir(), 'victim');
    mkdirSync(elsewhere);
    writeFileSync(path.join(elsewhere, 'data.txt'), 'x\n');
    plantDir(out, '.totem-mon.lock.stale-folder', { 'data.txt': 'mine\n' });
    symlinkSync(elsewhere, path.join(out, '.totem-mon.lock.stale-aaaaaaaaaaaa'));
    writeFileSync(path.join(out, '.totem-mon.lock.stale-bbbbbbbbbbbb'), 'not a lock, a note of mine\n');
    const result = await generate(GOOD, out);
    expect(result.code, result.stderr).toBe(0);
    expect(readFileSync(path.join(out, '.totem-mon.lock.stale-folder/data.txt'), 'utf8')).toBe('mine\n');
    expect(existsSync(path.join(out, '.totem-mon.lock.stale-aaaaaaaaaaaa'))).toBe(true);
    expect(readFileSync(path.join(elsewhere, 'data.txt'), 'utf8')).toBe('x\n');
    expect(readFileSync(path.join(out, '.totem-mon.lock.stale-bbbbbbbbbbbb'), 'utf8')).toBe('not a lock, a note of mine\n');
    expect(result.stderr).toContain('.totem-mon.lock.stale-folder has a name totem-mon uses');
  });
});

describe('leftovers generate made are removed', () => {
  it('the staging folder the pending record names, a marked one, an empty one, a set-aside lock', async () => {
    const out = await freshOut();
    const manifest = JSON.parse(readFileSync(path.join(out, MANIFEST), 'utf8'));
    writeFileSync(path.join(out, MANIFEST), JSON.stringify({ ...manifest, pending: { staging: '.totem-mon-staging-named', files: {} } }));
    plantDir(out, '.totem-mon-staging-named', { 'file-0': 'x', 'manifest-0': '{}' });
    plantDir(out, '.totem-mon-staging-marked', { '.totem-mon-staging': '', 'file-3': 'x' });
    plantDir(out, '.totem-mon-staging-empty', {});
    writeFileSync(path.join(out, '.totem-mon.lock.stale-cccccccccccc'), '{"pid":1,"host":"h","started":"2026-01-01T00:00:00Z","command":"generate"}\n');
    const result = await generate(GOOD, out);
    expect(result.code, result.stderr).toBe(0);
    expect(readdirSync(out).filter((n) => n.startsWith('.totem-mon') && n !== MANIFEST)).toEqual([]);
    expect(result.stderr).not.toContain('left in place');
  });
});
