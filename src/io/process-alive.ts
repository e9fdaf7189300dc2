import fs from 'node:fs';
import { isErrno } from './output-problem.js';

/**
 * Whether a process of this host still runs, for the output lock (src/io/lock.ts). `kill(pid, 0)`
 * alone is not enough: it succeeds on a zombie (a process that has ended but whose parent has not
 * reaped it yet), and on whatever process got the pid after the holder ended. On Linux,
 * /proc/<pid>/stat tells both: the state (`Z`, `X`: ended) and the start time, in clock ticks since
 * boot, which the lock records with the boot's id. Elsewhere, `kill(pid, 0)`.
 */

const BOOT_ID = '/proc/sys/kernel/random/boot_id';

interface ProcStat {
  state: string;
  starttime: string;
}

/** /proc/<pid>/stat's state and start time; null when there is no such process; undefined when /proc cannot tell. */
function procStat(pid: number | 'self'): ProcStat | null | undefined {
  let text: string;
  try {
    text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch (error) {
    if (isErrno(error) && error.code === 'ENOENT' && fs.existsSync('/proc/self/stat')) return null;
    return undefined;
  }
  // `pid (comm) state ppid …`: comm may hold spaces and parentheses, so read from the last ')'.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  const state = fields[0];
  const starttime = fields[19]; // field 22 of proc(5), the 20th after comm
  if (!state || !starttime || !/^\d+$/.test(starttime)) return undefined;
  return { state, starttime };
}

let bootId: string | null | undefined;
function currentBoot(): string | undefined {
  if (bootId === undefined) {
    try {
      bootId = fs.readFileSync(BOOT_ID, 'utf8').trim() || null;
    } catch {
      bootId = null;
    }
  }
  return bootId ?? undefined;
}

/**
 * What tells this very process from a later one with the same pid: `<boot id>:<start time>` on
 * Linux, undefined where /proc cannot tell.
 */
export function processIdentity(pid: number | 'self' = 'self'): string | undefined {
  const stat = procStat(pid);
  const boot = currentBoot();
  return stat && boot ? `${boot}:${stat.starttime}` : undefined;
}

/**
 * True when the process `pid` of this host has ended: no such pid, a zombie, or (when `identity`,
 * from processIdentity, was recorded while it ran) another process that got its pid since.
 */
export function processGone(pid: number, identity?: string): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return true;
  const stat = procStat(pid);
  if (stat === null) return true;
  if (stat) {
    if (stat.state === 'Z' || stat.state === 'X' || stat.state === 'x') return true;
    const boot = currentBoot();
    if (identity !== undefined && boot !== undefined && identity !== `${boot}:${stat.starttime}`) return true;
    return false;
  }
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return isErrno(error) && error.code === 'ESRCH';
  }
}
