import { spawn } from 'node:child_process';
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
