/**
 * Starts the loader process (loader-process.ts) and watches it: its reply, its progress, its output and the
 * time limit. A process cannot stop a synchronous infinite loop in itself; it can kill another one.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { PREFORKED_LOADER, PROGRESS_FD, TEXTS, type LoaderBoot, type LoaderReply, type LoaderRequest, type LoadsMessage } from './protocol.js';
import { splitAtNextLoad } from './split-output.js';
import type { FilesRead } from './reads.js';
import { builtLoaderEntry, fromSource, ownModule, repositoryFile } from '../../own-files.js';

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
  /** Every module of the user's that started running (absolute paths, in the order they started). */
  modules: string[];
  /** The other files the load read and the folders it listed (reads.ts); none when it did not load. */
  files: FilesRead;
  /** What the definitions wrote to standard output (never passed on to totem-mon's stdout). */
  stdout: string;
}

/**
 * How to start the loader process: built (dist/), boot.cjs, which runs the loader's bundle from its
 * code cache; from source (src/, tests), child.ts through the repository's TS hooks.
 */
function command(): string[] {
  return fromSource ? ['--import', repositoryFile('scripts/ts-register.mjs').href, fileURLToPath(ownModule('io/loader/child'))] : [fileURLToPath(builtLoaderEntry())];
}

// Profiling flags given to totem-mon (`node --cpu-prof bin/totem-mon.js …`) profile the loader too.
const passedOn = () => profilingFlags(process.execArgv);

/**
 * The `--cpu-prof*` / `--heap-prof*` flags of Node's command line, each with its value: written
 * `--cpu-prof-interval 200`, the value is the next argument (alone, it would be read as the script).
 */
export function profilingFlags(execArgv: readonly string[]): string[] {
  const flags: string[] = [];
  for (let i = 0; i < execArgv.length; i++) {
    const arg = execArgv[i]!;
    if (!/^--(cpu|heap)-prof/.test(arg)) continue;
    flags.push(arg);
    if (/^--(cpu|heap)-prof-(dir|name|interval)$/.test(arg) && i + 1 < execArgv.length) flags.push(execArgv[++i]!);
  }
  return flags;
}

/**
 * Node's flags for the loader process: the definitions run as vm modules (vm-modules.ts), and a
 * package they import is resolved from the importing file (`import.meta.resolve` with a parent).
 * No V8 flag: its young generation is held at run time (loader-bundle.cts LOADER_YOUNG_GENERATION).
 */
export const LOADER_NODE_FLAGS: readonly string[] = ['--experimental-vm-modules', '--experimental-import-meta-resolve'];

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
  /** The PromQL texts the builders saw, in batches, while the load runs (src/io/early-expressions.ts). */
  expressions?: (texts: readonly string[]) => void;
}

/**
 * The loader process bin/run-bundle.js started before the bundle compiled (PREFORKED_LOADER), taken
 * by the first load: when it runs the very command this load would start (the same Node, flags,
 * script and boot argument: a launcher out of step with this build is not trusted) and is still
 * there. It was left unable to keep totem-mon alive while nobody needed it; from now on it is
 * watched as a process of this load's own. One that cannot be taken is killed.
 */
function adoptPreforked(args: readonly string[]): ChildProcess | undefined {
  const key = Symbol.for(PREFORKED_LOADER);
  const child = (globalThis as Record<symbol, unknown>)[key] as ChildProcess | undefined;
  if (child === undefined) return undefined;
  delete (globalThis as Record<symbol, unknown>)[key];
  const same = child.spawnargs.length === args.length + 1 && [process.execPath, ...args].every((arg, i) => child.spawnargs[i] === arg);
  if (!same || child.exitCode !== null || child.signalCode !== null || !child.connected) {
    child.kill('SIGKILL');
    return undefined;
  }
  child.ref();
  for (const stream of [child.stdout, child.stderr, child.stdio[PROGRESS_FD]]) (stream as { ref?: () => void } | null)?.ref?.();
  return child;
}

/** One load: runLoaders with a single one. */
export function runLoader(request: LoaderRequest, timeoutMs: number, control: LoaderControl = {}): Promise<LoaderOutcome> {
  return runLoaders(request, timeoutMs, [control])[0]!;
}

/** What one load of the process received: its reply, output and progress, told apart by NEXT_LOAD. */
interface Load {
  control: LoaderControl;
  reply?: LoaderReply;
  stdout: string;
  stderr: string;
  running: string[];
  /** Every module URL that started running, once each. */
  started: Set<string>;
  handingOver: boolean;
  aborted: boolean;
  settled: boolean;
  resolve: (outcome: LoaderOutcome) => void;
}

/**
 * Starts one loader process for `request.loads` (one control each) and watches it; one outcome per
 * load. A load's outcome is settled once its reply and all it printed have arrived (the process goes
 * on to the next load, or ends: the last load does not wait for that), or when the process ends.
 * The time limit counts from the start of the process, for every load, as if each had a process of
 * its own started at the same moment.
 */
export function runLoaders(request: LoaderRequest, timeoutMs: number, controls: LoaderControl[]): Array<Promise<LoaderOutcome>> {
  const loads: Load[] = [];
  const outcomes = controls.map(
    (control) =>
      new Promise<LoaderOutcome>((resolve) => {
        loads.push({ control, stdout: '', stderr: '', running: [], started: new Set(), handingOver: false, aborted: false, settled: false, resolve });
      }),
  );
  const args = [...LOADER_NODE_FLAGS, ...passedOn(), ...command()];
  const boot: LoaderBoot = { selfEntry: request.selfEntry };
  const preforked = adoptPreforked([...args, JSON.stringify(boot)]);
  const child =
    preforked ??
    spawn(process.execPath, [...args, JSON.stringify(request)], {
      stdio: ['ignore', 'pipe', 'pipe', 'pipe', 'ipc'],
      serialization: 'advanced',
      env: process.env,
    });
  if (preforked) child.send({ type: 'loads', loads: request.loads } satisfies LoadsMessage);
  let replies = 0;
  let timedOut = false;
  let exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;

  const settle = (load: Load, ended: boolean): void => {
    if (load.settled) return;
    load.settled = true;
    const { control } = load;
    const passOn = () => {
      if (load.stderr && !load.aborted) process.stderr.write(load.stderr.endsWith('\n') ? load.stderr : `${load.stderr}\n`);
    };
    if (control.wanted) void control.wanted.then((keep) => keep && passOn());
    else passOn();
    const last = load.running[load.running.length - 1];
    load.resolve({
      ...(load.reply && !(ended && timedOut) ? { reply: load.reply } : {}),
      exitCode: ended ? (exit?.code ?? null) : null,
      signal: ended ? (exit?.signal ?? null) : null,
      timedOut: ended && timedOut,
      timeoutMs,
      ...(last ? { running: fileURLToPath(last) } : {}),
      handingOver: load.handingOver,
      modules: [...load.started].map((url) => fileURLToPath(url)),
      files: (load.reply?.type === 'loaded' ? load.reply.files : undefined) ?? { read: [], listed: [] },
      stdout: load.stdout,
    });
    // A load aborted while the one before it still ran: stopped now that it is its turn.
    const next = loads[loads.indexOf(load) + 1];
    if (!ended && next?.aborted) child.kill('SIGKILL');
  };
  // A load that replied is settled once its output and progress have all passed its NEXT_LOAD.
  const stdout = splitAtNextLoad(
    (i, text) => {
      const load = loads[i];
      if (load && load.stdout.length < STDOUT_LIMIT) load.stdout += text.slice(0, STDOUT_LIMIT - load.stdout.length);
    },
    () => settleDone(),
  );
  const stderr = splitAtNextLoad(
    (i, text) => {
      if (loads[i]) loads[i].stderr += text;
      else if (text) lateStderr(text);
    },
    () => settleDone(),
  );
  let progressIndex = 0;
  // What the process writes to stderr after its last load's output ended (an exit handler): passed
  // on as that load's was. (Standard output written then is dropped: the load's report is made.)
  const lateStderr = (text: string) => {
    const last = loads[loads.length - 1]!;
    void (last.control.wanted ?? Promise.resolve(true)).then((keep) => keep && !last.aborted && process.stderr.write(text));
  };
  const settleDone = () => {
    for (let i = 0; i < loads.length; i++) {
      if (loads[i]!.reply && stdout.index > i && stderr.index > i && progressIndex > i) settle(loads[i]!, false);
    }
  };

  child.on('message', (message: LoaderReply) => {
    const load = loads[replies++];
    if (load) load.reply ??= message;
    settleDone();
  });
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => stdout.push(chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => stderr.push(chunk));
  let progress = '';
  const progressPipe = child.stdio[PROGRESS_FD] as NodeJS.ReadableStream;
  progressPipe.setEncoding('utf8');
  progressPipe.on('data', (chunk: string) => {
    progress += chunk;
    const lines = progress.split('\n');
    progress = lines.pop()!;
    for (const line of lines) {
      const [phase, rest] = [line.slice(0, 1), line.slice(2)];
      const load = loads[progressIndex];
      if (phase === TEXTS) {
        receiveTexts(load, rest);
        continue;
      }
      if (phase === '3') {
        progressIndex++;
        settleDone();
        continue;
      }
      if (!load) continue;
      if (phase === '2') load.handingOver = true;
      if (!rest.startsWith('file:')) continue;
      if (phase === '0') {
        load.running.push(rest);
        load.started.add(rest);
      }
      else if (phase === '1') load.running.splice(load.running.lastIndexOf(rest) >>> 0, 1);
    }
  });

  /** A line of texts, for the load under way (the one whose output has not ended yet). */
  const receiveTexts = (load: Load | undefined, json: string): void => {
    const listener = load?.control.expressions;
    if (!listener) return;
    let texts: unknown;
    try {
      texts = JSON.parse(json);
    } catch {
      return; // only a head start: a line that does not read is no texts
    }
    if (Array.isArray(texts)) listener(texts.filter((text): text is string => typeof text === 'string'));
  };

  loads.forEach((load, i) => {
    load.control.signal?.addEventListener('abort', () => {
      load.aborted = true;
      // The loads before this one are kept: the process is stopped once they are settled.
      if (loads.slice(0, i).every((before) => before.settled)) child.kill('SIGKILL');
    });
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
    stdout.flush();
    stderr.flush();
    const current = loads[stderr.index];
    if (current && exit?.code === 13) current.stderr = current.stderr.replace(UNSETTLED_NOTICE, '');
    for (const load of loads) settle(load, true);
  };
  child.on('exit', (code, signal) => {
    exit = { code, signal };
    setTimeout(finish, DRAIN_MS).unref();
  });
  child.on('close', finish);
  child.on('error', (error) => {
    const current = loads[stderr.index];
    if (current) current.stderr += `${error.message}\n`;
    exit ??= { code: null, signal: null };
    finish();
  });
  return outcomes;
}
