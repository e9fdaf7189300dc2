/**
 * generate removes the temporary entries of a killed run only when it provably made them (named by
 * the manifest's pending record, or marked, and holding nothing but its own files); entries under
 * those names that it did not make are reported and left in place, never deleted.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, readlinkSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { killChildren, liveProcess } from '../helpers/processes.js';
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

afterEach(killChildren);

/** Every entry under out/, with its content (a link as its target), to show nothing changed. */
function snapshot(dir: string): Record<string, string> {
  const seen: Record<string, string> = {};
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    const full = path.join(entry.parentPath, entry.name);
    seen[path.relative(dir, full)] = entry.isSymbolicLink() ? `-> ${readlinkSync(full)}` : entry.isFile() ? readFileSync(full, 'utf8') : '<dir>';
  }
  return seen;
}

describe('generate --check reports the leftovers of interrupted runs, changing nothing', () => {
  it('staging folders, the lock\'s temporary files and a lock whose holder is gone: a warning each, naming it and what to do', async () => {
    const out = await freshOut();
    plantDir(out, '.totem-mon-staging-marked', { '.totem-mon-staging': '', 'file-3': 'x' });
    plantDir(out, '.totem-mon-staging-mine', { 'important.txt': 'keep me\n' });
    writeFileSync(path.join(out, '.totem-mon.lock.stale-cccccccccccc'), '{"pid":1,"host":"h","started":"2026-01-01T00:00:00Z","command":"generate"}\n');
    writeFileSync(path.join(out, '.totem-mon.lock.stale-dddddddddddd'), 'a note of mine\n');
    const dead = spawnSync(process.execPath, ['-e', '0']).pid;
    writeFileSync(path.join(out, '.totem-mon.lock'), `${JSON.stringify({ pid: dead, host: os.hostname(), started: '2026-11-25T17:00:00.000Z', command: 'generate' })}\n`);
    const before = snapshot(out);
    const result = await generate(GOOD, out, '--check');
    expect(result.code, result.stderr).toBe(0); // warnings: out/ itself is up to date
    expect(result.stdout).toContain('is up to date');
    expect(snapshot(out)).toEqual(before);
    expect(result.stderr).toContain(`warning [output/leftover] .totem-mon.lock: ${path.join(out, '.totem-mon.lock')} is the lock of a generate that was interrupted: its holder (pid ${dead} on ${os.hostname()}, started 2026-11-25T17:00:00.000Z) has ended`);
    expect(result.stderr).toContain(`${path.join(out, '.totem-mon-staging-marked')} is the staging folder of a generate that was interrupted`);
    expect(result.stderr).toContain(`${path.join(out, '.totem-mon-staging-mine')} has a name totem-mon uses for its staging folders, but it did not make it`);
    expect(result.stderr).toContain(`${path.join(out, '.totem-mon.lock.stale-cccccccccccc')} is a temporary file of a generate interrupted while taking the lock`);
    expect(result.stderr).toContain(`${path.join(out, '.totem-mon.lock.stale-dddddddddddd')} has a name totem-mon uses for its own temporary files, but it did not make it`);
    expect(result.stderr).toMatch(/the next `generate` removes it/);
    expect(result.stderr).toMatch(/delete it if nobody needs it/);
    expect(result.stderr).not.toContain('is writing'); // a dead holder is no running generate
  });

  it('as JSON and GitHub annotations too', async () => {
    const out = await freshOut();
    plantDir(out, '.totem-mon-staging-abc', { '.totem-mon-staging': '' });
    const json = await generate(GOOD, out, '--check', '--format', 'json');
    expect(json.code, json.stderr).toBe(0);
    expect(JSON.parse(json.stdout).diagnostics).toEqual([expect.objectContaining({ id: 'output/leftover', severity: 'warning', file: '.totem-mon-staging-abc' })]);
    const github = await generate(GOOD, out, '--check', '--format', 'github');
    expect(github.stdout).toMatch(/::warning .*output\/leftover.*\.totem-mon-staging-abc/);
    expect(existsSync(path.join(out, '.totem-mon-staging-abc', '.totem-mon-staging'))).toBe(true);
  });

  it('none while a generate holds the lock (its staging folder is in use)', async () => {
    const out = await freshOut();
    plantDir(out, '.totem-mon-staging-abc', { '.totem-mon-staging': '' });
    writeFileSync(path.join(out, '.totem-mon.lock'), `${JSON.stringify({ pid: liveProcess(), host: os.hostname(), started: '2026-11-25T17:00:00.000Z', command: 'generate' })}\n`);
    const result = await generate(GOOD, out, '--check');
    expect(result.stderr).not.toContain('output/leftover');
    expect(result.stderr).toContain('is writing');
  });

  it('none in a clean out/', async () => {
    const result = await generate(GOOD, await freshOut(), '--check');
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
  });
});

