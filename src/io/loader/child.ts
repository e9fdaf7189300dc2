/**
 * The loader process's entry from src/ (tests, scripts/dev.mjs) and in a build without the loader's
 * bundle: the API imported as a module (the one `import 'totem-mon'` means), then the loads
 * (loader-process.ts). A build runs boot.cts instead, the same modules bundled.
 */
import { runLoaderProcess } from './loader-process.js';

await runLoaderProcess({
  api: (selfEntry) => import(selfEntry) as Promise<object>,
  loadPackageResolver: async () => (specifier, parentUrl) => import.meta.resolve(specifier, parentUrl),
  importModule: (url, options) => import(url, options) as Promise<object>,
});
