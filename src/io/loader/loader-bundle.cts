/**
 * The built loader: loader-process.ts and the API as one CommonJS bundle, dist/totem-mon-loader.cjs
 * (scripts/bundle.mjs), compiled with the V8 code cache the build made beside it, as bin/run-bundle.js
 * runs the CLI. Node's ES module loader would read, resolve, compile and link some 35 modules
 * first (Node 20 keeps no compile cache for ES modules), and compile the API's builders on their
 * first call. The cache is made by the build's own loads, under the loader's flags (V8 refuses
 * one made under other flags, another V8 or for another source: the bundle then compiles as it
 * would without one).
 */
import { existsSync } from 'node:fs';
import v8 from 'node:v8';
import type vm from 'node:vm';
import { compileWithCache, runCompiled, type CompiledBundle } from '../../code-cache.cjs';
import type { runLoaderProcess } from './loader-process.js';

/** Set by the build only: the file the loader process writes its bytecode to, before its last reply. */
export const WRITE_LOADER_CODE_CACHE = 'TOTEM_MON_WRITE_LOADER_CODE_CACHE';

/**
 * `globalThis[Symbol.for(ENTRY_IMPORT)]`: import() of a URL, set by boot.cts, the bundle's entry, for the API's `synth()`/`lint()`, whose use cases stay dist/'s own modules
 * (scripts/bundle.mjs bundles a stand-in for src/app/synth.ts that imports it through this).
 */
export const ENTRY_IMPORT = 'totem-mon.loader.import';

/** What the bundle exports: the API (the one `import 'totem-mon'` means) and the process's run. */
export interface LoaderBundleExports {
  api: object;
  runLoaderProcess: typeof runLoaderProcess;
}

/**
 * The loader process's young generation stays at V8's first size (semi-spaces of 1 MiB, not up to
 * 16): what the definitions build lives until the hand-over, so a scavenge copies about the same
 * survivors whatever its size, and a larger one only stays resident (the large benchmark's loader
 * peaked ~130 MiB with semi-spaces of 2 MiB, ~167 MiB with V8's default). V8 reads its growth
 * factor at each growth; at 1 it grows no more. Set at run time, not as `--max-semi-space-size` on
 * the command line: Node starts ~9 ms slower with any heap size flag, and the loader's start is the
 * longest path of a small project's run. (From src/, child.ts, the loader keeps V8's default.)
 */
export const LOADER_YOUNG_GENERATION = '--semi-space-growth-factor=1';

/**
 * The bundle compiled with its cache when there is one (../../code-cache.cts); undefined without a
 * bundle. First holds the young generation (LOADER_YOUNG_GENERATION): V8 takes a code cache only
 * under the flags it was made with, those set at run time included, and the build's loads made it
 * under that one.
 */
export function compileLoaderBundle(bundle: string, cacheFile = `${bundle}.cache`): CompiledBundle | undefined {
  v8.setFlagsFromString(LOADER_YOUNG_GENERATION);
  if (!existsSync(bundle)) return undefined;
  // Without Node's dynamic import: on Node 20 code compiled from a cache loses it (import() then
  // fails with "A dynamic import callback was not specified"), and Node's default loader for it
  // prints an experimental warning on the user's standard error. The bundle imports through its
  // entry's import() instead (ENTRY_IMPORT, vm-modules.ts importModule).
  return compileWithCache(bundle, cacheFile, { dynamicImport: false, tiering: false });
}

/** Runs the compiled bundle's top level (nothing runs at import time: it only defines), as CommonJS would; its exports. */
export function loadLoaderBundle(script: vm.Script, bundle: string): LoaderBundleExports {
  return runCompiled<LoaderBundleExports>(script, bundle);
}
