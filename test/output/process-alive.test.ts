/**
 * The lock's test of whether its holder still runs (src/io/process-alive.ts): a zombie has ended
 * though `kill(pid, 0)` still succeeds on it, and a pid handed to another process since is not the holder.
 */
import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { processGone, processIdentity } from '../../src/io/process-alive.js';
import { killChildren, liveProcess, zombie } from '../helpers/processes.js';

afterEach(killChildren);


describe.runIf(process.platform === 'linux')('whether a lock holder still runs (Linux, /proc)', () => {
  it('a zombie has ended, though kill(pid, 0) still succeeds on it', async () => {
    const pid = await zombie();
    expect(() => process.kill(pid, 0)).not.toThrow();
    expect(processGone(pid)).toBe(true);
  });

  it('a live process runs; with the identity recorded while it ran, still', () => {
    const pid = liveProcess();
    expect(processGone(pid)).toBe(false);
    expect(processGone(pid, processIdentity(pid))).toBe(false);
  });

  it('a pid that another process got since (another start time, or another boot) is gone', () => {
    const pid = liveProcess();
    const identity = processIdentity(pid)!;
    expect(identity).toMatch(/^[0-9a-f-]+:\d+$/);
    const [boot, start] = identity.split(':');
    expect(processGone(pid, `${boot}:${Number(start) + 1}`)).toBe(true);
    expect(processGone(pid, `00000000-0000-0000-0000-000000000000:${start}`)).toBe(true);
  });

  it('no such pid, and pids that are no process at all, are gone', async () => {
    const child = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
    await new Promise((resolve) => child.once('exit', resolve));
    expect(processGone(child.pid!)).toBe(true);
    expect(processGone(0)).toBe(true);
    expect(processGone(-1)).toBe(true);
    expect(processGone(1.5)).toBe(true);
  });
});

describe('whether a lock holder still runs (any platform)', () => {
  it('this process runs', () => {
    expect(processGone(process.pid, processIdentity())).toBe(false);
  });
});
