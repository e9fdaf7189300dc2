/**
 * The built loader process's entry (src/io/loader/spawn.ts, bin/run-bundle.js preforkLoader): runs
 * the loader's bundle from its code cache (loader-bundle.ts), or child.ts when the build left no
 * bundle. The API is the bundle's own copy, the very module `import 'totem-mon'` means there.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loaderBundle } from '../../own-files.js';
import { compileLoaderBundle, ENTRY_IMPORT, loadLoaderBundle, WRITE_LOADER_CODE_CACHE } from './loader-bundle.js';

const bundle = fileURLToPath(loaderBundle());
const compiled = compileLoaderBundle(bundle);
if (compiled === undefined) {
  await import('./child.js');
} else {
  const importModule = (url: string, options?: { with: Record<string, string> }) => import(url, options) as Promise<object>;
  (globalThis as Record<symbol, unknown>)[Symbol.for(ENTRY_IMPORT)] = importModule;
  const { api, runLoaderProcess } = loadLoaderBundle(compiled.script, bundle);
  // The build (scripts/bundle.mjs) has its loads leave what they compiled (the cache they started from included) as the cache.
  const out = process.env[WRITE_LOADER_CODE_CACHE];
  await runLoaderProcess({
    api: () => api,
    resolvePackage: (specifier, parentUrl) => import.meta.resolve(specifier, parentUrl),
    importModule,
    ...(out ? { beforeLastReply: () => writeFileSync(out, compiled.script.createCachedData()) } : {}),
  });
}
