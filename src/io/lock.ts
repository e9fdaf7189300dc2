import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isErrno, outputProblem, writeFailed } from './output-problem.js';
import { processGone, processIdentity } from './process-alive.js';
import type { OutputRoot } from './safe-path.js';

/**
 * One generate at a time per output folder: `out/.totem-mon.lock`, created exclusively (O_EXCL),
 * holds who owns it. A lock whose process is gone (same host: no such pid, a zombie, or another
 * process with its pid since: src/io/process-alive.ts) is stale and taken over; a lock from another
 * host cannot be judged and is reported with its holder.
 */
export const LOCK = '.totem-mon.lock';

/** An unreadable lock (its writer died between creating and filling it) older than this is stale. */
const UNREADABLE_STALE_MS = 30_000;

export interface LockHolder {
  pid: number;
  host: string;
  started: string;
  command: string;
  /** Tells the holder from a later process with its pid (processIdentity); absent where the host cannot tell. */
  identity?: string;
}

export interface HeldLock {
  /** The stale holder that was replaced, if any (reported as a note). */
  tookOver?: LockHolder | 'unreadable';
  /** Entries named like the lock's leftovers that this module did not make: left in place (reported as notes). */
  leftInPlace: string[];
  release(): void;
}

function parseHolder(text: string): LockHolder | undefined {
  try {
    const value = JSON.parse(text) as Partial<LockHolder>;
    if (typeof value.pid === 'number' && typeof value.host === 'string' && typeof value.started === 'string') {
      const identity = typeof value.identity === 'string' ? { identity: value.identity } : {};
      return { pid: value.pid, host: value.host, started: value.started, command: String(value.command ?? 'generate'), ...identity };
    }
  } catch {
    // unreadable
  }
  return undefined;
}

/** What a lock file of this module may hold: a holder, nothing yet, or the start of one (a writer killed midway). */
function lockContent(text: string): boolean {
  return text === '' || parseHolder(text) !== undefined || (text.length < 4096 && '{"pid":'.startsWith(text.slice(0, 7)));
}

export interface LockState {
  holder: LockHolder | undefined;
  text: string;
  ageMs: number;
  ino: number;
  /**
   * What stands at the lock's name when it is no lock this module made (`a folder`, `a file that
   * holds no lock`): never taken over, moved or deleted. Undefined for a lock file, and for a link
   * (never read through; removing it removes only the link, so an old one is taken over).
   */
  foreign?: string;
}

/** The lock's holder as it stands (undefined when there is no lock). */
export function readLock(root: OutputRoot): LockState | undefined {
  const file = path.join(root.dir, LOCK);
  try {
    const stats = fs.lstatSync(file);
    // Never read through a link planted at the lock's name: it is an unreadable lock.
    const text = stats.isFile() ? fs.readFileSync(file, 'utf8') : '';
    const foreign = stats.isDirectory() ? 'a folder' : stats.isFile() ? (lockContent(text) ? undefined : 'a file that holds no lock') : stats.isSymbolicLink() ? undefined : 'neither a file nor a folder';
    return { holder: parseHolder(text), text, ageMs: Date.now() - stats.mtimeMs, ino: stats.ino, ...(foreign ? { foreign } : {}) };
  } catch (error) {
    if (isErrno(error) && error.code === 'ENOENT') return undefined;
    throw error;
  }
}

export function describeHolder(holder: LockHolder): string {
  return `pid ${holder.pid} on ${holder.host}, started ${holder.started}`;
}

/** Whether the lock as it stands is a dead run's: its holder gone from this host, or unreadable for long (never something else at its name). */
export function isStale(lock: LockState): boolean {
  if (lock.foreign !== undefined) return false;
  if (lock.holder === undefined) return lock.ageMs > UNREADABLE_STALE_MS;
  return lock.holder.host === os.hostname() && processGone(lock.holder.pid, lock.holder.identity);
}

/**
 * Creates the lock with its content in one step, so that a run killed at any moment never leaves
 * an empty lock that nobody could judge: the content goes to a private file first, which is then
 * hard-linked to the lock's name (link fails when the name exists, like O_EXCL). Where the file
 * system has no hard links, an exclusive create. False when the lock exists.
 */
function createWithContent(root: OutputRoot, file: string, text: string): boolean {
  const temp = path.join(root.dir, `${LOCK}.new-${process.pid}-${randomBytes(6).toString('hex')}`);
  fs.writeFileSync(temp, text, { flag: 'wx', mode: 0o644 });
  try {
    fs.linkSync(temp, file);
    return true;
  } catch (error) {
    if (isErrno(error) && error.code === 'EEXIST') return false;
    if (isErrno(error) && ['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV'].includes(error.code ?? '')) {
      try {
        fs.writeFileSync(file, text, { flag: 'wx', mode: 0o644 });
        return true;
      } catch (fallback) {
        if (isErrno(fallback) && fallback.code === 'EEXIST') return false;
        throw fallback;
      }
    }
    throw error;
  } finally {
    fs.rmSync(temp, { force: true });
  }
}

const LEFTOVER_NEW = new RegExp(`^${LOCK.replace(/\./g, '\\.')}\\.new-(\\d+)-[0-9a-f]{12}$`);
const LEFTOVER_STALE = new RegExp(`^${LOCK.replace(/\./g, '\\.')}\\.stale-[0-9a-f]{12}$`);
const LEFTOVER_LOOSE = new RegExp(`^${LOCK.replace(/\./g, '\\.')}\\.(new|stale)-`);

/** A file as this module writes it: a regular file (lstat), small, holding a lock's JSON (or nothing yet). */
function madeHere(full: string): boolean {
  const stats = fs.lstatSync(full, { throwIfNoEntry: false });
  if (!stats?.isFile() || stats.size > 4096) return false;
  return lockContent(fs.readFileSync(full, 'utf8'));
}

/**
 * Files of a run killed while taking the lock: `.totem-mon.lock.new-<pid>-…` of a process that is
 * gone, and `.totem-mon.lock.stale-…` (a stale lock set aside); `ours` when provably made by this
 * module (the exact name it makes, a regular file holding a lock), else something else under such
 * a name (a folder, a link, other content). Read only.
 */
export function lockLeftovers(root: OutputRoot): Array<{ name: string; ours: boolean }> {
  const found: Array<{ name: string; ours: boolean }> = [];
  for (const name of fs.readdirSync(root.dir)) {
    if (!LEFTOVER_LOOSE.test(name)) continue;
    const fresh = LEFTOVER_NEW.exec(name);
    if (fresh && (Number(fresh[1]) === process.pid || !processGone(Number(fresh[1])))) continue; // a live run's
    found.push({ name, ours: Boolean(fresh || LEFTOVER_STALE.test(name)) && madeHere(path.join(root.dir, name)) });
  }
  return found;
}

/**
 * Removes the lock's leftovers (lockLeftovers) that this module made, by its next holder; anything
 * else is never removed: returned, to be reported.
 */
function removeLeftovers(root: OutputRoot): string[] {
  const leftInPlace: string[] = [];
  for (const { name, ours } of lockLeftovers(root)) {
    if (ours) fs.unlinkSync(path.join(root.dir, name));
    else leftInPlace.push(name);
  }
  return leftInPlace;
}

export function acquireLock(root: OutputRoot, command: string): HeldLock {
  const file = path.join(root.dir, LOCK);
  const shown = path.join(root.shown, LOCK);
  const identity = processIdentity();
  const me: LockHolder = { pid: process.pid, host: os.hostname(), started: new Date().toISOString(), command, ...(identity ? { identity } : {}) };
  const text = `${JSON.stringify(me)}\n`;
  let tookOver: HeldLock['tookOver'];
  for (let attempt = 0; attempt < 3; attempt++) {
    let created: boolean;
    try {
      created = createWithContent(root, file, text);
    } catch (error) {
      throw writeFailed(error, 'create the lock', LOCK, shown);
    }
    if (created) {
      const leftInPlace = removeLeftovers(root);
      return {
        ...(tookOver ? { tookOver } : {}),
        leftInPlace,
        release() {
          // Only our own lock: if someone judged us stale and took over, theirs stays.
          if (readLock(root)?.text === text) fs.unlinkSync(file);
        },
      };
    }
    const current = readLock(root);
    if (current === undefined) continue; // released meanwhile
    if (current.foreign !== undefined) {
      throw outputProblem(
        'output/not-owned',
        LOCK,
        `${shown} is ${current.foreign}, not a lock totem-mon made: it is never moved or deleted, so generate cannot take the lock`,
        `move it out of ${root.shown} (totem-mon keeps that name for its lock), then run generate again`,
      );
    }
    if (!isStale(current)) {
      const who = current.holder
        ? `another totem-mon ${current.holder.command} (${describeHolder(current.holder)})`
        : `another totem-mon generate (its lock is not written yet or cannot be read; if no generate runs, the next one takes it over ${UNREADABLE_STALE_MS / 1000} s after its last change)`;
      throw outputProblem(
        'output/locked',
        LOCK,
        `${who} is writing ${root.shown}`,
        current.holder && current.holder.host !== os.hostname()
          ? `wait for it to finish; if that process is gone (it runs on another host, so totem-mon cannot tell), delete ${shown}`
          : `wait for it to finish, then run generate again`,
      );
    }
    // Take the stale lock aside under a private name, then make sure it is the one judged stale
    // (same inode: another process may have replaced it in between): if not, put it back.
    const aside = `${file}.stale-${randomBytes(6).toString('hex')}`; // removed by removeLeftovers if we die here
    try {
      fs.renameSync(file, aside);
    } catch (error) {
      if (isErrno(error) && error.code === 'ENOENT') continue;
      throw writeFailed(error, 'take over the stale lock', LOCK, shown);
    }
    const asideIno = fs.lstatSync(aside, { throwIfNoEntry: false })?.ino;
    if (asideIno === undefined) continue; // the new holder cleared it away: try again
    if (asideIno !== current.ino) {
      try {
        fs.linkSync(aside, file);
      } catch {
        // someone holds the lock again: theirs stays
      }
      fs.unlinkSync(aside);
      continue;
    }
    fs.unlinkSync(aside);
    tookOver = current.holder ?? 'unreadable';
  }
  throw outputProblem('output/locked', LOCK, `could not take the lock ${shown}: other generates keep taking it`, 'run generate again');
}
