/**
 * Issue 13, faults while writing: a disk that fills up, a read-only folder, an output path that is a
 * file. Each is an exit-1 finding that says what failed and where (never "internal error"), leaves
 * no temporary file, and the next generate, once the fault is gone, repairs out/ with no person.
 * Faults are injected by making one `node:fs` call fail, as the disk would.
 */
import fs, { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { snapshotTree, tempDir } from '../helpers/cli.js';
import { RULES, addTwoGroups, freshOut, generate, goodCopy } from '../helpers/output.js';

function errno(code: string, syscall: string, file: string): NodeJS.ErrnoException {
  const messages: Record<string, string> = {
    ENOSPC: 'no space left on device',
    EACCES: 'permission denied',
    EROFS: 'read-only file system',
  };
  return Object.assign(new Error(`${code}: ${messages[code]}, ${syscall} '${file}'`), { code, syscall, path: file });
}

/** Makes the nth renameSync into `under` fail with `code` (the moment a file lands in place). */
function failRename(under: string, code: string, nth = 1): void {
  const real = fs.renameSync;
  let seen = 0;
  vi.spyOn(fs, 'renameSync').mockImplementation((from, to) => {
    if (String(to).includes(`${path.sep}${under}${path.sep}`) && ++seen === nth) throw errno(code, 'rename', String(to));
    return real(from, to);
  });
  syncBuiltinESMExports();
}

afterEach(() => {
  vi.restoreAllMocks();
  syncBuiltinESMExports();
});

function leftovers(out: string): string[] {
  return Object.keys(snapshotTree(out))
    .concat(readdirSync(out))
    .filter((n) => /tmp|staging|\.lock/.test(n));
}

describe('a write that fails half-way', () => {
  it('disk full after one new file landed: exit 1 naming the file, then the next generate repairs', async () => {
    const definitions = goodCopy();
    const out = await freshOut(definitions);
    addTwoGroups(definitions);
    failRename(RULES, 'ENOSPC', 2);
    const failed = await generate(definitions, out);
    expect(failed.code, failed.stderr).toBe(1);
    expect(failed.stderr).toContain(`error [output/write-failed] ${RULES}/x2.yml`);
    expect(failed.stderr).toContain('no space left on device');
    expect(failed.stderr).not.toContain('internal error');
    expect(leftovers(out)).toEqual([]);
    vi.restoreAllMocks();
    syncBuiltinESMExports();
    const repaired = await generate(definitions, out);
    expect(repaired.code, repaired.stderr).toBe(0);
    expect((await generate(definitions, out, '--check')).code).toBe(0);
  });

  it('a read-only subfolder (EACCES) is reported with its path; out/ repairs itself afterwards', async () => {
    const definitions = goodCopy();
    const out = await freshOut(definitions);
    addTwoGroups(definitions);
    failRename(RULES, 'EACCES', 1);
    const failed = await generate(definitions, out);
    expect(failed.code, failed.stderr).toBe(1);
    expect(failed.stderr).toContain('[output/write-failed]');
    expect(failed.stderr).toContain('permission denied');
    vi.restoreAllMocks();
    syncBuiltinESMExports();
    expect((await generate(definitions, out)).code).toBe(0);
    expect((await generate(definitions, out, '--check')).code).toBe(0);
  });

  it('a read-only file system before anything landed leaves out/ entirely old', async () => {
    const definitions = goodCopy();
    const out = await freshOut(definitions);
    const before = snapshotTree(out);
    addTwoGroups(definitions);
    failRename('prometheus', 'EROFS', 1); // prometheus/prometheus.yml is the first file to land
    const failed = await generate(definitions, out);
    expect(failed.code, failed.stderr).toBe(1);
    expect(failed.stderr).toContain('read-only file system');
    expect(snapshotTree(out)).toEqual(before);
    expect(leftovers(out)).toEqual([]);
  });
});

describe('a file that cannot be read', () => {
  /** Makes opening files whose path ends with `suffix` fail with EACCES. */
  function failOpen(suffix: string): void {
    const real = fs.openSync;
    vi.spyOn(fs, 'openSync').mockImplementation(((file: fs.PathLike, ...rest: unknown[]) => {
      if (String(file).endsWith(suffix)) throw errno('EACCES', 'open', String(file));
      return (real as (...a: unknown[]) => number)(file, ...rest);
    }) as typeof fs.openSync);
    syncBuiltinESMExports();
  }

  it('an unreadable manifest: generate says which file and why, exit 1', async () => {
    const out = await freshOut();
    failOpen('.totem-mon-manifest.json');
    const result = await generate(goodCopy(), out);
    expect(result.code, result.stderr).toBe(1);
    expect(result.stderr).toContain(`error [output/write-failed] .totem-mon-manifest.json: could not read ${path.join(out, '.totem-mon-manifest.json')}: permission denied (EACCES)`);
    expect(result.stderr).not.toContain('internal error');
  });

  it('an unreadable generated file: --check lists it, exit 1', async () => {
    const out = await freshOut();
    failOpen('app_alerts.yml');
    const result = await generate(goodCopy(), out, '--check');
    expect(result.code, result.stderr).toBe(1);
    expect(result.stderr).toContain(`unreadable: ${path.join(out, RULES, 'app_alerts.yml')} (EACCES)`);
    expect(result.stderr).not.toContain('internal error');
  });
});

describe('an output path that cannot be a folder', () => {
  it('--out naming a file: exit 1, says so, writes nothing', async () => {
    const file = path.join(tempDir(), 'out');
    writeFileSync(file, 'a file\n');
    const result = await generate(goodCopy(), file);
    expect(result.code, result.stderr).toBe(1);
    expect(result.stderr).toContain(`${file} is not a folder`);
    expect(result.stderr).not.toContain('internal error');
  });

  it('a file where out/ needs a folder: exit 1, names it', async () => {
    const out = path.join(tempDir(), 'out');
    mkdirSync(out);
    writeFileSync(path.join(out, 'prometheus'), 'in the way\n');
    const result = await generate(goodCopy(), out);
    expect(result.code, result.stderr).toBe(1);
    expect(result.stderr).toContain(`${path.join(out, 'prometheus')} is not a folder`);
    expect(existsSync(path.join(out, '.totem-mon-manifest.json'))).toBe(false);
  });
});
