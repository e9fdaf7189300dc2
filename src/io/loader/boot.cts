/**
 * The built loader process's entry (src/io/loader/spawn.ts, bin/run-bundle.js preforkLoader): runs
 * the loader's bundle from its code cache (loader-bundle.cts), or child.ts when the build left no
 * bundle. The API is the bundle's own copy, the very module `import 'totem-mon'` means there.
 * CommonJS: an ES module entry would start Node's ES module loader first (~8 ms of CPU before
 * anything else); it starts only if a definition imports a package or names `meta` (vm-modules.ts).
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { compileLoaderBundle, ENTRY_IMPORT, loadLoaderBundle, WRITE_LOADER_CODE_CACHE } from './loader-bundle.cjs';
import type { PackageResolver } from './vm-modules.js';

// This file is never bundled, so its own folder is where it is (src/own-files.ts, which other code
// asks, is an ES module: a CommonJS module cannot require one on Node 20).
const bundle = path.join(__dirname, '../../totem-mon-loader.cjs');
const importModule = (url: string, options?: { with: Record<string, string> }) => import(url, options) as Promise<object>;

function run(): Promise<unknown> {
  const compiled = compileLoaderBundle(bundle);
  if (compiled === undefined) return import('./child.js');
  (globalThis as Record<symbol, unknown>)[Symbol.for(ENTRY_IMPORT)] = importModule;
  const { api, runLoaderProcess } = loadLoaderBundle(compiled.script, bundle);
  // The build (scripts/bundle.mjs) has its loads leave what they compiled (the cache they started from included) as the cache.
  const out = process.env[WRITE_LOADER_CODE_CACHE];
  return runLoaderProcess({
    api: () => api,
    loadPackageResolver: async () => ((await import('./package-resolver.js')) as { resolvePackage: PackageResolver }).resolvePackage,
    importModule,
    ...(out ? { beforeLastReply: () => writeFileSync(out, compiled.script.createCachedData()) } : {}),
  });
}

// As for an ES module entry's top-level await: a process whose loads are still under way when
// nothing is left to run (a definition's top-level await that can never settle) ends with Node's
// exit code 13 (unless it was given one), which totem-mon reports as such (src/io/load.ts).
const unsettled = () => {
  process.exitCode ??= 13;
};
process.on('exit', unsettled);
void run().then(() => process.off('exit', unsettled));
