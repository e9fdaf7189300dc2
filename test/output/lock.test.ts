/**
 * Issue 13, two generates on one out/: a lock file (created exclusively) names its holder; a lock
 * whose process is gone is stale and taken over.
 */
import { spawnSync, spawn } from 'node:child_process';
import { existsSync, lutimesSync, mkdirSync, readdirSync, readFileSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/cli.js';
import { GOOD, generate } from '../helpers/output.js';
import { killChildren, liveProcess, zombie } from '../helpers/processes.js';
import { processIdentity } from '../../src/io/process-alive.js';
import { acquireLock } from '../../src/io/lock.js';
import { outputRoot } from '../../src/io/safe-path.js';

const LOCK = '.totem-mon.lock';
const children: Array<ReturnType<typeof spawn>> = [];

afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
  killChildren();
});

function lockFile(out: string, pid: number, started = '2026-11-25T17:00:00.000Z', identity?: string): void {
  mkdirSync(out, { recursive: true });
  writeFileSync(path.join(out, LOCK), `${JSON.stringify({ pid, host: os.hostname(), started, command: 'generate', ...(identity ? { identity } : {}) })}\n`);
}

describe('the output lock', () => {
  it('a live holder: exit 1, the message names its pid, host and start time, nothing written', async () => {
    const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
    children.push(holder);
    const out = path.join(tempDir(), 'out');
    lockFile(out, holder.pid!);
    const result = await generate(GOOD, out);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `error [output/locked] ${LOCK}: another totem-mon generate (pid ${holder.pid} on ${os.hostname()}, started 2026-11-25T17:00:00.000Z) is writing ${out}`,
    );
    expect(existsSync(path.join(out, 'prometheus'))).toBe(false);
    expect(existsSync(path.join(out, LOCK))).toBe(true); // not ours to remove
  });

  it('a stale lock (its process is gone) is taken over, and released at the end', async () => {
    const dead = spawnSync(process.execPath, ['-e', '0']).pid;
    const out = path.join(tempDir(), 'out');
    lockFile(out, dead);
    const result = await generate(GOOD, out);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain(`took over a stale lock`);
    expect(existsSync(path.join(out, 'prometheus/prometheus.yml'))).toBe(true);
    expect(existsSync(path.join(out, LOCK))).toBe(false);
  });

  it('an unreadable lock left by a crash long ago is stale too', async () => {
    const out = path.join(tempDir(), 'out');
    mkdirSync(out);
    writeFileSync(path.join(out, LOCK), '');
    const old = new Date(Date.now() - 10 * 60_000);
    (await import('node:fs')).utimesSync(path.join(out, LOCK), old, old);
    const result = await generate(GOOD, out);
    expect(result.code, result.stderr).toBe(0);
  });

  it('a link planted at the lock name is never followed: taken over as a stale lock, its target untouched', async () => {
    const target = path.join(tempDir(), 'precious.txt');
    writeFileSync(target, 'precious\n');
    const out = path.join(tempDir(), 'out');
    mkdirSync(out);
    symlinkSync(target, path.join(out, LOCK));
    const old = new Date(Date.now() - 10 * 60_000);
    lutimesSync(path.join(out, LOCK), old, old);
    const result = await generate(GOOD, out);
    expect(result.code, result.stderr).toBe(0);
    expect(readFileSync(target, 'utf8')).toBe('precious\n');
    expect(existsSync(path.join(out, LOCK))).toBe(false);
  });

  it('a folder or a file with other content at the lock name, however old, is no lock: never moved or deleted, exit 1 naming it', async () => {
    for (const plant of ['folder', 'file'] as const) {
      const out = path.join(tempDir(), 'out');
      mkdirSync(out);
      const lock = path.join(out, LOCK);
      if (plant === 'folder') {
        mkdirSync(lock);
        writeFileSync(path.join(lock, 'notes.txt'), 'keep me\n');
      } else {
        writeFileSync(lock, 'my notes, not a lock\n');
      }
      const old = new Date(Date.now() - 60 * 60_000);
      utimesSync(lock, old, old);
      const result = await generate(GOOD, out);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(
        `error [output/not-owned] ${LOCK}: ${lock} is ${plant === 'folder' ? 'a folder' : 'a file that holds no lock'}, not a lock totem-mon made: it is never moved or deleted, so generate cannot take the lock`,
      );
      expect(result.stderr).toContain(`hint: move it out of ${out} (totem-mon keeps that name for its lock), then run generate again`);
      if (plant === 'folder') expect(readFileSync(path.join(lock, 'notes.txt'), 'utf8')).toBe('keep me\n');
      else expect(readFileSync(lock, 'utf8')).toBe('my notes, not a lock\n');
      expect(readdirSync(out).sort()).toEqual([LOCK]); // nothing set aside, nothing written
      const check = await generate(GOOD, out, '--check');
      expect(check.stderr).toContain(`is ${plant === 'folder' ? 'a folder' : 'a file that holds no lock'} with the name of totem-mon's lock, which it did not make`);
    }
  });

  it('--check does not wait for or take the lock, but says a generate is running', async () => {
    const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
    children.push(holder);
    const out = path.join(tempDir(), 'out');
    expect((await generate(GOOD, out)).code).toBe(0);
    lockFile(out, holder.pid!);
    const result = await generate(GOOD, out, '--check');
    expect(result.stderr).toContain(`a generate (pid ${holder.pid}`);
  });

  it('the lock records what tells its holder from a later process with its pid', async () => {
    const out = path.join(tempDir(), 'out');
    const holder = liveProcess();
    lockFile(out, holder, undefined, processIdentity(holder));
    const locked = await generate(GOOD, out);
    expect(locked.code).toBe(1);
    expect(locked.stderr).toContain('[output/locked]');
  });
});

describe.runIf(process.platform === 'linux')('a lock whose holder has ended, though its pid answers (Linux)', () => {
  it('a zombie holder (ended, not yet reaped by its parent) is gone: its lock is taken over', async () => {
    const out = path.join(tempDir(), 'out');
    lockFile(out, await zombie());
    const result = await generate(GOOD, out);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('took over a stale lock');
    expect(existsSync(path.join(out, LOCK))).toBe(false);
  });

  it('a pid another process got since the holder ended (its start time differs) is not the holder: taken over', async () => {
    const out = path.join(tempDir(), 'out');
    const other = liveProcess();
    const [boot, start] = processIdentity(other)!.split(':');
    lockFile(out, other, undefined, `${boot}:${Number(start) - 100}`);
    const result = await generate(GOOD, out);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain(`took over a stale lock (pid ${other} on ${os.hostname()}`);
  });

  it('a pid recorded before a reboot is not the holder either', async () => {
    const out = path.join(tempDir(), 'out');
    const other = liveProcess();
    const start = processIdentity(other)!.split(':')[1];
    lockFile(out, other, undefined, `00000000-0000-0000-0000-000000000000:${start}`);
    expect((await generate(GOOD, out)).code).toBe(0);
  });

  it('a generate records its identity in the lock it holds', () => {
    const out = path.join(tempDir(), 'out');
    mkdirSync(out);
    const lock = acquireLock(outputRoot(out), 'generate');
    try {
      expect(JSON.parse(readFileSync(path.join(out, LOCK), 'utf8'))).toMatchObject({ pid: process.pid, identity: processIdentity() });
      expect(processIdentity()).toMatch(/^[0-9a-f-]+:\d+$/);
    } finally {
      lock.release();
    }
  });
});
