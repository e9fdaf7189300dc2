import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Diagnostic, SourceRef } from '../diagnostic.js';
import { UsageError } from '../diagnostic.js';
import { rememberCallSite } from '../source-sites.js';
import { runLoader, type LoaderOutcome } from './loader/spawn.js';
import type { LoaderRequest } from './loader/protocol.js';
import type { NondeterministicUse } from './loader/nondeterminism.js';
import type { FilesRead } from './loader/reads.js';
import { reviveTransferred } from './loader/transfer.js';
import { DEFAULT_LOAD_TIMEOUT_MS } from './loader/timeout.js';
import { ownModule } from '../own-files.js';
import { EarlyExpressions, type ManyTexts } from './early-expressions.js';
import type { EarlyParses } from '../promql/early.js';

const ENTRY_NAMES = ['index.ts', 'index.mts', 'index.js', 'index.mjs'];

export interface LoadedDefinitions {
  /** Absolute definitions folder. */
  dir: string;
  /** Entry file, relative to the folder above the definitions (e.g. `definitions/index.ts`). */
  entry: string;
  /** The default export, not yet checked. */
  project?: unknown;
  diagnostics: Diagnostic[];
  /** PromQL parsed while the definitions ran (src/io/early-expressions.ts), for the checks' context to take. */
  early?: EarlyParses;
  /** Calls to the clock or to chance the definitions made while they ran (check definitions/nondeterministic). */
  nondeterministic?: NondeterministicUse[];
  /** The user's modules that ran (absolute paths): the definitions and the files they import, wherever those are. */
  modules: string[];
  /** The other files they read and the folders they listed (src/io/loader/reads.ts); absent when they did not load. */
  files?: FilesRead;
}

export interface LoadOptions {
  /** How long the definitions may take to load (ms); see loader/timeout.ts. */
  timeoutMs?: number;
  /** Stops a load that is no longer wanted (its process killed, its output dropped). */
  signal?: AbortSignal;
  /** A load started on a guess: its standard error is passed on once this settles true (src/io/loader/spawn.ts). */
  wanted?: Promise<boolean>;
  /** Told once as many PromQL texts have come while the definitions load (src/io/early-expressions.ts). */
  manyExpressions?: ManyTexts;
}

/**
 * The users' definitions import 'totem-mon'; point that at this very copy of the API, so the
 * definitions are built by the same version that compiles them (from src/ in tests, dist/ when built).
 */
export const selfEntry = (): string => fileURLToPath(ownModule('index'));

/** Paths in diagnostics and headers are relative to the folder that holds the definitions folder. */
export function relativizer(dir: string): (file: string) => string {
  const base = path.dirname(dir);
  return (file) => (path.isAbsolute(file) ? path.relative(base, file) : file).split(path.sep).join('/');
}

function loadError(message: string, hint: string, source: SourceRef): Diagnostic {
  return { id: 'load', severity: 'error', message, hint, source };
}

const FIX_HINT = 'fix the error in the definition file; `npx tsc --noEmit` shows type errors with more detail';
const TIMEOUT_HINT = 'a loop that never ends, or a top-level await on something that never settles? If loading is only slow, raise the limit: --load-timeout SECONDS or TOTEM_MON_LOAD_TIMEOUT';

/**
 * The loader process's outcome as diagnostics (and the default export, when it loaded). `what` names
 * what was loaded in messages: the definitions, or the config file.
 */
export function diagnose(
  outcome: LoaderOutcome,
  entry: string,
  relative: (file: string) => string,
  what = 'the definitions',
): { project?: unknown; diagnostics: Diagnostic[]; nondeterministic?: NondeterministicUse[] } {
  const at = (file: string | undefined): SourceRef => ({ file: file ? relative(file) : entry, line: 1, column: 1 });
  const diagnostics: Diagnostic[] = [];
  let project: unknown;
  let nondeterministic: NondeterministicUse[] | undefined;
  const reply = outcome.reply;
  if (outcome.timedOut) {
    const where = outcome.running ? `${relative(outcome.running)} was still running` : outcome.handingOver ? 'the project was being handed over (a getter that never returns?)' : `${entry} had not finished`;
    diagnostics.push(loadError(`${what} did not finish loading within ${outcome.timeoutMs / 1000} s: ${where}`, TIMEOUT_HINT, at(outcome.running)));
  } else if (reply?.type === 'loaded') {
    project = reviveTransferred(reply.project, reply.markers);
    for (let i = 0; i < reply.sources.length; i++) rememberCallSite(reply.sources[i]!, reply.sites[i]!);
    if (reply.nondeterministic && reply.nondeterministic.length > 0) nondeterministic = reply.nondeterministic;
  } else if (reply?.type === 'failed') {
    diagnostics.push(loadError(`${what} could not be loaded: ${reply.message}`, FIX_HINT, reply.source ?? at(undefined)));
  } else if (reply?.type === 'exited') {
    diagnostics.push(
      loadError(
        `${what} called process.exit(${reply.code}) while loading: they must not end the process, whatever the code`,
        'remove the call; to refuse bad input, throw an Error (it is reported here, with its line)',
        reply.source ?? at(outcome.running),
      ),
    );
  } else if (outcome.exitCode === 13) {
    diagnostics.push(
      loadError(
        `${what} never finished loading: a top-level await in ${outcome.running ? relative(outcome.running) : entry} waits on a promise that can never settle`,
        'await only promises that settle (nothing else is pending, so this one never will)',
        at(outcome.running),
      ),
    );
  } else {
    const how = outcome.signal ? `signal ${outcome.signal}` : `exit code ${outcome.exitCode}`;
    diagnostics.push(
      loadError(
        `the process loading ${what} ended before ${what === 'the definitions' ? 'they were' : 'it was'} loaded (${how})${outcome.running ? `, while ${relative(outcome.running)} was running` : ''}`,
        'definitions must not end or kill the process (process.reallyExit, process.kill, process.abort); see the messages above',
        at(outcome.running),
      ),
    );
  }
  if (outcome.stdout.length > 0) {
    const lines = outcome.stdout.replace(/\n$/, '').split('\n');
    const shown = lines.slice(0, 3).map((l) => (l.length > 120 ? `${l.slice(0, 120)}…` : l));
    diagnostics.push({
      id: 'load',
      severity: 'warning',
      message: `${what} wrote ${lines.length} line(s) to standard output while loading, which totem-mon keeps for its report: ${shown.map((l) => JSON.stringify(l)).join(', ')}${lines.length > shown.length ? ', …' : ''}`,
      hint: 'remove the console.log / process.stdout.write (console.error writes to standard error, which is passed on)',
      source: at(undefined),
    });
  }
  return { project, diagnostics, ...(nondeterministic ? { nondeterministic } : {}) };
}

/**
 * Starts loading now, for the caller to await later: the commands start the loader process first
 * and import the compilers and checks while it runs (two cores, both busy). The promise is marked
 * handled, so a usage error surfaces where it is awaited, not as an unhandled rejection meanwhile.
 */
export function startLoading(definitionsDir: string, options: LoadOptions = {}): Promise<LoadedDefinitions> {
  const loading = loadDefinitions(definitionsDir, options);
  loading.catch(() => {});
  return loading;
}

/** A definitions folder checked and its entry file found, ready to load. */
export interface DefinitionsTarget {
  dir: string;
  entryPath: string;
  /** The entry file as messages name it (relative to the folder above the definitions). */
  entry: string;
}

/** Checks the definitions folder and finds its entry file: a usage error (thrown) when either is missing. */
export function definitionsTarget(definitionsDir: string): DefinitionsTarget {
  const dir = path.resolve(definitionsDir);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new UsageError(`definitions folder not found: ${definitionsDir}`, 2, 'run from the folder that holds definitions/, or pass --definitions DIR');
  }
  const entryName = ENTRY_NAMES.find((name) => existsSync(path.join(dir, name)));
  if (!entryName) {
    throw new UsageError(`no entry file in ${definitionsDir}`, 2, `create ${path.join(definitionsDir, 'index.ts')} with \`export default defineProject({ … })\``);
  }
  const entryPath = path.join(dir, entryName);
  return { dir, entryPath, entry: relativizer(dir)(entryPath) };
}

/** What the loader process is told: the files it loads in turn (src/io/loader/protocol.ts). */
export function loaderRequest(loads: LoaderRequest['loads']): LoaderRequest {
  return { loads, selfEntry: pathToFileURL(selfEntry()).href };
}

export async function loadDefinitions(definitionsDir: string, options: LoadOptions = {}): Promise<LoadedDefinitions> {
  const target = definitionsTarget(definitionsDir);
  const early = new EarlyExpressions(options.signal, options.manyExpressions);
  const outcome = await runLoader(
    loaderRequest([{ entry: target.entryPath, dir: target.dir }]),
    options.timeoutMs ?? DEFAULT_LOAD_TIMEOUT_MS,
    { ...(options.signal ? { signal: options.signal } : {}), ...(options.wanted ? { wanted: options.wanted } : {}), expressions: early.receive },
  );
  return loadedDefinitions(target, outcome, early);
}

/**
 * The loader's outcome for a definitions folder: its project, or the findings that stopped it;
 * `early`, what received the texts the load told (`expressions` of its LoaderControl).
 */
export function loadedDefinitions(target: DefinitionsTarget, outcome: LoaderOutcome, early?: EarlyExpressions): LoadedDefinitions {
  const { dir, entry } = target;
  const { project, diagnostics, nondeterministic } = diagnose(outcome, entry, relativizer(dir));
  if (diagnostics.some((d) => d.severity === 'error')) {
    early?.drop();
    return { dir, entry, diagnostics, modules: outcome.modules };
  }
  if (typeof project !== 'object' || project === null || (project as { kind?: unknown }).kind !== 'project') {
    diagnostics.push(
      loadError(
        `${entry} does not default-export a project`,
        "end it with `export default defineProject({ name, metrics, prometheus, … })` (import { defineProject } from 'totem-mon')",
        { file: entry, line: 1, column: 1 },
      ),
    );
    return { dir, entry, diagnostics, modules: outcome.modules };
  }
  const parses = early?.handOver();
  return { dir, entry, project, diagnostics, modules: outcome.modules, files: outcome.files, ...(parses ? { early: parses } : {}), ...(nondeterministic ? { nondeterministic } : {}) };
}
