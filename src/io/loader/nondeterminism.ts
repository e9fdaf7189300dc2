/**
 * Calls the definitions make, while they load, to what returns another value on every run: the
 * clock (`Date.now()`, `new Date()`, `performance.now()`, `process.hrtime()`), chance
 * (`Math.random()`, `crypto.randomUUID()`, `randomBytes`…). Whatever they feed into differs each
 * time `generate` runs, so `generate --check` can never pass (check definitions/nondeterministic).
 * Reading `process.env` is not one: CI sets it, and it is the same for every run of a job.
 *
 * The loader process watches only while a load runs: each of these functions is replaced by one
 * that notes where it was called from, then does what the original does. A call is the
 * definitions' when the frame that called it is not totem-mon's own code; it is placed at the first
 * frame in the user's files (not node_modules: a package the definitions call for a date counts at
 * that call). Node's own modules call their saved originals (primordials), never these. Nothing
 * else runs in between, so nothing is measurable unless the definitions make these calls; and a
 * definition calling one in a loop pays a stack trace per call only until MAX_NOTED calls.
 */
import { syncBuiltinESMExports } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { SourceRef } from '../../diagnostic.js';
import type { NondeterministicUse } from '../../nondeterministic-use.js';

export type { NondeterministicUse };

/** After this many calls, no more stack traces are taken (every distinct site has long been seen). */
const MAX_NOTED = 2_000;
/** Sites kept, at most (a report of more helps nobody). */
const MAX_SITES = 50;

export interface WatchOptions {
  /** Whether a file (an absolute path) is totem-mon's own code: its calls are not the definitions'. */
  own: (file: string) => boolean;
  /** A position in the JavaScript that ran → the user's TypeScript (source maps). */
  locate: (file: string, line: number, column: number) => SourceRef;
}

type Patch = { target: object; key: PropertyKey; before: PropertyDescriptor | undefined };

function fileOf(frame: NodeJS.CallSite): string | undefined {
  const name = frame.getFileName() ?? undefined;
  if (name === undefined || name.startsWith('node:')) return undefined;
  if (name.startsWith('file://')) {
    try {
      return fileURLToPath(name);
    } catch {
      return undefined;
    }
  }
  return name.startsWith('/') || /^[A-Za-z]:[\\/]/.test(name) ? name : undefined;
}

/** Where a call to a watched function is noted: the watch under way (one load at a time), if any. */
let current: ((api: string, above: Function) => void) | undefined;

const inPackage = (file: string): boolean => /[\\/]node_modules[\\/]/.test(file);

/**
 * Starts watching; `stop()` puts every original back and returns the uses seen (each site once, in
 * the order first met).
 */
export function watchNondeterminism(options: WatchOptions): { stop(): NondeterministicUse[] } {
  const uses = new Map<string, NondeterministicUse>();
  const patches: Patch[] = [];
  let noted = 0;

  // A function an earlier load's watch made may still be called: a named export of a builtin
  // (`import { randomUUID } from 'node:crypto'`) is linked once, while the load that first imported
  // it ran, and the loader keeps each builtin's module for the loads after it; a module shared by
  // the config and the definitions keeps what it took (`const D = Date`). So every replacement
  // notes to the watch under way (`current`), not to the one that made it; with none, to nobody.
  function note(api: string, above: Function): void {
    if (noted >= MAX_NOTED) return;
    noted++;
    const prepare = Error.prepareStackTrace;
    const limit = Error.stackTraceLimit;
    const holder: { stack?: NodeJS.CallSite[] } = {};
    try {
      Error.prepareStackTrace = (_, frames) => frames;
      Error.stackTraceLimit = 30;
      Error.captureStackTrace(holder, above);
      const frames = holder.stack;
      if (!Array.isArray(frames) || frames.length === 0) return;
      const caller = fileOf(frames[0]!);
      if (caller === undefined || options.own(caller)) return; // totem-mon's own call, or Node's
      for (const frame of frames) {
        const file = fileOf(frame);
        if (file === undefined || options.own(file) || inPackage(file)) continue;
        const line = frame.getLineNumber() ?? 1;
        const column = frame.getColumnNumber() ?? 1;
        const key = `${api}\u0000${file}\u0000${line}\u0000${column}`;
        if (!uses.has(key) && uses.size < MAX_SITES) uses.set(key, { api, source: options.locate(file, line, column) });
        return;
      }
    } catch {
      // a stack that cannot be read: not worth failing the load for
    } finally {
      Error.prepareStackTrace = prepare;
      Error.stackTraceLimit = limit;
    }
  }

  function patch(target: object, key: PropertyKey, value: unknown): void {
    const before = Object.getOwnPropertyDescriptor(target, key);
    if (before && !before.configurable) {
      if (!before.writable) return; // frozen: cannot be watched
      patches.push({ target, key, before });
      (target as Record<PropertyKey, unknown>)[key] = value;
      return;
    }
    patches.push({ target, key, before });
    Object.defineProperty(target, key, { value, writable: true, configurable: true, enumerable: before?.enumerable ?? false });
  }

  /** Replaces target[key], a function, with one that notes the call as `api`. */
  function watch(target: object | undefined, key: string, api: string): void {
    const original = target && (target as Record<string, unknown>)[key];
    if (typeof original !== 'function') return;
    const watched = {
      [key](this: unknown, ...args: unknown[]): unknown {
        current?.(api, watched);
        return Reflect.apply(original, this, args);
      },
    }[key]!;
    // Methods with properties of their own (process.hrtime.bigint) keep them.
    for (const own of Object.keys(original)) (watched as unknown as Record<string, unknown>)[own] = (original as unknown as Record<string, unknown>)[own];
    patch(target!, key, watched);
  }

  const RealDate = Date;
  // The stack is taken above the trap (a proxy is no frame of its own).
  const traps: ProxyHandler<DateConstructor> = {
    apply(target, thisArg, args) {
      current?.('Date()', traps.apply!);
      return Reflect.apply(target, thisArg, args);
    },
    construct(target, args, newTarget) {
      if (args.length === 0) current?.('new Date()', traps.construct!);
      return Reflect.construct(target, args, newTarget === WatchedDate ? target : newTarget);
    },
  };
  const WatchedDate: DateConstructor = new Proxy(RealDate, traps);
  watch(RealDate, 'now', 'Date.now()');
  patch(globalThis, 'Date', WatchedDate);
  watch(Math, 'random', 'Math.random()');
  watch(globalThis.performance, 'now', 'performance.now()');
  watch(process, 'hrtime', 'process.hrtime()');
  watch((process.hrtime as unknown as Record<string, unknown>) ?? undefined, 'bigint', 'process.hrtime.bigint()');
  watch(process, 'uptime', 'process.uptime()');
  const webcrypto = globalThis.crypto as unknown as object | undefined;
  watch(webcrypto, 'randomUUID', 'crypto.randomUUID()');
  watch(webcrypto, 'getRandomValues', 'crypto.getRandomValues()');
  // `import { randomUUID } from 'node:crypto'`: the module's object, then its ES module exports.
  // (getBuiltinModule: the loader's bundle has no import.meta to make a require from.)
  const nodeCrypto = (process as unknown as { getBuiltinModule(id: string): Record<string, unknown> }).getBuiltinModule('node:crypto');
  for (const key of ['randomUUID', 'randomBytes', 'randomInt', 'randomFillSync', 'pseudoRandomBytes', 'getRandomValues']) watch(nodeCrypto, key, `crypto.${key}()`);
  syncBuiltinESMExports();
  current = note;

  return {
    stop() {
      if (current === note) current = undefined;
      for (const p of patches.reverse()) {
        if (p.before && !p.before.configurable) (p.target as Record<PropertyKey, unknown>)[p.key] = p.before.value;
        else if (p.before) Object.defineProperty(p.target, p.key, p.before);
        else delete (p.target as Record<PropertyKey, unknown>)[p.key];
      }
      patches.length = 0;
      syncBuiltinESMExports();
      return [...uses.values()];
    },
  };
}
