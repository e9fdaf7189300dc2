/**
 * The files the definitions read while they load, beside the modules they import (vm-modules.ts),
 * for generate to keep out/ apart from them (src/io/out-folder.ts assertOutHoldsNoSources): a file
 * out/ holds would be written over, or removed as stale, by the very run that read it.
 *
 * Every way a definition reads a file goes through Node's `fs` module object (the one `node:fs`,
 * `fs`, `node:fs/promises` (its `promises`), `require('fs')` and `process.getBuiltinModule` all give)
 * or through a module loader: Node's CommonJS loader reads what `require` loads with that same
 * `fs.readFileSync` (createRequire, a `.cjs` imported), and what the definitions import, Node
 * imports or this loader reads, vm-modules.ts notes (noteRead). So the loader process replaces,
 * while a load runs only (as nondeterminism.ts does for the clock), the functions of that object
 * that open a file or list a folder by its path with ones that note the path, resolved then, once
 * (a Set), and call the original: no stack trace, nothing else per call. A file descriptor or
 * FileHandle read is noted where it was opened. Files read by another process or thread the
 * definitions start are not seen: what it is given to run and to read is noted instead (the
 * script of a Worker and its argv, the program, module, arguments and cwd of child_process's
 * spawn, execFile, fork and their Sync forms, the words of an exec command line), when it names a
 * file or folder that exists (noteStarted); what it reads by names it makes itself is not.
 */
import fs from 'node:fs';
import Module, { syncBuiltinESMExports } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** What a load read: files (opened for reading, copied from: a folder copied counts whole) and folders (listed). Absolute paths, sorted. */
export interface FilesRead {
  read: string[];
  listed: string[];
}

/** The functions that open a file by its first argument (fs and fs.promises), and those that list a folder. */
const OPEN = ['readFileSync', 'readFile', 'openSync', 'open', 'createReadStream', 'openAsBlob', 'copyFileSync', 'copyFile', 'cpSync', 'cp'] as const;
const PROMISES_OPEN = ['readFile', 'open', 'copyFile', 'cp'] as const;
const LIST = ['readdirSync', 'readdir', 'opendirSync', 'opendir'] as const;
const PROMISES_LIST = ['readdir', 'opendir'] as const;

/** The watch under way (one load at a time), and how deep totem-mon's own reads are nested (untracked). */
let current: { read: Set<string>; listed: Set<string>; own: string | undefined } | undefined;
let ownDepth = 0;

/**
 * Installed packages are not the user's files: a package the definitions require reads its own
 * modules (hundreds, for some), and generate never writes into node_modules. Nor are they noted
 * when imported (Node's ES module loader reads them where nothing sees it).
 */
const PACKAGE = `${path.sep}node_modules${path.sep}`;

/** A path argument of fs (string, Buffer, file: URL) as an absolute path; undefined for a descriptor, what is none, or a package's file. */
function pathOf(value: unknown): string | undefined {
  let file: string | undefined;
  try {
    if (typeof value === 'string') file = value === '' ? undefined : path.resolve(value);
    else if (value instanceof URL) file = value.protocol === 'file:' ? fileURLToPath(value) : undefined;
    else if (Buffer.isBuffer(value)) file = path.resolve(value.toString('utf8'));
  } catch {
    return undefined; // not a path fs would take: it throws itself
  }
  return file === undefined || !usersFile(file) ? undefined : file;
}

/** Not a package's file, nor one of totem-mon's own (its API's modules, which `synth()` imports, say). */
function usersFile(file: string): boolean {
  return !file.includes(PACKAGE) && (current?.own === undefined || !file.startsWith(current.own));
}

/** Whether `open`'s flags read: none (`'r'`), a string with r or +, or numeric flags that are not write-only. */
function reads(flags: unknown): boolean {
  if (flags === undefined || flags === null) return true;
  if (typeof flags === 'string') return /[r+]/.test(flags);
  if (typeof flags === 'number') return (flags & 3) !== fs.constants.O_WRONLY;
  return true;
}

/** Notes a file the load read (vm-modules.ts: a module of the graph, or one Node imports). */
export function noteRead(file: string): void {
  if (current === undefined || ownDepth > 0) return;
  const absolute = path.resolve(file);
  if (usersFile(absolute)) current.read.add(absolute);
}

/** Runs totem-mon's own work in the loader (loading oxc, say): what it reads is not the definitions'. */
export function untracked<T>(work: () => T): T {
  ownDepth++;
  try {
    return work();
  } finally {
    ownDepth--;
  }
}

/** Whether Node loaded one of its modules (`child_process`) already. */
const builtinLoaded = (name: string): boolean => (process as unknown as { moduleLoadList: string[] }).moduleLoadList.includes(`NativeModule ${name}`);

/** Runs a note; one that fails (an argument of a shape we do not read) never fails the user's call. */
function noteQuietly(note: () => void): void {
  try {
    note();
  } catch {
    // not noted: the call goes on as it would
  }
}

/** The words of a shell command line, quotes taken off (no expansion: `$HOME/x` is not followed). */
function shellWords(line: string): string[] {
  return [...line.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3]!);
}

/**
 * What a process or thread the definitions start is given: each argument that names a file or folder
 * that exists (resolved against the `cwd` it is given, else the current folder; after `=` in
 * `--flag=path`), the program or script itself (a path), and the `cwd` it is given: noted as read (a
 * folder counts whole). What it reads besides, by names it makes itself, is not seen.
 */
function noteStarted(values: readonly unknown[], options: { cwd?: unknown } | undefined): void {
  const watch = current;
  if (watch === undefined) return;
  const cwd = typeof options?.cwd === 'string' ? path.resolve(options.cwd) : options?.cwd instanceof URL ? fileURLToPath(options.cwd) : process.cwd();
  const add = (file: string | undefined) => {
    if (file !== undefined && usersFile(file) && fs.statSync(file, { throwIfNoEntry: false }) !== undefined) watch.read.add(file);
  };
  if (options?.cwd !== undefined) add(cwd);
  for (const value of values) {
    if (value instanceof URL) {
      if (value.protocol === 'file:') add(fileURLToPath(value));
      continue;
    }
    if (typeof value !== 'string' || value === '' || value.includes('\0')) continue;
    const text = value.startsWith('-') && value.includes('=') ? value.slice(value.indexOf('=') + 1) : value;
    if (text === '' || text.startsWith('-')) continue;
    add(text.startsWith('file://') ? fileURLToPath(text) : path.resolve(cwd, text));
  }
}

type Patch = { target: Record<string, unknown>; key: string; before: PropertyDescriptor | undefined };

/** Node's fs/promises is loaded (`node:fs/promises`, `fs.promises`): patching it costs nothing then. */
const promisesLoaded = (): boolean => (process as unknown as { moduleLoadList: string[] }).moduleLoadList.includes('NativeModule internal/fs/promises');

/** The watch's hook for a builtin a definition imported (vm-modules.ts): `node:fs/promises` is patched once it is there. */
let onBuiltin: (() => void) | undefined;

/** A builtin module was imported for the definitions: what it brought is watched too (fs/promises). */
export function builtinImported(): void {
  onBuiltin?.();
}

/**
 * Starts noting what the definitions read (`own`: the folder of totem-mon's own code, whose files
 * are not theirs); `stop()` puts every original back and returns it.
 * fs.promises is patched only once something loaded it: loading it costs ~1–2 ms of the loader's
 * start, which a load that never uses it does not pay. Until then its ways in are watched: the
 * `promises` getter of fs, an import of `node:fs/promises` (builtinImported), `require` and
 * `process.getBuiltinModule`.
 */
export function watchFileReads(options: { own?: string } = {}): { stop(): FilesRead } {
  const read = new Set<string>();
  const listed = new Set<string>();
  current = { read, listed, own: options.own };
  const patches: Patch[] = [];

  function define(target: Record<string, unknown>, key: string, descriptor: PropertyDescriptor): void {
    patches.push({ target, key, before: Object.getOwnPropertyDescriptor(target, key) });
    Object.defineProperty(target, key, descriptor);
  }

  /** Puts `watched` in place of `original` at `target[key]`, keeping its own properties (promisify's custom form and others). */
  function install(target: Record<string, unknown>, key: string, original: object, watched: object): void {
    for (const own of Reflect.ownKeys(original)) {
      if (own === 'length' || own === 'name' || own === 'prototype') continue;
      const descriptor = Object.getOwnPropertyDescriptor(original, own);
      if (descriptor) Object.defineProperty(watched, own, descriptor);
    }
    const before = Object.getOwnPropertyDescriptor(target, key);
    define(target, key, { value: watched, writable: true, configurable: true, enumerable: before?.enumerable ?? true });
  }

  // A function replaced by an earlier load's watch may still be called (a named import of `node:fs`
  // the config took is the very one the definitions take: the loader keeps each builtin's module
  // once), so what a call notes goes to the watch under way, not to the one that made it.
  function replace(target: Record<string, unknown>, key: string, into: 'read' | 'listed'): void {
    const original = target[key];
    if (typeof original !== 'function') return;
    // open and openSync take flags: a file only written is not read.
    const flagged = key === 'open' || key === 'openSync';
    const watched = {
      [key](this: unknown, ...args: unknown[]): unknown {
        const watch = current;
        if (watch !== undefined && ownDepth === 0 && (!flagged || reads(args[1]))) {
          const file = pathOf(args[0]);
          if (file !== undefined) watch[into].add(file);
        }
        return Reflect.apply(original, this, args);
      },
    }[key]!;
    install(target, key, original, watched);
  }

  // Another process or thread the definitions start reads where this one sees nothing: what it is
  // given to run, and the paths it is given, are noted as read (see watchStarted).
  function replaceStarter(target: Record<string, unknown>, key: string, note: (args: unknown[]) => void): void {
    const original = target[key];
    if (typeof original !== 'function') return;
    const watched = {
      [key](this: unknown, ...args: unknown[]): unknown {
        if (current !== undefined && ownDepth === 0) noteQuietly(() => note(args));
        return Reflect.apply(original, this, args);
      },
    }[key]!;
    install(target, key, original, watched);
  }

  const getBuiltin = (process as unknown as { getBuiltinModule(id: string): Record<string, unknown> }).getBuiltinModule.bind(process);
  let childProcessWatched = false;
  let workersWatched = false;
  /** child_process and worker_threads, once loaded (loading them costs what a load that starts nothing should not pay). */
  const watchStarted = (): void => {
    if (current?.read !== read) return;
    if (!childProcessWatched && builtinLoaded('child_process')) {
      childProcessWatched = true;
      const child = getBuiltin('node:child_process');
      // (command or file, args?, options?): spawn, spawnSync, execFile, execFileSync; fork(module, args?, options?).
      for (const key of ['spawn', 'spawnSync', 'execFile', 'execFileSync', 'fork']) {
        replaceStarter(child, key, (args) => {
          const list = Array.isArray(args[1]) ? (args[1] as unknown[]) : [];
          const options = (Array.isArray(args[1]) ? args[2] : args[1]) as { cwd?: unknown } | undefined;
          noteStarted([args[0], ...list], options);
        });
      }
      // (command line, options?): exec, execSync run it in a shell; its words that name a file or folder are noted.
      for (const key of ['exec', 'execSync']) {
        replaceStarter(child, key, (args) => noteStarted(typeof args[0] === 'string' ? shellWords(args[0]) : [], args[1] as { cwd?: unknown } | undefined));
      }
    }
    if (!workersWatched && builtinLoaded('worker_threads')) {
      workersWatched = true;
      const threads = getBuiltin('node:worker_threads');
      const Original = threads['Worker'] as (new (...args: unknown[]) => object) | undefined;
      if (typeof Original === 'function') {
        // new Worker(file or URL, { argv, eval }): the script it runs (not code given with eval: true), and its argv.
        const Worker = class Worker extends Original {
          constructor(...args: unknown[]) {
            if (current !== undefined && ownDepth === 0) {
              const options = args[1] as { eval?: unknown; argv?: unknown } | undefined;
              noteQuietly(() => noteStarted([...(options?.eval ? [] : [args[0]]), ...(Array.isArray(options?.argv) ? options.argv : [])], undefined));
            }
            super(...args);
          }
        };
        define(threads, 'Worker', { value: Worker, writable: true, configurable: true, enumerable: Object.getOwnPropertyDescriptor(threads, 'Worker')?.enumerable ?? true });
      }
    }
    syncBuiltinESMExports();
  };
  watchStarted();

  const sync = fs as unknown as Record<string, unknown>;
  for (const key of OPEN) replace(sync, key, 'read');
  for (const key of LIST) replace(sync, key, 'listed');

  let promisesWatched = false;
  const watchPromises = (): void => {
    if (promisesWatched || current?.read !== read) return;
    promisesWatched = true;
    const promises = (patches.find((p) => p.key === 'promises')?.before?.get?.call(fs) ?? fs.promises) as unknown as Record<string, unknown>;
    for (const key of PROMISES_OPEN) replace(promises, key, 'read');
    for (const key of PROMISES_LIST) replace(promises, key, 'listed');
    syncBuiltinESMExports();
  };
  if (promisesLoaded()) watchPromises();
  if (!promisesLoaded()) {
    const getter = Object.getOwnPropertyDescriptor(fs, 'promises');
    if (getter?.get && getter.configurable) {
      define(sync, 'promises', {
        configurable: true,
        enumerable: getter.enumerable ?? true,
        get() {
          const value = getter.get!.call(this);
          watchPromises();
          return value;
        },
      });
    }
  }
  {
    const later = () => {
      if (promisesLoaded()) watchPromises();
      if (!childProcessWatched || !workersWatched) watchStarted();
    };
    onBuiltin = later;
    const module = Module as unknown as Record<string, unknown>;
    const load = module['_load'];
    if (typeof load === 'function') {
      define(module, '_load', {
        value: function (this: unknown, ...args: unknown[]) {
          const exports = Reflect.apply(load, this, args);
          later();
          return exports;
        },
        writable: true,
        configurable: true,
        enumerable: Object.getOwnPropertyDescriptor(module, '_load')?.enumerable ?? true,
      });
    }
    const builtin = (process as unknown as Record<string, unknown>)['getBuiltinModule'];
    if (typeof builtin === 'function') {
      define(process as unknown as Record<string, unknown>, 'getBuiltinModule', {
        value: function (this: unknown, ...args: unknown[]) {
          const exports = Reflect.apply(builtin, this, args);
          later();
          return exports;
        },
        writable: true,
        configurable: true,
        enumerable: Object.getOwnPropertyDescriptor(process, 'getBuiltinModule')?.enumerable ?? true,
      });
    }
  }
  // `import { readFileSync } from 'node:fs'` reads the module's exports as they are now.
  syncBuiltinESMExports();

  return {
    stop() {
      if (current?.read === read) current = undefined;
      onBuiltin = undefined;
      for (const { target, key, before } of patches.reverse()) {
        if (before) Object.defineProperty(target, key, before);
        else delete target[key];
      }
      patches.length = 0;
      syncBuiltinESMExports();
      return { read: [...read].sort(), listed: [...listed].sort() };
    },
  };
}
