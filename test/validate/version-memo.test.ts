import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/cli.js';
import { findBinary, itWithBinaries } from '../helpers/tools.js';
import { resolveTool } from '../../src/validate/tools.js';
import { binaryIdentity, cacheDir, MEMO_ENTRIES, MEMO_FILE, rememberVersion } from '../../src/validate/version-memo.js';

/** A copy of a real binary under `name` in a folder of its own (a native executable whose version is known). */
function copyOf(binary: string, name: string): string {
  const file = path.join(tempDir('totem-mon-memo-bin-'), name);
  copyFileSync(findBinary(binary)!, file);
  chmodSync(file, 0o755);
  return file;
}

const memoOf = (dir: string) => JSON.parse(readFileSync(path.join(dir, MEMO_FILE), 'utf8')) as { versions: Record<string, string> };

/** Resolves amtool at `file` with the memo in `cache`. */
const amtoolAt = (file: string, cache: string) => resolveTool('amtool', { TOTEM_MON_AMTOOL: file, TOTEM_MON_CACHE_DIR: cache, PATH: '' });

/** Every remembered version set to `version`: what the next look-up says when it takes the memo instead of asking. */
function overwriteMemo(cache: string, version: string, mode = 0o600): void {
  const memo = memoOf(cache);
  for (const key of Object.keys(memo.versions)) memo.versions[key] = version;
  const file = path.join(cache, MEMO_FILE);
  writeFileSync(file, JSON.stringify({ format: 1, ...memo }));
  chmodSync(file, mode);
}

describe("the tools' versions are asked once per binary", () => {
  itWithBinaries(['amtool'])('a native binary under its own name: asked once, then remembered (the binary is not started again)', async () => {
    const cache = path.join(tempDir('totem-mon-memo-'), 'cache');
    const amtool = copyOf('amtool', 'amtool');
    expect((await amtoolAt(amtool, cache))?.version).toBe('0.25.0');
    expect(Object.values(memoOf(cache).versions)).toEqual(['0.25.0']);
    // A version the binary would never say: the second look-up took it from the memo, without running amtool.
    overwriteMemo(cache, '9.9.9');
    expect((await amtoolAt(amtool, cache))?.version).toBe('9.9.9');
  });

  itWithBinaries(['amtool'])('another binary at the same path (an upgrade, in place or replaced) is asked again', async () => {
    const cache = path.join(tempDir('totem-mon-memo-'), 'cache');
    const amtool = copyOf('amtool', 'amtool');
    expect((await amtoolAt(amtool, cache))?.version).toBe('0.25.0');
    expect(Object.keys(memoOf(cache).versions)).toHaveLength(1);
    // Rewritten in place: the same inode, another size and change time (amtool with a byte more:
    // another build of amtool, as an upgrade would be; another tool's binary would be refused).
    const upgraded = readFileSync(findBinary('amtool')!);
    writeFileSync(amtool, Buffer.concat([upgraded, Buffer.from([0])]));
    expect((await amtoolAt(amtool, cache))?.version).toBe('0.25.0');
    expect(Object.keys(memoOf(cache).versions)).toHaveLength(2);
    // Replaced by a rename, as package managers do: another inode.
    const other = copyOf('amtool', 'amtool');
    renameSync(other, amtool);
    expect((await amtoolAt(amtool, cache))?.version).toBe('0.25.0');
    expect(Object.keys(memoOf(cache).versions)).toHaveLength(3);
  });

  itWithBinaries(['amtool'])('a script, a shim (a binary of another name behind the tool\'s) and a binary that says no version are never remembered', async () => {
    const cache = path.join(tempDir('totem-mon-memo-'), 'cache');
    const dir = tempDir('totem-mon-memo-bin-');
    const script = path.join(dir, 'amtool');
    writeFileSync(script, `#!/bin/sh\nexec ${findBinary('amtool')} "$@"\n`);
    chmodSync(script, 0o755);
    expect((await amtoolAt(script, cache))?.version).toBe('0.25.0');
    const shimDir = tempDir('totem-mon-memo-shim-');
    const shim = copyOf('amtool', 'multi-tool-shim');
    symlinkSync(shim, path.join(shimDir, 'amtool'));
    expect((await amtoolAt(path.join(shimDir, 'amtool'), cache))?.version).toBe('0.25.0');
    const silent = path.join(tempDir('totem-mon-memo-bin-'), 'amtool');
    copyFileSync('/bin/true', silent);
    chmodSync(silent, 0o755);
    expect((await amtoolAt(silent, cache))?.version).toBeUndefined();
    expect(existsSync(path.join(cache, MEMO_FILE))).toBe(false);
    // Through a link whose file bears the tool's name, the file is what is remembered.
    const linked = path.join(tempDir('totem-mon-memo-link-'), 'amtool');
    symlinkSync(copyOf('amtool', 'amtool'), linked);
    expect((await amtoolAt(linked, cache))?.version).toBe('0.25.0');
    expect(Object.keys(memoOf(cache).versions)).toHaveLength(1);
    expect(Object.keys(memoOf(cache).versions)[0]).not.toContain('totem-mon-memo-link-');
  });

  itWithBinaries(['amtool'])('a memo others may write, a damaged memo or another format is ignored and replaced', async () => {
    const cache = path.join(tempDir('totem-mon-memo-'), 'cache');
    const amtool = copyOf('amtool', 'amtool');
    await amtoolAt(amtool, cache);
    overwriteMemo(cache, '9.9.9', 0o666);
    expect((await amtoolAt(amtool, cache))?.version).toBe('0.25.0');
    expect(Object.values(memoOf(cache).versions)).toEqual(['0.25.0']);
    writeFileSync(path.join(cache, MEMO_FILE), '{"format":1,"versions":{');
    expect((await amtoolAt(amtool, cache))?.version).toBe('0.25.0');
    expect(Object.values(memoOf(cache).versions)).toEqual(['0.25.0']);
    const key = Object.keys(memoOf(cache).versions)[0]!;
    writeFileSync(path.join(cache, MEMO_FILE), JSON.stringify({ format: 2, versions: { [key]: '9.9.9' } }));
    expect((await amtoolAt(amtool, cache))?.version).toBe('0.25.0');
  });

  itWithBinaries(['amtool'])('TOTEM_MON_CACHE_DIR=off keeps no memo; a cache folder that cannot be made fails nothing', async () => {
    const amtool = copyOf('amtool', 'amtool');
    const root = tempDir('totem-mon-memo-');
    expect((await resolveTool('amtool', { TOTEM_MON_AMTOOL: amtool, TOTEM_MON_CACHE_DIR: 'off', HOME: root, PATH: '' }))?.version).toBe('0.25.0');
    expect(existsSync(path.join(root, '.cache'))).toBe(false);
    const file = path.join(root, 'a-file');
    writeFileSync(file, '');
    expect((await amtoolAt(amtool, path.join(file, 'cache')))?.version).toBe('0.25.0');
  });

  it('the cache folder: TOTEM_MON_CACHE_DIR, else $XDG_CACHE_HOME/totem-mon, else ~/.cache/totem-mon', () => {
    expect(cacheDir({ TOTEM_MON_CACHE_DIR: '/srv/cache', XDG_CACHE_HOME: '/x', HOME: '/home/u' })).toBe('/srv/cache');
    expect(cacheDir({ TOTEM_MON_CACHE_DIR: 'off', HOME: '/home/u' })).toBeUndefined();
    expect(cacheDir({ XDG_CACHE_HOME: '/x', HOME: '/home/u' })).toBe('/x/totem-mon');
    // A relative XDG_CACHE_HOME is invalid by the specification: ignored.
    expect(cacheDir({ XDG_CACHE_HOME: 'rel', HOME: '/home/u' })).toBe('/home/u/.cache/totem-mon');
    expect(cacheDir({ HOME: '/home/u' })).toBe('/home/u/.cache/totem-mon');
  });

  it('identity: the real file, native executables of the named tool only; the memo keeps its newest entries', () => {
    const dir = tempDir('totem-mon-memo-id-');
    const elf = path.join(dir, 'promtool');
    writeFileSync(elf, Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]));
    const script = path.join(dir, 'amtool');
    writeFileSync(script, '#!/bin/sh\necho amtool, version 1\n');
    expect(binaryIdentity(elf, ['promtool'])).toMatch(/^\S+promtool \d+:\d+ 8 \d+ \d+$/);
    expect(binaryIdentity(elf, ['amtool'])).toBeUndefined();
    expect(binaryIdentity(script, ['amtool'])).toBeUndefined();
    expect(binaryIdentity(path.join(dir, 'missing'), ['missing'])).toBeUndefined();
    const cache = path.join(dir, 'cache');
    mkdirSync(cache);
    for (let i = 0; i < MEMO_ENTRIES + 5; i++) rememberVersion(cache, `binary ${i}`, `1.${i}`);
    const versions = memoOf(cache).versions;
    expect(Object.keys(versions)).toHaveLength(MEMO_ENTRIES);
    expect(versions[`binary ${MEMO_ENTRIES + 4}`]).toBe(`1.${MEMO_ENTRIES + 4}`);
    expect(versions['binary 0']).toBeUndefined();
  });
});
