/**
 * The tools' versions, remembered between runs, so that `validate` does not start each tool once
 * more only to ask its `--version` (promtool alone ~35 ms of CPU; the three ~0.1 s of Totem's full
 * validate, beside the definitions' loading). A version is remembered only for a native executable
 * (ELF, Mach-O, PE) whose real file bears the tool's own name, keyed by that file's identity: path,
 * device, inode, size, and modification and change times in nanoseconds. Installing another version
 * writes another file (a new inode, a new change time), which is asked again. Scripts and shims are
 * never remembered: a wrapper's own file stays the same when the binary it runs changes, and a shim
 * named otherwise (one binary for many tools) tells its tool by the name it is called by.
 *
 * The memo is one small JSON file in the user's cache folder ($TOTEM_MON_CACHE_DIR, else
 * $XDG_CACHE_HOME/totem-mon, else ~/.cache/totem-mon; TOTEM_MON_CACHE_DIR=off keeps none). A memo that
 * is not the user's own, that others may write, or that does not read is ignored; it is replaced
 * atomically, through a file of a name nobody could prepare. Nothing here ever fails a run.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readFileSync, readSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const CACHE_DIR_ENV = 'TOTEM_MON_CACHE_DIR';
export const MEMO_FILE = 'tool-versions.json';
/** The memo's format; a memo of another is ignored (and replaced at the next version asked). */
const FORMAT = 1;
/** Entries kept (the newest): a machine that changes tools often does not grow the file without end. */
export const MEMO_ENTRIES = 64;

interface MemoFile {
  format: number;
  versions: Record<string, string>;
}

/** The folder of totem-mon's caches, or undefined when there is none (TOTEM_MON_CACHE_DIR=off, no home). */
export function cacheDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const own = env[CACHE_DIR_ENV];
  if (own !== undefined && own !== '') return own === 'off' ? undefined : path.resolve(own);
  const xdg = env['XDG_CACHE_HOME'];
  if (xdg && path.isAbsolute(xdg)) return path.join(xdg, 'totem-mon');
  const home = env['HOME'] || homeDir();
  return home && path.isAbsolute(home) ? path.join(home, '.cache', 'totem-mon') : undefined;
}

/** The user's home folder, or undefined (os.homedir throws for a user without one). */
function homeDir(): string | undefined {
  try {
    return os.homedir();
  } catch {
    return undefined;
  }
}

/** ELF, Mach-O (thin and universal, either byte order), PE: the first bytes of a program the kernel runs itself. */
function isNativeExecutable(head: Buffer): boolean {
  const magic = head.readUInt32BE(0);
  return (
    magic === 0x7f454c46 ||
    [0xfeedface, 0xfeedfacf, 0xcefaedfe, 0xcffaedfe, 0xcafebabe].includes(magic) ||
    (head[0] === 0x4d && head[1] === 0x5a)
  );
}

/**
 * The identity of the binary `file` runs, for a tool whose own file is called one of `names`; undefined
 * when its version is not to be remembered (a script, a shim, a file that does not read).
 */
export function binaryIdentity(file: string, names: readonly string[]): string | undefined {
  try {
    const real = realpathSync(file);
    if (!names.includes(path.basename(real))) return undefined;
    const head = Buffer.alloc(4);
    const fd = openSync(real, 'r');
    try {
      if (readSync(fd, head, 0, 4, 0) < 4 || !isNativeExecutable(head)) return undefined;
    } finally {
      closeSync(fd);
    }
    const s = statSync(real, { bigint: true });
    // The path first, for whoever reads the memo; the device and inode alone tell the file.
    return `${real} ${s.dev}:${s.ino} ${s.size} ${s.mtimeNs} ${s.ctimeNs}`;
  } catch {
    return undefined;
  }
}

const memoPath = (dir: string) => path.join(dir, MEMO_FILE);

/** Ours to read: owned by this user and writable by nobody else (where there are users: not on Windows). */
function trusted(file: string): boolean {
  const s = statSync(file);
  if (!s.isFile()) return false;
  if (process.getuid === undefined) return true;
  return s.uid === process.getuid() && (s.mode & 0o022) === 0;
}

function readMemo(dir: string): MemoFile | undefined {
  try {
    const file = memoPath(dir);
    if (!trusted(file)) return undefined;
    const memo = JSON.parse(readFileSync(file, 'utf8')) as Partial<MemoFile>;
    if (memo.format !== FORMAT || typeof memo.versions !== 'object' || memo.versions === null) return undefined;
    return { format: FORMAT, versions: memo.versions };
  } catch {
    return undefined;
  }
}

/** The version remembered for a binary's identity, if any. */
export function rememberedVersion(dir: string | undefined, identity: string | undefined): string | undefined {
  if (dir === undefined || identity === undefined) return undefined;
  const version = readMemo(dir)?.versions[identity];
  return typeof version === 'string' && version !== '' ? version : undefined;
}

/** Remembers `version` for a binary's identity (read, changed and replaced at once: the newest entries are kept). */
export function rememberVersion(dir: string | undefined, identity: string | undefined, version: string): void {
  if (dir === undefined || identity === undefined) return;
  const versions = { ...(readMemo(dir)?.versions ?? {}) };
  delete versions[identity];
  versions[identity] = version;
  const kept = Object.entries(versions).slice(-MEMO_ENTRIES);
  const temporary = path.join(dir, `.${MEMO_FILE}.${randomBytes(6).toString('hex')}`);
  let created = false;
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    // Created exclusively (never through a link or over a file someone prepared), then renamed over the memo.
    writeFileSync(temporary, `${JSON.stringify({ format: FORMAT, versions: Object.fromEntries(kept) })}\n`, { flag: 'wx', mode: 0o600 });
    created = true;
    renameSync(temporary, memoPath(dir));
  } catch {
    // A cache that cannot be written is only a cache: the next run asks again.
    if (created) rmSync(temporary, { force: true });
  }
}
