/**
 * The loader process: runs the user's definitions, away from totem-mon's own process, and sends
 * the default export back as data (transfer.ts). Started by ../load.ts with an IPC channel, stdout
 * and stderr piped (user output never reaches totem-mon's stdout) and a time limit it enforces.
 *
 * Whatever the definitions do, the reply is one of loaded / failed / exited; a process that ends
 * without a reply (process.reallyExit, a signal, an unsettled top-level await) is a failure too.
 * One process may run several loads in turn (totem-mon.config.ts, then the definitions): each gets
 * its reply; the first that fails ends the process.
 *
 * The process's entry is child.ts (from src/, and a build without the loader's bundle) or boot.cts
 * (the build: this module and the API as one bundle, run from its code cache); both give
 * runLoaderProcess what differs between them.
 */
import { writeSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SourceRef } from '../../diagnostic.js';
import { callSiteOf, type CallSite } from '../../source-sites.js';
import { decodeMappings, originalPosition, type DecodedMappings } from './source-map.js';
import { NEXT_LOAD, PROGRESS, PROGRESS_FD, TEXTS, type LoaderBoot, type LoaderReply, type LoadsMessage, type LoadTarget } from './protocol.js';
import { EXPRESSIONS_SEEN } from '../../api/expressions-seen.js';
import { toTransferable, type MarkerPlace } from './transfer.js';
import { DefinitionModules, type DefinitionModulesOptions } from './vm-modules.js';
import { watchNondeterminism, type NondeterministicUse } from './nondeterminism.js';
import { noteRead, watchFileReads, type FilesRead } from './reads.js';

/** What the process's entry gives the loader: the API, a package resolver, and a hook for the build. */
export interface LoaderEntry {
  /**
   * The API that `import 'totem-mon'` means, given its URL (LoaderRequest.selfEntry): child.ts
   * imports it; the built loader (boot.cts) has it in its bundle, and it is the same module.
   */
  api: (selfEntry: string) => object | Promise<object>;
  /** `import.meta.resolve` with a parent (loaded when first needed), and `import()` of a resolved URL, of the entry (vm-modules.ts). */
  loadPackageResolver: DefinitionModulesOptions['loadPackageResolver'];
  importModule: DefinitionModulesOptions['importModule'];
  /** Called just before the last reply (the build writes the loader's code cache there: boot.cts). */
  beforeLastReply?: () => void;
}

/**
 * Runs the process: its loads in turn, each replied to. Settles once the last load replied; never,
 * when a definition's top-level await cannot settle (the entry's own top-level await then ends the
 * process with Node's exit code 13, which totem-mon reports as such).
 */
export async function runLoaderProcess(entry: LoaderEntry): Promise<void> {
  // The loads come with the request, or later from totem-mon when this process was started ahead of
  // need (bin/run-bundle.js: while totem-mon compiles its bundle, this one starts too).
  const request = JSON.parse(process.argv[2]!) as LoaderBoot & { loads?: LoadTarget[] };
  const send = process.send!.bind(process);
  const exit = process.exit.bind(process);

  // The channel alone must not keep the process alive: a top-level await on a promise that can
  // never settle then ends the process at once (exit code 13) instead of waiting for the time limit.
  process.channel?.unref();

  // Progress lines go out whole or not at all: a write the parent cannot take at once waits (the
  // descriptor blocks), and one cut short (a signal) goes on from where it stopped, so that no
  // half line ever runs into the next. Once a write failed (the parent went away) nothing more goes.
  let progressGone = false;
  function progress(line: string): void {
    if (progressGone) return;
    const bytes = Buffer.from(`${line}\n`);
    try {
      for (let at = 0; at < bytes.length; ) at += writeSync(PROGRESS_FD, bytes, at);
    } catch {
      progressGone = true;
    }
  }
  (globalThis as Record<symbol, unknown>)[Symbol.for(PROGRESS)] = (phase: number, url: string) => progress(`${phase} ${url}`);

  // The PromQL texts the builders see (src/api/expressions-seen.ts), sent on in batches while the
  // definitions run, for totem-mon to parse meanwhile: a progress line each (`4 <JSON array>`),
  // written synchronously. Not on the IPC channel: its writes are asynchronous, and once one did not
  // fit in the socket (totem-mon busy for a moment while ~240 KiB of texts were told), it and every
  // later message waited for this process's event loop, which turns only once the definitions are
  // done; the texts then came all at once, at the end (most runs of the large benchmark). A
  // synchronous write waits instead, and only while totem-mon has that much still to read.
  let seen: string[] = [];
  let seenChars = 0;
  function sendSeen(): void {
    if (seen.length === 0) return;
    const texts = seen;
    seen = [];
    seenChars = 0;
    // Only a head start: what does not arrive, totem-mon parses later.
    progress(`${TEXTS} ${JSON.stringify(texts)}`);
  }
  (globalThis as Record<symbol, unknown>)[Symbol.for(EXPRESSIONS_SEEN)] = (text: string) => {
    seen.push(text);
    if ((seenChars += text.length) >= 24_000) sendSeen();
  };

  /** The load under way (request.loads, in turn). */
  let current: LoadTarget = request.loads?.[0] ?? { entry: '', dir: '' };
  /** Paths in sources are relative to the folder that holds the definitions folder (or to `base`); once per file and load. */
  let relatives = new Map<string, string>();
  function relative(file: string): string {
    let result = relatives.get(file);
    if (result === undefined) relatives.set(file, (result = path.relative(current.base ?? path.dirname(current.dir), file).split(path.sep).join('/')));
    return result;
  }

  // Source maps of the transformed modules, by file: kept as oxc wrote them, decoded when a position
  // in the file is first asked for.
  const mappings = new Map<string, string>();
  const decoded = new Map<string, DecodedMappings>();
  function mapsOf(file: string): DecodedMappings | undefined {
    let map = decoded.get(file);
    if (map === undefined) {
      const encoded = mappings.get(file);
      if (encoded === undefined) return undefined;
      decoded.set(file, (map = decodeMappings(encoded)));
      mappings.delete(file);
    }
    return map;
  }

  /** A position in the JavaScript that ran → the position in the user's TypeScript (a new object each time). */
  function original(file: string, line: number, column: number): SourceRef {
    const map = mapsOf(file);
    const at = map ? originalPosition(map, line, column) : undefined;
    return at ? { file: relative(file), line: at.line, column: at.column } : { file: relative(file), line, column };
  }

  // The call sites the API recorded for its sources (src/source-sites.ts), keyed by the source
  // objects: they cross beside the project, in the same message, so that the copies stay the keys
  // (`sites[i]` is the call site of `sources[i]`).
  let sources: SourceRef[] = [];
  let sites: CallSite[] = [];
  function mapSource(source: SourceRef): SourceRef {
    if (!path.isAbsolute(source.file)) return { ...source };
    const copy = original(source.file, source.line, source.column); // one object per source: the copies are keys, never shared
    const site = callSiteOf(source);
    if (site) {
      sources.push(copy);
      sites.push(site);
    }
    return copy;
  }

  /**
   * Where an error came from in the user's files: the first frame inside the definitions folder,
   * mapped back to the TypeScript (a TypeScript syntax error's frame is already there: no map).
   */
  function errorSource(error: unknown): SourceRef | undefined {
    const stack = error instanceof Error ? (error.stack ?? '') : '';
    for (const line of stack.split('\n')) {
      const match = /\(?((?:file:\/\/)?\/[^\s()]+?):(\d+):(\d+)\)?$/.exec(line.trim());
      if (!match) continue;
      const file = match[1]!.startsWith('file://') ? fileURLToPath(match[1]!) : match[1]!;
      if (file.startsWith(current.dir + path.sep)) return original(file, Number(match[2]), Number(match[3]));
    }
    return undefined;
  }

  let replied = false;
  /** Set with the reply after which the process exits: no further load starts. */
  let ending = false;
  /** The current load's reply; the process ends after it unless `more` (a load succeeded and another follows). */
  function reply(message: LoaderReply, more = false): void {
    if (replied) return;
    replied = true;
    ending ||= !more;
    if (ending) entry.beforeLastReply?.();
    try {
      if (more) send(message);
      else send(message, () => exit(0));
    } catch (error) {
      // Not cloneable after all (e.g. a function inside a Map): say so rather than hang.
      ending = true;
      const why = error instanceof Error ? error.message : String(error);
      send({ type: 'failed', message: `the project could not be handed over: ${why}` } satisfies LoaderReply, () => exit(0));
    }
  }

  /**
   * The current load ran and its project is copied: what it printed ends here (NEXT_LOAD), so that
   * totem-mon has all of it with the reply, without waiting for this process to end.
   */
  function endOfLoad(): void {
    process.stdout.write(NEXT_LOAD);
    process.stderr.write(NEXT_LOAD);
    progress('3');
  }

  /** The next load begins. */
  function nextLoad(target: LoadTarget): void {
    current = target;
    replied = false;
    exitCall = undefined;
    sources = [];
    sites = [];
    relatives = new Map();
  }

  /** process.exit() in a definition: recorded, and it stops the definition as an exit would. */
  class ExitDuringLoad extends Error {}
  let exitCall: { code: number; source?: SourceRef } | undefined;
  process.exit = ((code?: number | string | null) => {
    const error = new ExitDuringLoad('process.exit() called while loading');
    const source = errorSource(error);
    exitCall ??= { code: Number(code ?? process.exitCode ?? 0) || 0, ...(source ? { source } : {}) };
    throw error;
  }) as typeof process.exit;

  function fail(error: unknown): void {
    if (exitCall) return reply({ type: 'exited', ...exitCall });
    const message = error instanceof Error ? error.message.split('\n')[0]! : String(error);
    const source = errorSource(error);
    reply({ type: 'failed', message, ...(source ? { source } : {}) });
  }
  process.on('uncaughtException', fail);
  process.on('unhandledRejection', fail);

  // The API first (while a process started ahead of need waits for its loads): `import 'totem-mon'`
  // in the definitions is this very module instance.
  const modules = new DefinitionModules({
    selfEntry: request.selfEntry,
    api: await entry.api(request.selfEntry),
    loadPackageResolver: entry.loadPackageResolver,
    importModule: entry.importModule,
    transformed: (file, map) => mappings.set(file, map),
    read: noteRead,
  });

  /**
   * The loads of a process started ahead of need: waited for with the channel held (it was let go
   * above, and a listener does not hold it after that), let go again once they are here; totem-mon
   * gone first (it needed no loader after all), the process ends.
   */
  function loadsFromTotemMon(): Promise<LoadTarget[]> {
    return new Promise((resolve) => {
      const gone = () => exit(0);
      process.once('disconnect', gone);
      process.once('message', (message: LoadsMessage) => {
        process.off('disconnect', gone);
        process.channel?.unref();
        resolve(message.loads);
      });
      process.channel?.ref();
    });
  }

  /** totem-mon's own code (src/ or dist/, where the API is): its calls are not the definitions'. */
  const ownRoot = path.dirname(fileURLToPath(request.selfEntry)) + path.sep;

  const loads = request.loads ?? (await loadsFromTotemMon());
  current = loads[0]!;
  for (let i = 0; i < loads.length && !ending; i++) {
    const next = loads[i + 1];
    try {
      // Calls to the clock and to chance while the definitions run (nondeterminism.ts).
      const watching = watchNondeterminism({ own: (file) => file.startsWith(ownRoot), locate: original });
      // And the files they read, whichever way (reads.ts), for out/ to hold none of them.
      const reading = watchFileReads({ own: ownRoot });
      let nondeterministic: NondeterministicUse[];
      let files: FilesRead;
      let module: { default?: unknown };
      try {
        module = await modules.import(current.entry);
      } finally {
        files = reading.stop();
        nondeterministic = watching.stop();
      }
      sendSeen();
      if (exitCall) {
        reply({ type: 'exited', ...exitCall });
      } else {
        progress('2');
        const markers: MarkerPlace[] = [];
        const project = toTransferable(module.default, mapSource, markers);
        endOfLoad();
        reply({ type: 'loaded', project, sources, sites, markers, nondeterministic, files }, next !== undefined);
      }
    } catch (error) {
      fail(error);
    }
    if (next && !ending) nextLoad(next);
  }
}
