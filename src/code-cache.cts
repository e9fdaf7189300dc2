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
import vm from 'node:vm';

export interface CompiledBundle {
  script: vm.Script;
  /** 'accepted', 'rejected' (made by another Node, other flags or another build) or 'none'. */
  cache: 'accepted' | 'rejected' | 'none';
}

/**
 * Compiles `file` with the code cache `cacheFile` when there is one. Strict, as the ES modules it is
 * bundled from are; the wrapper shares the bundle's first line, so positions in stack traces stay
 * those of the file. `dynamicImport`: the bundle's `import()` goes to Node's default loader (the
 * CLI's and the worker's); without it (the loader's) the bundle imports through its entry instead.
 */
export function compileWithCache(file: string, cacheFile: string, { dynamicImport = true }: { dynamicImport?: boolean } = {}): CompiledBundle {
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
