/**
 * Where totem-mon's own files are. This module sits directly in the package's code root (src/ from
 * source, dist/ when built), and so does the bundled CLI (dist/totem-mon.cjs, scripts/bundle.mjs), in
 * which every module's `import.meta.url` is the bundle's. So paths to other own files (the loader
 * process, the API the definitions import) are made here, never from a module's own location.
 */
import { fileURLToPath } from 'node:url';

const here = import.meta.url;
const extension = here.endsWith('.ts') ? '.ts' : '.js';

/** Whether this is running from src/ (tests, scripts/dev.mjs) rather than from dist/. */
export const fromSource = extension === '.ts';

/** The code root, src/ or dist/, as an absolute path without a trailing separator. */
export const ownRoot = fileURLToPath(new URL('.', here)).replace(/[\\/]$/, '');

/** One of totem-mon's own modules, by its path under the root without extension (`io/loader/child`). */
export function ownModule(name: string): URL {
  return new URL(`./${name}${extension}`, here);
}

/** A file of the repository, relative to the folder above the code root (`scripts/ts-register.mjs`). */
export function repositoryFile(relative: string): URL {
  return new URL(`../${relative}`, here);
}

/**
 * The compile worker's entry (src/app/compile-thread.ts): bin/run-compile-worker.cjs, which runs
 * the worker's bundle, dist/totem-mon-compile-worker.cjs, from its code cache (scripts/bundle.mjs);
 * undefined from src/, where a worker would need the TypeScript hooks first.
 */
export function compileWorkerModule(): URL | undefined {
  return fromSource ? undefined : repositoryFile('bin/run-compile-worker.cjs');
}

/** The built loader process's entry, dist/io/loader/boot.cjs (src/io/loader/boot.cts: CommonJS, unlike the modules ownModule names). */
export function builtLoaderEntry(): URL {
  return new URL('./io/loader/boot.cjs', here);
}
