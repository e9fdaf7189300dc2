import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO } from './cli.js';

export interface ProcessResult {
  /** null when the process had to be killed (it did not end by itself within `killAfterMs`). */
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the CLI as users do, in a process of its own (from src/, through scripts/dev.mjs): what the
 * process prints and its exit code are the whole truth, as they are for CI. Killed after
 * `killAfterMs` so that a hang fails the test instead of stalling the suite.
 */
export function runCliProcess(args: string[], options: { env?: NodeJS.ProcessEnv; cwd?: string; killAfterMs?: number } = {}): Promise<ProcessResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(REPO, 'scripts/dev.mjs'), ...args], {
      cwd: options.cwd ?? REPO,
      env: { ...process.env, NO_COLOR: '1', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    let killed = false;
    const timer = setTimeout(() => {
      killed = true;
      child.kill('SIGKILL');
    }, options.killAfterMs ?? 25_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: killed ? null : code, stdout, stderr });
    });
  });
}

/** The pids a fake tool wrote down, one a line (none when it never wrote the file). */
export function pidsIn(file: string): number[] {
  return existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean).map(Number) : [];
}

/** Running (a zombie waiting for its parent to reap it counts as ended). */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true;
  }
}

/** Kills whatever the pid files name that still runs: a failed test must not leave fake tools behind. */
export function killLeftovers(pidFiles: readonly string[]): void {
  for (const file of pidFiles) for (const pid of pidsIn(file)) if (pid > 0 && alive(pid)) process.kill(pid, 'SIGKILL');
}

/** Polls `condition` every 50 ms for up to `ms`; its last answer. */
export async function until(condition: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (condition()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return condition();
}
