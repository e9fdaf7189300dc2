import { existsSync } from 'node:fs';
import path from 'node:path';

// `import … from './metrics.js'` is how TypeScript (NodeNext) wants relative imports written, but
// the file on disk is metrics.ts. The loader's resolve hook asks this first: one or two stat calls,
// instead of a failed resolution per import (seconds for a large repository).
const RELATIVE_JS = /^(\.{1,2})?\/.*\.(m|c)?js$/; // relative, or an absolute path

/** The `.ts` (`.mts`, `.cts`) file a relative (or absolute) `.js` specifier means, when only the TypeScript file exists. */
export function tsFileFor(specifier: string, parentFile: string): string | undefined {
  const match = RELATIVE_JS.exec(specifier);
  if (!match) return undefined;
  const js = path.resolve(path.dirname(parentFile), specifier);
  const ts = `${js.slice(0, -2)}ts`;
  return existsSync(ts) && !existsSync(js) ? ts : undefined;
}

// Imports written without an extension (`./metrics`, `./alerts/index`) or naming a folder: the
// candidates tried in order, as TypeScript's bundler resolution would.
const EXTENSIONLESS = ['.ts', '.mts', '.js', '.mjs', '/index.ts', '/index.mts', '/index.js', '/index.mjs'];

/** The file a relative specifier without a known extension means, if one of the candidates exists. */
export function fileWithoutExtension(specifier: string, parentFile: string): string | undefined {
  if (!/^(\.{1,2}(\/|$)|\/)/.test(specifier)) return undefined;
  const base = path.resolve(path.dirname(parentFile), specifier);
  for (const suffix of EXTENSIONLESS) {
    const candidate = base + suffix;
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}
