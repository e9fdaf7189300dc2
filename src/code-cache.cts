/**
 * A CommonJS bundle of the build (scripts/bundle.mjs) compiled with the V8 code cache the build left
 * beside it, and run as CommonJS's module wrapper would run it: the CLI (bin/run-bundle.js), the
 * compile worker (bin/run-compile-worker.cjs) and the loader process (io/loader/loader-bundle.cts).
 * Node 20 keeps no compile cache for ES modules (module.enableCompileCache is Node 22), hence
 * CommonJS bundles run through vm.Script, which takes one. V8 checks a cache against its own
 * version, the V8 flags and the source, and rejects one that does not match: the bundle then
 * compiles as it would without one, lazily, function by function. CommonJS itself, so that the
 * launchers and the loader's entry can require it without starting Node's ES module loader.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';

export interface CompiledBundle {
  script: vm.Script;
  /** 'accepted', 'rejected' (made by another Node, other flags or another build) or 'none'. */
  cache: 'accepted' | 'rejected' | 'none';
}

/**
 * How much a function runs before V8 considers it for its optimising compiler: twice V8's default
 * (`--interrupt-budget`, 66 KiB of bytecode executed; read at each reset of a function's budget, so
 * set at run time it holds for the thread that sets it and every later one). A run of totem-mon is
 * short: with the default, TurboFan optimised hundreds of functions that ran briefly (round 12's
 * perf: ~0.8 s of the large set's CPU, on V8's helper threads), on the cores the main thread, the
 * loader, the compile worker and validate's tools need. With twice the budget, the instructions of
 * one `generate --check` (callgrind, V8 single-threaded): Totem −6.0%, medium −4.6%; four times:
 * −7.6% and −8.6%, but the large set's `generate` no faster (its hot loops optimised later).
 */
export const V8_TIERING = '--interrupt-budget=135168';

/**
 * Compiles `file` with the code cache `cacheFile` when there is one. Strict, as the ES modules it is
 * bundled from are; the wrapper shares the bundle's first line, so positions in stack traces stay
 * those of the file. `dynamicImport`: the bundle's `import()` goes to Node's default loader (the
 * CLI's and the worker's); without it (the loader's) the bundle imports through its entry instead.
 * `tiering`: V8_TIERING is set first (V8 takes a code cache only under the flags it was made with,
 * those set at run time included; the compile worker's thread sets the value its process has
 * already set). Not in the loader process: the builders are a large project's hot code there, and
 * its load took ~80 ms longer with it (the large set, medians of 8).
 */
export function compileWithCache(
  file: string,
  cacheFile: string,
  { dynamicImport = true, tiering = true }: { dynamicImport?: boolean; tiering?: boolean } = {},
): CompiledBundle {
  if (tiering) v8.setFlagsFromString(V8_TIERING);
  const source = readFileSync(file, 'utf8');
  let cachedData: Buffer | undefined;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    // No cache (a build without one): compiled as usual.
  }
  const wrapped = `(function (exports, require, module, __filename, __dirname) { 'use strict'; ${source}\n})`;
  const script = new vm.Script(wrapped, {
    filename: file,
    ...(cachedData ? { cachedData } : {}),
    ...(dynamicImport ? { importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER } : {}),
  });
  return { script, cache: cachedData === undefined ? 'none' : script.cachedDataRejected ? 'rejected' : 'accepted' };
}

/** Runs a compiled bundle's top level (`file` is its path), as CommonJS would; returns its exports. */
export function runCompiled<T = Record<string, unknown>>(script: vm.Script, file: string): T {
  const module = { exports: {} as T };
  (script.runInThisContext() as (...args: unknown[]) => void)(module.exports, createRequire(file), module, file, path.dirname(file));
  return module.exports;
}
