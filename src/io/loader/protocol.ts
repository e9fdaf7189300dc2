import type { SourceRef } from '../../diagnostic.js';
import type { CallSite } from '../../source-sites.js';
import type { NondeterministicUse } from './nondeterminism.js';
import type { MarkerPlace } from './transfer.js';
import type { FilesRead } from './reads.js';

/** One file the loader process runs, its default export handed back. */
export interface LoadTarget {
  /** Absolute entry file, e.g. /repo/definitions/index.ts. */
  entry: string;
  /** Absolute definitions folder (the config file's folder when loading totem-mon.config.ts). */
  dir: string;
  /** The folder source paths are relative to; default: the one that holds `dir`. */
  base?: string;
}

/**
 * What the loader process is told (one JSON argument). A process started ahead of need
 * (bin/run-bundle.js, PREFORKED_LOADER) gets all but `loads` as its argument and its loads later,
 * in a LoadsMessage, once totem-mon knows them.
 */
export interface LoaderRequest {
  /**
   * The files to load, in order, each answered by a reply of its own: totem-mon.config.ts and then
   * the definitions share one process (one start-up, the API and oxc loaded once).
   * A load that fails ends the process: the loads after it never start.
   */
  loads: LoadTarget[];
  /** URL of the API that `import 'totem-mon'` means. */
  selfEntry: string;
}

/** The part of a request a process started ahead of need is given first (its argument). */
export type LoaderBoot = Omit<LoaderRequest, 'loads'>;

/** The loads of a process started ahead of need, sent once totem-mon knows them. */
export interface LoadsMessage {
  type: 'loads';
  loads: LoadTarget[];
}

/**
 * `globalThis[Symbol.for(PREFORKED_LOADER)]`: a loader process bin/run-bundle.js started before the
 * bundle compiled (a ChildProcess, given a LoaderBoot), for the first load to take
 * (src/io/loader/spawn.ts).
 */
export const PREFORKED_LOADER = 'totem-mon.loader.preforked';

/** The message the loader process sends back for each load (structured clone over its IPC channel). */
export type LoaderReply =
  | {
      type: 'loaded';
      project: unknown;
      /**
       * The builder call sites of the project's sources (src/source-sites.ts): `sites[i]` is that of
       * `sources[i]`, a source object of the copy in `project` (two lists, not 15,000 pairs; the
       * sites are shared per file and builder, so each crosses once).
       */
      sources: SourceRef[];
      sites: CallSite[];
      markers: MarkerPlace[];
      /** Calls to the clock or to chance the definitions made while they ran (nondeterminism.ts). */
      nondeterministic?: NondeterministicUse[];
      /** The files the definitions read and the folders they listed while they ran (reads.ts). */
      files?: FilesRead;
    }
  | { type: 'failed'; message: string; source?: SourceRef }
  | { type: 'exited'; code: number; source?: SourceRef };

/**
 * File descriptor 3 of the loader process carries progress lines written synchronously, so they
 * arrive even when the process then loops forever: `0 <url>` a definition module starts running,
 * `1 <url>` it finished, `2` the project is being handed over, `3` the load's output ends here
 * (NEXT_LOAD), `4 <JSON array>` PromQL texts the builders saw while the definitions ran
 * (src/api/expressions-seen.ts), so that totem-mon parses them meanwhile. A load's lines come
 * before its `3`, in order, whole.
 */
export const PROGRESS_FD = 3;

/** The progress phase of a line of PromQL texts (PROGRESS_FD). */
export const TEXTS = '4';

/**
 * Written to the loader's stdout and stderr when a load is done, just before its reply: what each
 * load printed is told apart, and totem-mon has all of it with the reply, without waiting for the
 * process to end (both are pipes, written synchronously, in order).
 */
export const NEXT_LOAD = '\u0000totem-mon:next-load\u0000';

/**
 * `globalThis[Symbol.for(PROGRESS)]` is called when a definition module starts (0) and ends (1)
 * running (transform.ts adds the calls, loader-process.ts answers them).
 */
export const PROGRESS = 'totem-mon.loader.progress';
