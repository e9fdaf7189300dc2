/**
 * Starts the loader process (child.ts) and watches it: its reply, its progress, its output and the
 * time limit. A process cannot stop a synchronous infinite loop in itself; it can kill another one.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { PROGRESS_FD, type LoaderReply, type LoaderRequest } from './protocol.js';
import { fromSource, ownModule, repositoryFile } from '../../own-files.js';

export interface LoaderOutcome {
  /** Absent when the process ended (or was killed) before replying. */
  reply?: LoaderReply;
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  timeoutMs: number;
  /** The definition module that was running last and had not finished (absolute path). */
  running?: string;
  /** The modules had all run and the project was being copied for the hand-over. */
  handingOver: boolean;
  /** What the definitions wrote to standard output (never passed on to totem-mon's stdout). */
  stdout: string;
}

/** How to start child.ts: built (dist/), or from source (src/, tests), through the repository's TS hooks. */
function command(): string[] {
  const child = fileURLToPath(ownModule('io/loader/child'));
  return fromSource ? ['--import', repositoryFile('scripts/ts-register.mjs').href, child] : [child];
}

// Profiling flags given to totem-mon (`node --cpu-prof bin/totem-mon.js …`) profile the loader too.
const passedOn = () => process.execArgv.filter((arg) => /^--(cpu|heap)-prof/.test(arg));

// Kept at most, of the definitions' standard output (it is only reported).
const STDOUT_LIMIT = 64 * 1024;
// After the process exits, how long its pipes may stay open (a grandchild holding them).
const DRAIN_MS = 200;
// Node's own notice when a top-level await cannot settle; the loader reports that itself.
const UNSETTLED_NOTICE = /Warning: Detected unsettled top-level await[\s\S]*$/;

export interface LoaderControl {
  /** Aborts a load that is no longer wanted: the process is killed, its output dropped. */
  signal?: AbortSignal;
  /** A load started on a guess: its standard error is passed on once this settles true, dropped if false. */
  wanted?: Promise<boolean>;
}

export function runLoader(request: LoaderRequest, timeoutMs: number, control: LoaderControl = {}): Promise<LoaderOutcome> {
  const { signal, wanted } = control;
  return new Promise((resolve) => {
    // V8's default young generation: what the definitions build lives until the hand-over, so a
    // larger one (as totem-mon's own process uses) only added resident memory here, not speed.
    const child = spawn(process.execPath, [...passedOn(), ...command(), JSON.stringify(request)], {
      stdio: ['ignore', 'pipe', 'pipe', 'pipe', 'ipc'],
      serialization: 'advanced',
      env: process.env,
    });
    let reply: LoaderReply | undefined;
    let stdout = '';
    let stderr = '';
    let progress = '';
    const running: string[] = [];
    let handingOver = false;
    let timedOut = false;
    let exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;

    child.on('message', (message: LoaderReply) => {
      reply ??= message;
    });
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      if (stdout.length < STDOUT_LIMIT) stdout += chunk.slice(0, STDOUT_LIMIT - stdout.length);
    });
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    const progressPipe = child.stdio[PROGRESS_FD] as NodeJS.ReadableStream;
    progressPipe.setEncoding('utf8');
    progressPipe.on('data', (chunk: string) => {
      progress += chunk;
      const lines = progress.split('\n');
      progress = lines.pop()!;
      for (const line of lines) {
        const [phase, url] = [line.slice(0, 1), line.slice(2)];
        if (phase === '2') handingOver = true;
        if (!url.startsWith('file:')) continue;
        if (phase === '0') running.push(url);
        else if (phase === '1') running.splice(running.lastIndexOf(url) >>> 0, 1);
      }
    });

    let aborted = false;
    signal?.addEventListener('abort', () => {
      aborted = true;
      child.kill('SIGKILL');
    });
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);

    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      for (const stream of [child.stdout, child.stderr, progressPipe]) (stream as { destroy?: () => void } | null)?.destroy?.();
      if (exit?.code === 13) stderr = stderr.replace(UNSETTLED_NOTICE, '');
      const passOn = () => {
        if (stderr && !aborted) process.stderr.write(stderr.endsWith('\n') ? stderr : `${stderr}\n`);
      };
      if (wanted) void wanted.then((keep) => keep && passOn());
      else passOn();
      const last = running[running.length - 1];
      resolve({
        ...(reply && !timedOut ? { reply } : {}),
        exitCode: exit?.code ?? null,
        signal: exit?.signal ?? null,
        timedOut,
        timeoutMs,
        ...(last ? { running: fileURLToPath(last) } : {}),
        handingOver,
        stdout,
      });
    };
    child.on('exit', (code, signal) => {
      exit = { code, signal };
      setTimeout(finish, DRAIN_MS).unref();
    });
    child.on('close', finish);
    child.on('error', (error) => {
      stderr += `${error.message}\n`;
      exit ??= { code: null, signal: null };
      finish();
    });
  });
}
